import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNotOneOf } from './util';

export const podManagementPolicyInvalid: Rule = {
  meta: {
    id: 'pod-management-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.podManagementPolicy is neither OrderedReady nor Parallel.',
    docs: 'podManagementPolicy chooses whether pods are created and removed one at a time in ordinal order (`OrderedReady`, the default) or all at once (`Parallel`). The API server accepts only these two spellings, with this exact case.',
    example: 'spec:\n  podManagementPolicy: Parallel',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) =>
      reportIfNotOneOf(ctx, pairOf(v.spec, 'podManagementPolicy')?.value, ['OrderedReady', 'Parallel'], { path: `${v.prefix}spec.podManagementPolicy`, what: 'podManagementPolicy', emptyIsDefault: true }),
    );
  },
};
