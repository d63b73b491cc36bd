import { labelValueProblem, qualifiedNameProblem } from '../names';
import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, readLabels, readSelector, SELECTOR_OPERATORS, selectorMatches, type SelectorRequirement } from './util';

/** True when the API server can turn the selector into a label query (else it reports the selector instead). */
function usable(sel: { matchLabels: Map<string, string>; expressions: readonly SelectorRequirement[] }): boolean {
  for (const [k, v] of sel.matchLabels) if (qualifiedNameProblem(k) || labelValueProblem(v)) return false;
  for (const r of sel.expressions) {
    if (qualifiedNameProblem(r.key) || !(SELECTOR_OPERATORS as readonly string[]).includes(r.operator)) return false;
    if ((r.operator === 'In' || r.operator === 'NotIn') === (r.values.length === 0)) return false;
    if (r.values.some((x) => labelValueProblem(x))) return false;
  }
  return true;
}

export const selectorMismatch: Rule = {
  meta: {
    id: 'selector-mismatch',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'The selector does not select the pod template labels.',
    docs:
      'The pods a StatefulSet creates carry the template labels, and the StatefulSet finds its pods with its selector, so the API server requires the selector to match the template labels: every matchLabels pair must appear in the template, and every expression must hold for them. A StatefulSet without a selector fails this check as well, since nothing matches a missing selector.',
    example: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        version: v2',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const selNode = pairOf(v.spec, 'selector')?.value;
      const metaPair = pairOf(v.template, 'metadata');
      const labelsPair = pairOf(asMap(metaPair?.value), 'labels');
      const labels = readLabels(labelsPair?.value);
      if (!labels) return;
      let matched: boolean;
      if (isAbsent(selNode)) {
        matched = false;
      } else {
        const sel = readSelector(selNode);
        if (!sel || sel.matchLabels.size + sel.expressions.length === 0 || !usable(sel)) return;
        matched = selectorMatches(sel, labels);
      }
      if (matched) return;
      const span = labelsPair?.keySpan ?? metaPair?.keySpan ?? pairOf(v.spec, 'template')?.keySpan ?? pairOf(v.root, 'spec')?.keySpan ?? v.root.pairs[0]?.keySpan ?? v.root.span;
      const message = isAbsent(selNode)
        ? 'The template labels cannot match: the StatefulSet has no selector.'
        : labels.size === 0
          ? 'The selector does not match the pod template, which has no labels: add the selector\'s labels under template.metadata.labels.'
          : 'The selector does not match the pod template labels: each matchLabels pair must appear in the template labels and each expression must hold for them.';
      // Aligning is obvious when the selector is plain matchLabels: give the template those labels.
      const sel = isAbsent(selNode) ? undefined : readSelector(selNode);
      const fix = sel && sel.expressions.length === 0 && labelsPair && asMap(labelsPair.value)
        ? { kind: 'set-labels', path: `${v.prefix}spec.template.metadata.labels`, labels: Object.fromEntries(sel.matchLabels) }
        : undefined;
      ctx.report({ span, message, path: `${v.prefix}spec.template.metadata.labels`, fix });
    });
  },
};
