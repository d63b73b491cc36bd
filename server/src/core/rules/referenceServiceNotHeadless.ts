import { referencesForRule } from '../references';
import { inNamespace } from '../workspace';
import type { Rule } from './types';

export const referenceServiceNotHeadless: Rule = {
  meta: {
    id: 'reference-service-not-headless',
    defaultSeverity: 'warning',
    summary: 'A pod DNS name of a StatefulSet goes through a governing Service that is not headless.',
    docs:
      "Per-pod DNS names such as `nats-0.nats.default.svc` exist only when the StatefulSet's governing Service is headless (`clusterIP: None`). With a normal Service, the Service name resolves to one virtual IP and the pod names do not resolve at all, so every peer address written this way fails. `service-not-headless` reports it on the StatefulSet; this rule reports it where the names are used, which may be in another file.",
    example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nats\nspec:\n  clusterIP: None\n  selector:\n    app: nats\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    // Once per list: the Service is the same for every name in it.
    const seen = new Set<string>();
    for (const r of referencesForRule(ctx)) {
      const dns = r.dns;
      const key = `${r.group}/${r.facts.namespace}/${dns?.subdomain}`;
      if (!dns || dns.subdomain !== r.facts.serviceName || seen.has(key)) continue;
      seen.add(key);
      const services = inNamespace(ctx.index.find('Service', dns.subdomain), r.facts.namespace, ctx.settings.defaultNamespace);
      if (services.length === 0 || services.some((s) => s.clusterIP === 'None')) continue;
      ctx.report({
        span: dns.subdomainSpan,
        message: `Service "${dns.subdomain}" in namespace "${r.facts.namespace}" is not headless (clusterIP is not None): it publishes no per-pod DNS names, so "${r.text}" does not resolve.`,
      });
    }
  },
};
