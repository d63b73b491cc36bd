import { asSeq, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, templateNote } from './util';

export const containersMissing: Rule = {
  meta: {
    id: 'containers-missing',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'The pod template has no containers.',
    docs: 'A pod needs at least one container in `spec.template.spec.containers`. Since 1.34 the API server rejects a StatefulSet whose pod template has none; older releases accept it, but the controller can never create a pod from it.',
    example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const pair = pairOf(v.podSpec, 'containers');
      // A list written as null is no list; another type is for the type checks.
      if (!isAbsent(pair?.value) && pair.value.kind !== 'seq') return;
      if ((asSeq(pair?.value)?.items.length ?? 0) > 0) return;
      const span = pair?.keySpan ?? pairOf(v.template, 'spec')?.keySpan ?? pairOf(v.spec, 'template')?.keySpan ?? pairOf(v.root, 'spec')?.keySpan ?? v.root.pairs[0]?.keySpan ?? v.root.span;
      ctx.report({ span, message: `The pod template needs at least one container.${templateNote(ctx)}`, path: `${v.prefix}spec.template.spec.containers` });
    });
  },
};
