import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNotOneOf } from './util';

export const updateStrategyInvalid: Rule = {
  meta: {
    id: 'update-strategy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.updateStrategy.type is neither RollingUpdate nor OnDelete.',
    docs: 'A StatefulSet either replaces its pods itself when the template changes (`RollingUpdate`, the default) or waits for you to delete them (`OnDelete`). The API server accepts only these two values, with this exact case.',
    example: 'spec:\n  updateStrategy:\n    type: OnDelete',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) =>
      reportIfNotOneOf(ctx, pairOf(asMap(pairOf(v.spec, 'updateStrategy')?.value), 'type')?.value, ['RollingUpdate', 'OnDelete'], {
        path: `${v.prefix}spec.updateStrategy.type`,
        what: 'Update strategy',
        emptyIsDefault: true,
      }),
    );
  },
};
