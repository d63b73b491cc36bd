import { didYouMean } from '../names';
import { decodeIssues } from '../schema/check';
import type { FixData } from '../types';
import type { Rule } from './types';

export const unknownField: Rule = {
  meta: {
    id: 'unknown-field',
    defaultSeverity: 'error',
    summary: 'A field the object does not have (a typo, wrong case or wrong place).',
    docs: 'kubectl asks the API server for strict field validation by default, and the server then rejects an object with a field its type does not have ("unknown field"). Field names are case-sensitive. With validation turned off the field would be dropped silently, which is worse: the setting you wrote never takes effect. Free-form maps (labels, annotations, nodeSelector, resource lists) take any key.',
    example: 'spec:\n  replicas: 3\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        storageClassName: fast',
    scope: 'document',
  },
  check(ctx) {
    for (const i of decodeIssues(ctx)) {
      if (i.kind !== 'unknown-field') continue;
      const name = i.pair.keyText;
      // Strategic merge directives ($patch, $setElementOrder/..., $retainKeys, $deleteFromPrimitiveList/...) are a patch's own words.
      if (ctx.patch && name.startsWith('$')) continue;
      const where = i.parentPath === '' ? `the ${i.owner} object` : `${i.parentPath} (${i.owner})`;
      // A field of exactly this name one level up or down says more than a near spelling here.
      const near = didYouMean(name, i.known);
      const suggestion = near && (!i.belongsIn || near.toLowerCase() === name.toLowerCase()) ? near : undefined;
      let message = `Unknown field "${name}" in ${where}`;
      let fix: FixData = { kind: 'remove-pair' };
      if (suggestion) {
        message += `: did you mean "${suggestion}"?`;
        fix = { kind: 'rename-key', to: suggestion };
      } else if (i.belongsIn) {
        message += `: it belongs in ${i.belongsIn}.`;
      } else {
        message += '.';
      }
      message += ' kubectl\'s strict validation rejects unknown fields.';
      ctx.report({ span: i.pair.keySpan, message, path: i.path, fix });
    }
  },
};
