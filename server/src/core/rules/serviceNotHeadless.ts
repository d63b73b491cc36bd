import { firstPodFqdn, governingService } from './governingService';
import { statefulSets, type Rule } from './types';

export const serviceNotHeadless: Rule = {
  meta: {
    id: 'service-not-headless',
    defaultSeverity: 'warning',
    summary: 'The Service named by `serviceName` is not headless, so the pods get no DNS names of their own.',
    docs:
      'Cluster DNS publishes a record for each pod (`web-0.nginx.default.svc.cluster.local`) only for a headless Service, one with `clusterIP: None`. A Service with a cluster IP gives the set one load-balanced name and nothing per pod, so members that address each other by name (database replicas, quorum peers) cannot connect. Make the governing Service headless; if clients also need a load-balanced address, give them a second, ordinary Service. `clusterIP` cannot be changed on an existing Service: delete and recreate it.',
    example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n',
    scope: 'workspace',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const g = governingService(ctx, sts);
      if (!g || g.services.length === 0 || g.services.some((s) => s.clusterIP === 'None')) continue;
      const svc = g.services[0];
      const ip = svc.clusterIP === undefined ? 'no clusterIP, so one is allocated' : `clusterIP: ${svc.clusterIP}`;
      ctx.report({
        span: g.node.span,
        message: `Service "${g.serviceName}" is not headless (${ip}): cluster DNS publishes per-pod names such as ${firstPodFqdn(ctx, sts, g)} only for a Service with clusterIP: None.`,
        path: g.path,
        fix: { kind: 'make-service-headless', uri: svc.uri, name: svc.name, namespace: svc.namespace, span: svc.span },
      });
    }
  },
};
