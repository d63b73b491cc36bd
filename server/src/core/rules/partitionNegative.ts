import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNegative, strategyType } from './util';

export const partitionNegative: Rule = {
  meta: {
    id: 'partition-negative',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.updateStrategy.rollingUpdate.partition is negative.',
    docs: 'During a rolling update only pods whose ordinal is at least the partition get the new template, so the partition is an ordinal and must be 0 or more (0 updates every pod).',
    example: 'spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      if (strategyType(v) !== 'RollingUpdate') return;
      const rolling = asMap(pairOf(asMap(pairOf(v.spec, 'updateStrategy')?.value), 'rollingUpdate')?.value);
      reportIfNegative(ctx, pairOf(rolling, 'partition')?.value, `${v.prefix}spec.updateStrategy.rollingUpdate.partition`, 'partition');
    });
  },
};
