import { at, intValue, strValue } from '../yamlTree';
import { present, replicasOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const partitionOutOfRange: Rule = {
  meta: {
    id: 'partition-out-of-range',
    defaultSeverity: 'warning',
    summary: 'The rolling-update partition is at least the replica count, so a template change updates no pod.',
    docs:
      'A rolling update replaces only the pods whose index is at or above `partition`, highest first. With a partition equal to or larger than `replicas` no pod qualifies: a new image or configuration is accepted, the StatefulSet reports a new revision, and every pod keeps running the old one. That is the point while staging a canary by hand, but in a manifest that is applied as is it silently stops every rollout. Lower the partition (0 updates every pod) once the new revision should go out.',
    example: 'spec:\n  replicas: 3\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2   # updates web-2 only; 0 updates all\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const strategy = at(specOf(sts), 'updateStrategy');
      const type = at(strategy, 'type');
      // OnDelete with a rollingUpdate block is rejected by the API server: the error rules say so.
      if (present(type) && strValue(type) !== 'RollingUpdate') continue;
      const node = at(strategy, 'rollingUpdate', 'partition');
      const partition = intValue(node);
      const replicas = replicasOf(sts);
      if (!node || partition === undefined || partition <= 0 || replicas === undefined || replicas === 0 || partition < replicas) continue;
      ctx.report({
        span: node.span,
        message: `partition ${partition} is not below replicas (${replicas}): a rolling update replaces only pods with an index of ${partition} or more, and there are none, so a template change reaches no pod. Lower it to roll out.`,
        path: `${sts.pathPrefix}spec.updateStrategy.rollingUpdate.partition`,
        fix: { kind: 'replace-value', value: 0 },
      });
    }
  },
};
