/**
 * Files in, findings out, nothing printed: what `check` prints and what the programmatic API
 * (src/api.ts) returns. Apart from main.ts because that module runs the command when loaded.
 */
import { analyze, DocumentCache, WorkspaceIndex, type Settings } from '../core';
import type { InputFile } from './files';
import { FILE_UNREADABLE, toMessages, type FileResult } from './format';

/** Checks files; objects in any of them resolve references from the others (two passes). */
export function checkFiles(files: readonly InputFile[], settings: Settings): FileResult[] {
  const index = new WorkspaceIndex();
  const caches = new Map<string, DocumentCache>();
  const uriOf = (i: number): string => `file-${i}`;
  files.forEach((f, i) => {
    if (f.text === undefined) return;
    const cache = new DocumentCache();
    caches.set(uriOf(i), cache);
    analyze(f.text, { uri: uriOf(i), settings, index, cache });
  });
  return files.map((f, i) => {
    if (f.text === undefined) {
      return { filePath: f.path, messages: [{ ruleId: FILE_UNREADABLE.id, severity: 'error', message: `File not checked: ${f.problem ?? 'unreadable'}.`, line: 1, column: 1, endLine: 1, endColumn: 1 }] };
    }
    const a = analyze(f.text, { uri: uriOf(i), settings, index, cache: caches.get(uriOf(i)) });
    return { filePath: f.path, messages: toMessages(f.text, a.findings) };
  });
}
