import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent } from './util';

export const activeDeadlineForbidden: Rule = {
  meta: {
    id: 'active-deadline-forbidden',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'The pod template sets activeDeadlineSeconds.',
    docs: 'activeDeadlineSeconds kills a pod after a fixed time, which suits Jobs but not a StatefulSet, whose pods are meant to run until replaced. The API server rejects a StatefulSet whose pod template sets it; remove the field.',
    example: 'spec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 30',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const pair = pairOf(v.podSpec, 'activeDeadlineSeconds');
      if (!pair || isAbsent(pair.value)) return;
      ctx.report({ span: pair.keySpan, message: 'activeDeadlineSeconds is not allowed in a StatefulSet pod template; remove it.', path: `${v.prefix}spec.template.spec.activeDeadlineSeconds`, fix: { kind: 'remove-pair' } });
    });
  },
};
