import { podFqdnOf, podNameOf } from '../identities';
import { referencesForRule } from '../references';
import type { Rule } from './types';

export const referenceServiceMismatch: Rule = {
  meta: {
    id: 'reference-service-mismatch',
    defaultSeverity: 'warning',
    summary: "A pod DNS name of a StatefulSet uses a subdomain that is not the StatefulSet's `serviceName`.",
    docs:
      "A StatefulSet's pods get DNS names under their governing Service only: `<pod>.<serviceName>.<namespace>.svc.<cluster domain>`. A name such as `mysql-0.mysql-read` puts the pod under another Service, and no DNS record answers it (a normal Service publishes no per-pod names, another headless Service only its own pods). It typically follows a change of `serviceName` that the names written elsewhere did not follow. A StatefulSet without `serviceName` gives its pods no DNS names at all.",
    example: 'env:\n  - name: MASTER_HOST\n    value: mysql-0.mysql   # spec.serviceName: mysql\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    for (const r of referencesForRule(ctx)) {
      const dns = r.dns;
      if (!dns || dns.subdomain === r.facts.serviceName) continue;
      const pod = podNameOf(r.facts.name, r.from);
      const service = r.facts.serviceName;
      if (!service) {
        ctx.report({ span: dns.subdomainSpan, message: `StatefulSet ${r.facts.name} has no serviceName, so its pods (such as ${pod}) have no DNS names: "${r.text}" does not resolve.` });
        continue;
      }
      const fqdn = podFqdnOf(pod, service, r.facts.namespace, ctx.settings.clusterDomain);
      ctx.report({
        span: dns.subdomainSpan,
        message: `"${dns.subdomain}" is not the governing Service of StatefulSet ${r.facts.name}: its pods' DNS names are under "${service}" (${fqdn}), so "${r.text}" does not resolve.`,
        fix: { kind: 'replace-text', from: dns.subdomain, to: service },
      });
    }
  },
};
