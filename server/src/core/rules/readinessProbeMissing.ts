import { asMap, asSeq, at, intValue, pairOf, strValue } from '../yamlTree';
import { containersOf, present, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const readinessProbeMissing: Rule = {
  meta: {
    id: 'readiness-probe-missing',
    defaultSeverity: 'hint',
    summary: 'No container of the pod template has a readiness probe.',
    docs:
      'Without a readiness probe a pod counts as Ready as soon as its containers have started. For a StatefulSet that matters more than for most workloads: with the default OrderedReady policy the next pod is started as soon as the previous one is "Ready", a rolling update replaces the next pod before the last one can serve, and the headless Service publishes the pod before it accepts connections. Give the main container a probe that succeeds only when it can do its work. One probe in the pod is enough; sidecars may go without.',
    example: 'containers:\n  - name: postgres\n    image: postgres:17\n    readinessProbe:\n      exec:\n        command: [pg_isready, -U, postgres]\n      periodSeconds: 5\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const containers = containersOf(sts);
      if (containers.length === 0 || containers.some((c) => present(at(c.node, 'readinessProbe')))) continue;
      const first = containers[0];
      const ordered = strValue(at(specOf(sts), 'podManagementPolicy')) !== 'Parallel';
      const portNode = asSeq(at(first.node, 'ports'))?.items.map((p) => asMap(p)).find((p) => p && pairOf(p, 'containerPort'));
      const port = intValue(at(portNode, 'containerPort'));
      ctx.report({
        span: first.span,
        message: `No container of the pod has a readiness probe, so each pod counts as Ready as soon as it starts: ${ordered ? 'the next pod is started, ' : ''}a rolling update moves on, and the Service lists the pod before it can serve.`,
        path: `${first.path}.readinessProbe`,
        fix: { kind: 'add-readiness-probe', container: first.name, port },
      });
    }
  },
};
