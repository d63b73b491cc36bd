import { inNamespace } from '../workspace';
import { pairOf, strValue } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { specOf } from './statefulSetParts';
import type { Rule } from './types';

export const governingServiceRemoved: Rule = {
  meta: {
    id: 'governing-service-removed',
    defaultSeverity: 'warning',
    summary: 'The governing Service the StatefulSet names was deployed, and is deleted or renamed here.',
    docs:
      "Each pod's DNS name (`db-0.db.prod.svc.cluster.local`) lives as long as the headless Service that `serviceName` names. When that Service exists in the base (the git base: `statefulset.compareWith`, `--base REF`) and is gone from the files checked now, while the StatefulSet still names it, applying with pruning (Argo CD, Flux, `kubectl apply --prune`) deletes it, and the pods lose their names. If the Service was renamed, keep the old name: `serviceName` itself cannot change on a running StatefulSet.",
    example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db   # the name the StatefulSet\'s serviceName gives\nspec:\n  clusterIP: None\n',
    scope: 'base',
  },
  check(ctx) {
    const base = ctx.base;
    if (!base) return;
    for (const { current, namespace, ref } of statefulSetsWithBase(ctx)) {
      const node = pairOf(specOf(current), 'serviceName')?.value;
      const serviceName = strValue(node);
      if (!node || !serviceName) continue;
      const deployed = base.find('Service', namespace, serviceName);
      if (!deployed || inNamespace(ctx.index.find('Service', serviceName), namespace, ctx.settings.defaultNamespace).length > 0) continue;
      // Missing from the index counts only when the Service's file was checked too, or is gone.
      const file = base.files?.get(deployed.source);
      if (!file || !(file.deleted || file.uri === ctx.uri || ctx.index.hasFile(file.uri))) continue;
      const renamed = ctx.index
        .find('Service')
        .filter((s) => (s.namespace ?? ctx.settings.defaultNamespace) === namespace && !base.find('Service', namespace, s.name))
        .map((s) => s.name);
      let message = `The governing Service "${serviceName}" existed at ${ref} (${deployed.source}) and is ${file.deleted ? 'gone with its file' : 'no longer in it'}, while serviceName still names it: applying with pruning deletes it and the pods lose their DNS names.`;
      if (renamed.length > 0) message += ` If it was renamed to ${renamed.map((n) => `"${n}"`).join(' or ')}, keep the old name: serviceName cannot change on a running StatefulSet.`;
      ctx.report({ span: node.span, message, path: `${current.pathPrefix}spec.serviceName` });
    }
  },
};
