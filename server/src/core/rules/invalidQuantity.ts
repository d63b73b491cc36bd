import { parseQuantity, quantityHint, suggestQuantity } from '../quantity';
import { decodeIssues } from '../schema/check';
import type { Rule } from './types';

/** A correction we are sure of: the common unit mistakes, or stray spaces inside the number. */
function correction(text: string): string | undefined {
  const fixed = suggestQuantity(text);
  if (fixed) return fixed;
  const squeezed = text.replace(/\s+/g, '');
  return squeezed !== text && squeezed !== '' && parseQuantity(squeezed) ? squeezed : undefined;
}

export const invalidQuantity: Rule = {
  meta: {
    id: 'invalid-quantity',
    defaultSeverity: 'error',
    summary: 'A resource quantity outside Kubernetes\' grammar (10GB, 10gi, 1.5.5Gi, empty).',
    docs: 'Storage requests, CPU and memory requests and limits, emptyDir size limits and the other resource quantities are a number with an optional suffix: binary Ki Mi Gi Ti Pi Ei, decimal m k M G T P E, or an exponent such as 1e3. Suffixes are case-sensitive and there is no B for bytes. Anything else (10GB, 10gi, "10 Gi", an empty string) makes the API server reject the object while decoding it.',
    example: 'resources:\n  requests:\n    storage: 10Gi\n    cpu: 500m',
    scope: 'document',
  },
  check(ctx) {
    for (const i of decodeIssues(ctx)) {
      if (i.kind !== 'quantity') continue;
      const fixed = correction(i.text);
      const hint = /\S\s+\S/.test(i.text.trim()) ? 'it contains spaces' : quantityHint(i.text);
      const end = /[.?]$/.test(hint) ? '' : '.';
      const advice = fixed && !/did you mean/i.test(hint) ? ` Use ${fixed}.` : '';
      ctx.report({
        span: i.node.span,
        message: `${i.path}: ${JSON.stringify(i.text)} is not a Kubernetes quantity: ${hint}${end}${advice}`,
        path: i.path,
        fix: fixed ? { kind: 'replace-value', value: fixed } : undefined,
      });
    }
  },
};
