import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNegative } from './util';

export const minReadySecondsNegative: Rule = {
  meta: {
    id: 'min-ready-seconds-negative',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.minReadySeconds is negative.',
    docs: 'minReadySeconds is how long a new pod must stay ready before the StatefulSet counts it as available; it must be 0 or more. Releases before 1.23 drop the field (its feature gate is off), so the check starts there.',
    example: 'spec:\n  minReadySeconds: 10',
    versions: { since: '1.23' },
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => reportIfNegative(ctx, pairOf(v.spec, 'minReadySeconds')?.value, `${v.prefix}spec.minReadySeconds`, 'minReadySeconds'));
  },
};
