import { stringMap } from '../workspace';
import { asSeq, at, pairOf } from '../yamlTree';
import { podSpecOf, podTemplateOf, present, replicasOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const spreadConstraintsMissing: Rule = {
  meta: {
    id: 'spread-constraints-missing',
    defaultSeverity: 'hint',
    summary: 'A replicated StatefulSet says nothing about spreading its pods across nodes or zones.',
    docs:
      "Replicas protect data only when they do not fail together. The default scheduler already prefers to spread the pods of a StatefulSet over nodes and zones, but only as a preference: on a busy or small cluster two members can land on one node and a single node failure then takes both. With more than one replica, state the rule you rely on: `topologySpreadConstraints` (one per node with `kubernetes.io/hostname`, per zone with `topology.kubernetes.io/zone`) or a pod anti-affinity. A hint, because the soft default is often enough.",
    example: 'template:\n  spec:\n    topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: nginx\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const replicas = replicasOf(sts);
      const podSpec = podSpecOf(sts);
      const specPair = pairOf(podTemplateOf(sts), 'spec');
      if (replicas === undefined || replicas <= 1 || !podSpec || !specPair) continue;
      const spread = (asSeq(at(podSpec, 'topologySpreadConstraints'))?.items.length ?? 0) > 0;
      if (spread || present(at(podSpec, 'affinity', 'podAntiAffinity'))) continue;
      const matchLabels = stringMap(at(specOf(sts), 'selector', 'matchLabels'));
      ctx.report({
        span: specPair.keySpan,
        message: `${replicas} replicas, but neither topologySpreadConstraints nor a pod anti-affinity: the scheduler's spreading is only a preference, so two of them may share a node and fail together.`,
        path: `${sts.pathPrefix}spec.template.spec.topologySpreadConstraints`,
        fix: matchLabels ? { kind: 'add-topology-spread', matchLabels, topologyKey: 'kubernetes.io/hostname' } : undefined,
      });
    }
  },
};
