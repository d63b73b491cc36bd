import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { containersOf, eachStatefulSet, minorOf, q, templateNote } from './util';

/**
 * From 1.35 (ContainerRestartRules on by default) containers may name the pod-level policies too;
 * before, an init container's restartPolicy could only make it a sidecar.
 */
const CONTAINER_POLICIES_SINCE = 35;

export const restartPolicyInvalid: Rule = {
  meta: {
    id: 'restart-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'The pod template restartPolicy is not Always, or an init container restartPolicy is not a known policy.',
    docs: 'A StatefulSet keeps its pods running, so its pod template may only use `restartPolicy: Always` (the default). OnFailure and Never are for Jobs and bare pods; the API server rejects them, and any other value, in a StatefulSet. An init container\'s own `restartPolicy: Always` makes it a sidecar that runs beside the containers; other values are rejected (from 1.35 OnFailure and Never are known too).',
    example: 'spec:\n  template:\n    spec:\n      restartPolicy: Always\n      initContainers:\n        - name: proxy\n          image: envoyproxy/envoy:v1.30\n          restartPolicy: Always',
  },
  check(ctx) {
    const containerPolicies = minorOf(ctx) >= CONTAINER_POLICIES_SINCE ? ['Always', 'OnFailure', 'Never'] : ['Always'];
    eachStatefulSet(ctx, (v) => {
      const node = pairOf(v.podSpec, 'restartPolicy')?.value;
      const s = strValue(node);
      if (node && s !== undefined && s !== '' && s !== 'Always') {
        const why = s === 'OnFailure' || s === 'Never' ? `${q(s)} is for Jobs and bare pods` : `${q(s)} is not a restart policy`;
        ctx.report({ span: node.span, message: `A StatefulSet's pods must use restartPolicy "Always"; ${why}.`, path: `${v.prefix}spec.template.spec.restartPolicy`, fix: { kind: 'replace-value', value: 'Always' } });
      }
      for (const c of containersOf(v)) {
        if (c.list !== 'initContainers') continue;
        const policyNode = pairOf(c.map, 'restartPolicy')?.value;
        const policy = strValue(policyNode);
        if (!policyNode || policy === undefined || containerPolicies.includes(policy)) continue;
        ctx.report({
          span: policyNode.span,
          message: `Init container restartPolicy ${q(policy)} is not supported; "Always" makes it a sidecar, or leave it out.${templateNote(ctx)}`,
          path: `${c.path}.restartPolicy`,
          fix: policy.toLowerCase() === 'always' ? { kind: 'replace-value', value: 'Always' } : undefined,
        });
      }
    });
  },
};
