import { parseQuantity } from '../quantity';
import { asMap, pairOf, scalarText } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, q } from './util';

export const storageRequestInvalid: Rule = {
  meta: {
    id: 'storage-request-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A volume claim template requests zero or negative storage.',
    docs: 'The storage a claim requests must be more than zero. Since 1.34 the API server rejects a claim template asking for 0 or less; older releases accept the StatefulSet, but the controller then fails to create the claims. (Text that is not a quantity at all is reported by the quantity check.)',
    example: 'spec:\n  resources:\n    requests:\n      storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        const node = pairOf(asMap(pairOf(asMap(pairOf(t.spec, 'resources')?.value), 'requests')?.value), 'storage')?.value;
        const text = node && node.kind === 'scalar' && node.type !== 'bool' ? scalarText(node) : undefined;
        const quantity = text === undefined ? undefined : parseQuantity(text);
        if (!node || !quantity || quantity.value > 0) continue;
        ctx.report({ span: node.span, message: `Requested storage ${q(text as string)} must be more than zero.${claimSpecNote(ctx, t)}`, path: `${t.path}.resources[storage]` });
      }
    });
  },
};
