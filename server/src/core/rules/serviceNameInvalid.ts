import { dns1123LabelProblem } from '../names';
import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, olderNote, q, toDnsLabel } from './util';

/** First release whose API server validates serviceName. */
const SERVICE_NAME_VALIDATED_SINCE = 33;

export const serviceNameInvalid: Rule = {
  meta: {
    id: 'service-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.serviceName is not a DNS label.',
    docs:
      'serviceName names the headless Service that gives the pods their DNS names, and the controller copies it into every pod as its subdomain, which must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit. The API server checks this since 1.33; older releases accept the StatefulSet but then fail to create its pods. An empty or absent serviceName is allowed.',
    example: 'spec:\n  serviceName: web-headless',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const node = pairOf(v.spec, 'serviceName')?.value;
      const name = strValue(node);
      if (!node || !name) return;
      const problem = dns1123LabelProblem(name);
      if (!problem) return;
      const fixed = toDnsLabel(name);
      ctx.report({
        span: node.span,
        message: `serviceName ${q(name)} is not a DNS label: ${problem}.${olderNote(ctx, SERVICE_NAME_VALIDATED_SINCE, 'its controller then fails to create the pods, whose subdomain it becomes')}`,
        path: `${v.prefix}spec.serviceName`,
        fix: fixed ? { kind: 'replace-value', value: fixed } : undefined,
      });
    });
  },
};
