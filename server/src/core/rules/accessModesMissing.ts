import { asSeq, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet } from './util';

export const accessModesMissing: Rule = {
  meta: {
    id: 'access-modes-missing',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A volume claim template has no accessModes.',
    docs: 'A claim must say how its volume may be attached, with at least one entry in `spec.accessModes` (usually ReadWriteOnce). Since 1.34 the API server rejects a claim template without any; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        const pair = pairOf(t.spec, 'accessModes');
        if (pair?.value && pair.value.kind !== 'seq') continue;
        if ((asSeq(pair?.value)?.items.length ?? 0) > 0) continue;
        ctx.report({
          span: pair?.keySpan ?? t.anchor,
          message: `The claim template needs at least one access mode, such as ReadWriteOnce.${claimSpecNote(ctx, t)}`,
          path: `${t.path}.accessModes`,
          fix: pair ? { kind: 'replace-value', value: ['ReadWriteOnce'] } : { kind: 'add-field', path: t.path, key: 'accessModes', value: ['ReadWriteOnce'] },
        });
      }
    });
  },
};
