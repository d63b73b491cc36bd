import { at, pairOf, strValue } from '../yamlTree';
import { present, replicasOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

/**
 * From ten pods on, one-at-a-time start-up costs minutes: a stateful pod typically needs from
 * thirty seconds to a couple of minutes to attach its volume, pull its image and pass its
 * readiness probe, so ten of them in a row take five to twenty minutes. Below that the wait
 * rarely matters and the order is often what the application expects.
 */
export const ORDERED_READY_THRESHOLD = 10;

export const orderedReadySlow: Rule = {
  meta: {
    id: 'ordered-ready-slow',
    defaultSeverity: 'hint',
    summary: `OrderedReady pod management with ${ORDERED_READY_THRESHOLD} or more replicas makes start-up and scaling slow.`,
    docs: `With the default \`podManagementPolicy: OrderedReady\` the controller creates pods one at a time, each only once the previous one is Running and Ready, and removes them one at a time in reverse order. A stateful pod often needs a minute to attach its volume, pull its image and pass its readiness probe, so from ${ORDERED_READY_THRESHOLD} replicas on a cold start or a large scale-up takes ten minutes or more, and one pod that never gets Ready stops all the others. \`Parallel\` starts and stops them together; it does not change rolling updates, which still replace one pod at a time. Keep OrderedReady when the application needs its members to join in order (some replication setups bootstrap from pod 0). The policy cannot be changed on an existing StatefulSet: switching means recreating it (\`kubectl delete --cascade=orphan\` keeps the pods).`,
    example: 'spec:\n  replicas: 12\n  podManagementPolicy: Parallel\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const spec = specOf(sts);
      const replicas = replicasOf(sts);
      const policyNode = at(spec, 'podManagementPolicy');
      if (replicas === undefined || replicas < ORDERED_READY_THRESHOLD) continue;
      if (present(policyNode) && strValue(policyNode) !== 'OrderedReady') continue;
      const anchor = present(policyNode) ? policyNode : pairOf(spec, 'replicas')?.value;
      if (!anchor) continue;
      ctx.report({
        span: anchor.span,
        message: `OrderedReady starts these ${replicas} pods one at a time, each waiting for the previous one to be Ready: at a minute per pod a cold start takes ${replicas} minutes. Parallel starts them together if the application does not need the order.`,
        path: `${sts.pathPrefix}spec.podManagementPolicy`,
      });
    }
  },
};
