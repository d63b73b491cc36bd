import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNegative } from './util';

export const ordinalsStartNegative: Rule = {
  meta: {
    id: 'ordinals-start-negative',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.ordinals.start is negative.',
    docs: 'ordinals.start is the number of the first pod (web-0 by default); pod numbers cannot be negative. Releases before 1.27 drop the field (its feature gate is off), so the check starts there.',
    example: 'spec:\n  ordinals:\n    start: 5',
    versions: { since: '1.27' },
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => reportIfNegative(ctx, pairOf(asMap(pairOf(v.spec, 'ordinals')?.value), 'start')?.value, `${v.prefix}spec.ordinals.start`, 'ordinals.start'));
  },
};
