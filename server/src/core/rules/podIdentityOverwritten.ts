import { at, pairOf, strValue } from '../yamlTree';
import { podSpecOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const podIdentityOverwritten: Rule = {
  meta: {
    id: 'pod-identity-overwritten',
    defaultSeverity: 'warning',
    summary: '`hostname` or `subdomain` is set in the pod template, but the controller overwrites both.',
    docs:
      "A StatefulSet gives every pod its identity: the controller sets the pod's `hostname` to the pod's own name (`web-0`, `web-1`, ...) and its `subdomain` to the StatefulSet's `serviceName`, whatever the template says. Values written there are dropped without a word, so software that expects them sees other names. Remove them; choose the names through `metadata.name` and `serviceName` instead.",
    example: 'spec:\n  serviceName: nginx      # becomes each pod\'s subdomain\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const podSpec = podSpecOf(sts);
      const name = sts.name ?? '<name>';
      const hostname = pairOf(podSpec, 'hostname');
      if (hostname) {
        ctx.report({
          span: hostname.keySpan,
          message: `The controller sets each pod's hostname to the pod's name (${name}-0, ${name}-1, ...), so this hostname is ignored.`,
          path: `${sts.pathPrefix}spec.template.spec.hostname`,
          fix: { kind: 'remove-pair' },
        });
      }
      const subdomain = pairOf(podSpec, 'subdomain');
      if (subdomain) {
        const serviceName = strValue(at(specOf(sts), 'serviceName'));
        const becomes = serviceName ? `spec.serviceName ("${serviceName}")` : 'spec.serviceName, which is empty here, so the pods get no subdomain';
        ctx.report({
          span: subdomain.keySpan,
          message: `The controller sets each pod's subdomain to ${becomes}; this subdomain is ignored.`,
          path: `${sts.pathPrefix}spec.template.spec.subdomain`,
          fix: { kind: 'remove-pair' },
        });
      }
    }
  },
};
