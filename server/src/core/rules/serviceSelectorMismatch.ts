import { stringMap } from '../workspace';
import { at } from '../yamlTree';
import { governingService } from './governingService';
import { specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

const fmt = (labels: Readonly<Record<string, string>>): string => {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? 'none' : pairs.join(', ');
};

export const serviceSelectorMismatch: Rule = {
  meta: {
    id: 'service-selector-mismatch',
    defaultSeverity: 'warning',
    summary: "The governing Service's selector does not select the StatefulSet's pods.",
    docs:
      "Per-pod DNS names come from the endpoints of the governing Service, and a Service's endpoints are the pods its `spec.selector` matches. When every label of the selector is not on the pod template, the Service never lists these pods and their names do not resolve, although both objects look fine on their own. Use the StatefulSet's `spec.selector.matchLabels` as the Service's selector. Services without a selector are left alone: their endpoints are managed by hand or by an operator.",
    example:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx      # labels the pod template carries\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n',
    scope: 'workspace',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const g = governingService(ctx, sts);
      if (!g) continue;
      const withSelector = g.services.filter((s) => s.selector !== undefined && Object.keys(s.selector).length > 0);
      if (withSelector.length === 0 || withSelector.length < g.services.length) continue;
      const matches = (sel: Readonly<Record<string, string>>) => Object.entries(sel).every(([k, v]) => g.podLabels[k] === v);
      if (withSelector.some((s) => matches(s.selector ?? {}))) continue;
      const svc = withSelector[0];
      // Labels the pods carry: the StatefulSet's matchLabels when the template has them, else the template's own.
      const selected = stringMap(at(specOf(sts), 'selector', 'matchLabels'));
      const wanted = [selected, g.podLabels].find((m) => m && Object.keys(m).length > 0 && matches(m));
      ctx.report({
        span: g.node.span,
        message: `Service "${g.serviceName}" selects ${fmt(svc.selector ?? {})}, but the pod template is labelled ${fmt(g.podLabels)}: the Service never lists these pods, so their DNS names do not resolve.`,
        path: g.path,
        fix: wanted ? { kind: 'set-service-selector', uri: svc.uri, name: svc.name, namespace: svc.namespace, span: svc.span, selector: wanted } : undefined,
      });
    }
  },
};
