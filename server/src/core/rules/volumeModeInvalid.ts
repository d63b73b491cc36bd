import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, reportIfNotOneOf } from './util';

export const volumeModeInvalid: Rule = {
  meta: {
    id: 'volume-mode-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A claim template volumeMode is neither Filesystem nor Block.',
    docs: 'volumeMode is `Filesystem` (the default: the volume is formatted and mounted) or `Block` (a raw device for volumeDevices), exact case; an empty string is not accepted. Since 1.34 the API server rejects other values; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  volumeMode: Block',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        reportIfNotOneOf(ctx, pairOf(t.spec, 'volumeMode')?.value, ['Filesystem', 'Block'], { path: `${t.path}.volumeMode`, what: 'volumeMode', emptyIsDefault: false, note: claimSpecNote(ctx, t) });
      }
    });
  },
};
