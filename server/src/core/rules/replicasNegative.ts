import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNegative } from './util';

export const replicasNegative: Rule = {
  meta: {
    id: 'replicas-negative',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.replicas is negative.',
    docs: 'The number of pods a StatefulSet keeps must be 0 or more; 0 scales the set down to no pods while keeping its claims. The API server rejects a negative count.',
    example: 'spec:\n  replicas: 3',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => reportIfNegative(ctx, pairOf(v.spec, 'replicas')?.value, `${v.prefix}spec.replicas`, 'replicas'));
  },
};
