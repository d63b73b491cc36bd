import { didYouMean, dns1123LabelProblem } from '../names';
import { stringMap } from '../workspace';
import { asMap, asSeq, at, intValue, strValue } from '../yamlTree';
import { firstPodFqdn, governingService } from './governingService';
import { containersOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const serviceNotFound: Rule = {
  meta: {
    id: 'service-not-found',
    defaultSeverity: 'warning',
    summary: 'No Service with the `serviceName` of the StatefulSet exists in its namespace among the files checked.',
    docs:
      'A StatefulSet does not create its governing Service: `serviceName` only names it, and each pod gets that name as its DNS subdomain. The per-pod names such as `web-0.nginx.default.svc.cluster.local` resolve only when a headless Service of that name exists in the same namespace and selects the pods. This rule looks through every file checked together (the workspace in the editor, the files and folders given to the CLI); when you check one file of a folder on its own, a Service kept in a sibling file is not seen, so check the folder instead. It reports even when no Service is known at all, because a StatefulSet shipped without its Service is the most common cause of pods that cannot find each other.',
    example:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n    - name: web\n      port: 80\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  # ...\n',
    scope: 'workspace',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const g = governingService(ctx, sts);
      if (!g || g.services.length > 0) continue;
      let message = `No Service "${g.serviceName}" in namespace "${g.namespace}" among the files checked: the pods get the subdomain "${g.serviceName}", but names such as ${firstPodFqdn(ctx, sts, g)} resolve only once a headless Service of that name selects them.`;
      const elsewhere = [...new Set(ctx.index.find('Service', g.serviceName).map((s) => s.namespace ?? ctx.settings.defaultNamespace))];
      if (elsewhere.length > 0) message += ` A Service of that name exists in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}, but a pod's subdomain only works in its own namespace.`;
      // Only names a serviceName may take: suggesting an invalid one would trade this warning for an error.
      const nearby = ctx.index.find('Service').filter((s) => (s.namespace ?? ctx.settings.defaultNamespace) === g.namespace && !dns1123LabelProblem(s.name)).map((s) => s.name);
      const suggestion = didYouMean(g.serviceName, [...new Set(nearby)]);
      if (suggestion !== undefined && suggestion !== g.serviceName) {
        ctx.report({ span: g.node.span, message: `${message} Did you mean "${suggestion}"?`, path: g.path, fix: { kind: 'replace-value', value: suggestion } });
        continue;
      }
      const selector = stringMap(at(specOf(sts), 'selector', 'matchLabels')) ?? g.podLabels;
      const ports = containersOf(sts).flatMap((c) =>
        (asSeq(at(c.node, 'ports'))?.items ?? []).flatMap((p) => {
          const port = intValue(at(asMap(p), 'containerPort'));
          return port === undefined ? [] : [{ name: strValue(at(p, 'name')), port }];
        }),
      );
      ctx.report({ span: g.node.span, message, path: g.path, fix: { kind: 'create-headless-service', name: g.serviceName, namespace: sts.namespace, selector, ports } });
    }
  },
};
