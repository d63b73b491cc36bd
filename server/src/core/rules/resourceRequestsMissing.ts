import { at, type YNode } from '../yamlTree';
import { containersOf, podSpecOf, present } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

/** Requests default to limits, so either one gives the scheduler something to reserve. */
function reserves(resources: YNode | null | undefined): boolean {
  return ['requests', 'limits'].some((k) => ['cpu', 'memory'].some((r) => present(at(resources, k, r))));
}

export const resourceRequestsMissing: Rule = {
  meta: {
    id: 'resource-requests-missing',
    defaultSeverity: 'hint',
    summary: 'A container requests neither CPU nor memory (advice: a hint; a sidecar stays a hint when the rule is raised).',
    docs:
      'The scheduler places pods by their requests. A container without any reserves nothing, so its pod can be put on a node that has no room for it, and a pod none of whose containers requests anything is BestEffort: the first to be evicted when the node runs short of memory, which for a database member means a restart and often a resync. Request what the container needs at steady state (limits alone also count, as requests default to them). When other containers of the pod do request resources, a container without is reported as a hint only. Pod-level resources in the template cover every container.',
    example: 'containers:\n  - name: postgres\n    image: postgres:17\n    resources:\n      requests:\n        cpu: 500m\n        memory: 1Gi\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      if (reserves(at(podSpecOf(sts), 'resources'))) continue;
      const containers = containersOf(sts);
      const missing = containers.filter((c) => !reserves(at(c.node, 'resources')));
      // A sidecar without requests in a pod that requests something is a smaller matter: the pod
      // keeps its place in the eviction order, only the sidecar's share goes unaccounted.
      const bestEffort = missing.length === containers.length;
      for (const c of missing) {
        const who = `Container ${c.name ? `"${c.name}" ` : ''}requests no CPU or memory`;
        ctx.report({
          span: c.span,
          message: bestEffort
            ? `${who}: the scheduler reserves nothing for it, and a pod without any requests is BestEffort, the first evicted when its node runs short of memory.`
            : `${who}: the scheduler reserves nothing for what it uses, so the node can end up with less room than the pod's requests suggest.`,
          path: `${c.path}.resources.requests`,
          severity: bestEffort ? undefined : 'hint',
        });
      }
    }
  },
};
