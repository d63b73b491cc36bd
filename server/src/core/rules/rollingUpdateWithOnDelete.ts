import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, strategyType } from './util';

export const rollingUpdateWithOnDelete: Rule = {
  meta: {
    id: 'rolling-update-with-on-delete',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'updateStrategy.rollingUpdate is set while the type is OnDelete.',
    docs: 'The `rollingUpdate` settings (partition, maxUnavailable) only mean something to the RollingUpdate strategy; with `type: OnDelete` the API server rejects them. Remove the block or switch the type to RollingUpdate.',
    example: 'spec:\n  updateStrategy:\n    type: OnDelete',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      if (strategyType(v) !== 'OnDelete') return;
      const pair = pairOf(asMap(pairOf(v.spec, 'updateStrategy')?.value), 'rollingUpdate');
      if (!pair || isAbsent(pair.value)) return;
      ctx.report({
        span: pair.keySpan,
        message: 'rollingUpdate is only allowed with updateStrategy type RollingUpdate; with OnDelete, remove it.',
        path: `${v.prefix}spec.updateStrategy.rollingUpdate`,
        fix: { kind: 'remove-pair' },
      });
    });
  },
};
