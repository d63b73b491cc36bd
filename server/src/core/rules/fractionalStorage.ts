import { parseQuantity } from '../quantity';
import { at, scalarText } from '../yamlTree';
import { claimTemplatesOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const fractionalStorage: Rule = {
  meta: {
    id: 'fractional-storage',
    defaultSeverity: 'warning',
    summary: 'A claim template asks for a fraction of a byte (`500m` is half a byte, not 500 megabytes).',
    docs:
      "Storage is counted in bytes, and a quantity suffix `m` means milli: `500m` is half a byte. The value is accepted and rounded up to one byte, and the provisioner then makes its smallest volume, far from the 500 MiB that was probably meant. Write sizes with binary (`Mi`, `Gi`) or decimal (`M`, `G`) units, and never a fraction of a byte.",
    example: 'resources:\n  requests:\n    storage: 500Mi\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      for (const t of claimTemplatesOf(sts)) {
        for (const kind of ['requests', 'limits'] as const) {
          const node = at(t.node, 'spec', 'resources', kind, 'storage');
          const text = scalarText(node);
          if (!node || text === undefined) continue;
          const q = parseQuantity(text);
          // Malformed and negative sizes are the error rules' to report.
          if (!q || !q.fractional || q.value <= 0) continue;
          const meant = q.suffix === 'm' ? `${text.slice(0, -1)}Mi` : undefined;
          ctx.report({
            span: node.span,
            message: `${text} is ${q.value} bytes, a fraction of a byte${q.suffix === 'm' ? ' (the suffix m means milli, not mega)' : ''}: the claim asks for ${Math.ceil(q.value)} byte${Math.ceil(q.value) === 1 ? '' : 's'} and gets the provisioner's smallest volume.${meant ? ` Did you mean ${meant}?` : ''}`,
            path: `${t.path}.spec.resources.${kind}.storage`,
            fix: meant ? { kind: 'replace-value', value: meant } : undefined,
          });
        }
      }
    }
  },
};
