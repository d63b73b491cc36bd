import { podFqdnOf, podNameOf } from '../identities';
import { referencesForRule } from '../references';
import type { Rule } from './types';

export const referenceNamespaceMismatch: Rule = {
  meta: {
    id: 'reference-namespace-mismatch',
    defaultSeverity: 'warning',
    summary: 'A pod DNS name of a StatefulSet names a namespace the StatefulSet is not in.',
    docs:
      "A pod's DNS name carries the namespace of its StatefulSet: `mysql-0.mysql.shop.svc.cluster.local` resolves only while the StatefulSet is in `shop`. When the StatefulSet's `metadata.namespace` says another namespace (it was moved, or the name was copied from another install), the name points at nothing. A short name such as `mysql-0.mysql` is looked up in the namespace of the pod using it, so it fails from an object in another namespace. A StatefulSet without `metadata.namespace` goes wherever the file is applied, so it is not judged.",
    example: 'args:\n  - --join=cockroachdb-0.cockroachdb.db.svc.cluster.local   # metadata.namespace: db\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    for (const r of referencesForRule(ctx)) {
      const dns = r.dns;
      if (!dns || !r.facts.namespaceWritten) continue;
      if (!dns.namespace && r.referrerNamespace && r.referrerNamespace !== r.facts.namespace) {
        // `<pod>.<service>` is looked up in the namespace of the pod asking: the referrer's.
        ctx.report({
          span: dns.subdomainSpan,
          message: `"${r.text}" is looked up in namespace "${r.referrerNamespace}", where this object is, but StatefulSet ${r.facts.name} is in namespace "${r.facts.namespace}": name the namespace (${r.text.split('.')[0]}.${dns.subdomain}.${r.facts.namespace}).`,
          fix: { kind: 'replace-text', from: dns.subdomain, to: `${dns.subdomain}.${r.facts.namespace}` },
        });
        continue;
      }
      if (!dns.namespace || !dns.namespaceSpan || dns.namespace === r.facts.namespace) continue;
      const service = r.facts.serviceName ?? dns.subdomain;
      const fqdn = podFqdnOf(podNameOf(r.facts.name, r.from), service, r.facts.namespace, ctx.settings.clusterDomain);
      ctx.report({
        span: dns.namespaceSpan,
        message: `StatefulSet ${r.facts.name} is in namespace "${r.facts.namespace}", not "${dns.namespace}": its pod's name is ${fqdn}, so "${r.text}" does not resolve.`,
        fix: { kind: 'replace-text', from: dns.namespace, to: r.facts.namespace },
      });
    }
  },
};
