import type { Settings } from '../core';
import type { CliOptions } from './args';
import type { InputFile } from './files';

/** `preview FILE`: filled in with the identity engine. */
export function runPreview(_o: CliOptions, _files: InputFile[], _settings: Settings): number {
  process.stderr.write('statefulset-tools: preview is not available yet\n');
  return 2;
}
