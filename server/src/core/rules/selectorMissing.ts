import { labelValueProblem, qualifiedNameProblem } from '../names';
import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, missingAnchor, readLabels } from './util';

export const selectorMissing: Rule = {
  meta: {
    id: 'selector-missing',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'spec.selector is missing.',
    docs:
      'In apps/v1 a StatefulSet must say which pods it owns with `spec.selector`; nothing is inferred from the template. The API server rejects a StatefulSet without one (and, since no pod can match a missing selector, also reports the template labels). Use the labels of the pod template.',
    example: 'spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const selectorPair = pairOf(v.spec, 'selector');
      if (!isAbsent(selectorPair?.value)) return;
      const specPair = pairOf(v.root, 'spec');
      const labels = readLabels(pairOf(asMap(pairOf(v.template, 'metadata')?.value), 'labels')?.value);
      // Template labels that are themselves invalid would make the new selector an error of its own.
      const usable = labels && labels.size > 0 && [...labels].every(([k, val]) => !qualifiedNameProblem(k) && !labelValueProblem(val));
      ctx.report({
        // `selector: null` is written, so it is underlined; an absent selector goes on spec.
        span: selectorPair?.keySpan ?? (specPair ? specPair.keySpan : missingAnchor(v.root, undefined, v.root.span)),
        message: 'spec.selector is required: add matchLabels that the pod template labels satisfy.',
        path: `${v.prefix}spec.selector`,
        fix: labels && usable
          ? selectorPair
            ? { kind: 'replace-value', value: { matchLabels: Object.fromEntries(labels) } }
            : { kind: 'add-field', path: `${v.prefix}spec`, key: 'selector', value: { matchLabels: Object.fromEntries(labels) } }
          : undefined,
      });
    });
  },
};
