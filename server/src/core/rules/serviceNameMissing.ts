import { at, pairOf, strValue } from '../yamlTree';
import { present, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const serviceNameMissing: Rule = {
  meta: {
    id: 'service-name-missing',
    defaultSeverity: 'hint',
    summary: 'The StatefulSet has no `serviceName`, so its pods have no DNS names of their own.',
    docs:
      "`serviceName` is optional: the API server accepts a StatefulSet without it, and since Kubernetes 1.33 the API reference says so (older kubectl versions that validate on the client still ask for it). The pods still get stable names and storage, but no subdomain, so there is no `web-0.<service>.<namespace>.svc` name to reach one particular pod by. That is fine for a set nobody addresses pod by pod, such as a single controller replica; databases and quorum systems need it. Name a headless Service here (and create it); `serviceName` cannot be changed after the StatefulSet is created.",
    example: 'spec:\n  serviceName: nginx   # a headless Service in the same namespace\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const specPair = pairOf(sts.root, 'spec');
      if (!specPair?.value || specPair.value.kind !== 'map') continue;
      const node = at(specOf(sts), 'serviceName');
      // A value that is there but not a string is the error rules' to report.
      if (present(node) && strValue(node) !== '') continue;
      const name = sts.name ?? '<name>';
      ctx.report({
        span: present(node) ? node.span : specPair.keySpan,
        message: `No serviceName: pods ${name}-0, ${name}-1, ... get no subdomain, so none of them can be reached by a DNS name of its own. Set serviceName to a headless Service if anything addresses the pods one by one.`,
        path: `${sts.pathPrefix}spec.serviceName`,
        fix: { kind: 'add-service-name', serviceName: name },
      });
    }
  },
};
