import { asMap, intValue, pairOf, strValue } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { eachStatefulSet, minorOf, q, strategyType } from './util';

/**
 * MaxUnavailableStatefulSet: alpha (off, field dropped) in 1.24-1.34; beta and on in 1.35.0-1.35.3;
 * off again from 1.35.4 through 1.36; on from 1.37. Minor-level settings treat 1.35 as on.
 */
function fieldHonoured(ctx: RuleContext): boolean {
  const minor = minorOf(ctx);
  return minor === 35 || minor >= 37;
}

export const maxUnavailableInvalid: Rule = {
  meta: {
    id: 'max-unavailable-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'rollingUpdate.maxUnavailable is 0, negative, over 100% or not a number or percentage.',
    docs:
      'maxUnavailable caps how many pods a rolling update may take down at once: a whole number of at least 1, or a percentage from 1% to 100% written like "25%". Where the MaxUnavailableStatefulSet feature is on (1.35.0 to 1.35.3, and 1.37 on) the API server rejects other values; where it is off the field is silently dropped, so this rule does not apply there.',
    example: 'spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2',
    versions: { since: '1.35' },
  },
  check(ctx) {
    if (!fieldHonoured(ctx)) return;
    eachStatefulSet(ctx, (v) => {
      if (strategyType(v) !== 'RollingUpdate') return;
      const node = pairOf(asMap(pairOf(asMap(pairOf(v.spec, 'updateStrategy')?.value), 'rollingUpdate')?.value), 'maxUnavailable')?.value;
      if (!node) return;
      const path = `${v.prefix}spec.updateStrategy.rollingUpdate.maxUnavailable`;
      const n = intValue(node);
      const s = strValue(node);
      let problem: string | undefined;
      let fix: number | undefined = 1;
      if (n !== undefined) {
        if (n < 0) problem = `it is ${n}; a count must be at least 1`;
        else if (n === 0) problem = 'it cannot be 0: the update could never take a pod down';
      } else if (s !== undefined) {
        const m = /^(\d+)%$/.exec(s);
        if (!m) {
          const numeric = /^\d+$/.test(s);
          fix = numeric && Number(s) > 0 ? Number(s) : undefined;
          problem = numeric ? `${q(s)} is a string; write a number without quotes, or a percentage like "${s}%"` : `${q(s)} is neither a whole number nor a percentage like "25%"`;
        }
        else if (Number(m[1]) === 0) problem = 'it cannot be 0%: the update could never take a pod down';
        else if (Number(m[1]) > 100) problem = `${q(s)} is more than 100%`;
      }
      if (problem) ctx.report({ span: node.span, message: `maxUnavailable is invalid: ${problem}. Use a number of at least 1 or a percentage from 1% to 100%.`, path, fix: fix === undefined ? undefined : { kind: 'replace-value', value: fix } });
    });
  },
};
