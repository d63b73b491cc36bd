import { at } from '../yamlTree';
import { containersOf, podSpecOf, present } from './statefulSetParts';
import { statefulSets, type Rule } from './types';
import type { YNode } from '../yamlTree';

/** Requests default to limits, so either one gives the scheduler something to reserve. */
function reserves(resources: YNode | null | undefined): boolean {
  return ['requests', 'limits'].some((k) => ['cpu', 'memory'].some((r) => present(at(resources, k, r))));
}

export const resourceRequestsMissing: Rule = {
  meta: {
    id: 'resource-requests-missing',
    defaultSeverity: 'info',
    summary: 'A container requests neither CPU nor memory.',
    docs:
      'The scheduler places pods by their requests. A container without any reserves nothing, so its pod can be put on a node that has no room for it, and a pod none of whose containers requests anything is BestEffort: the first to be evicted when the node runs short of memory, which for a database member means a restart and often a resync. Request what the container needs at steady state (limits alone also count, as requests default to them). Pod-level resources in the template cover every container.',
    example: 'containers:\n  - name: postgres\n    image: postgres:17\n    resources:\n      requests:\n        cpu: 500m\n        memory: 1Gi\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      if (reserves(at(podSpecOf(sts), 'resources'))) continue;
      for (const c of containersOf(sts)) {
        if (reserves(at(c.node, 'resources'))) continue;
        ctx.report({
          span: c.span,
          message: `Container ${c.name ? `"${c.name}" ` : ''}requests no CPU or memory: the scheduler reserves nothing for it, and a pod without requests is the first evicted when its node runs short of memory.`,
          path: `${c.path}.resources.requests`,
        });
      }
    }
  },
};
