import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, q } from './util';

export const restartPolicyInvalid: Rule = {
  meta: {
    id: 'restart-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'The pod template restartPolicy is not Always.',
    docs: 'A StatefulSet keeps its pods running, so its pod template may only use `restartPolicy: Always` (the default). OnFailure and Never are for Jobs and bare pods; the API server rejects them, and any other value, in a StatefulSet.',
    example: 'spec:\n  template:\n    spec:\n      restartPolicy: Always',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const node = pairOf(v.podSpec, 'restartPolicy')?.value;
      const s = strValue(node);
      if (!node || s === undefined || s === '' || s === 'Always') return;
      const why = s === 'OnFailure' || s === 'Never' ? `${q(s)} is for Jobs and bare pods` : `${q(s)} is not a restart policy`;
      ctx.report({ span: node.span, message: `A StatefulSet's pods must use restartPolicy "Always"; ${why}.`, path: `${v.prefix}spec.template.spec.restartPolicy`, fix: { kind: 'replace-value', value: 'Always' } });
    });
  },
};
