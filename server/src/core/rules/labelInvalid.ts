import { labelValueProblem, qualifiedNameProblem } from '../names';
import { asMap, pairOf, strValue, type YMap } from '../yamlTree';
import type { RuleContext, Rule } from './types';
import { eachStatefulSet, q } from './util';

/** Reports bad keys and string values of one `labels` mapping; other value types belong to the type checks. */
function checkLabels(ctx: RuleContext, labels: YMap | undefined, path: string): void {
  if (!labels) return;
  for (const p of labels.pairs) {
    if (p.merged) continue;
    const keyProblem = qualifiedNameProblem(p.keyText);
    if (keyProblem) ctx.report({ span: p.keySpan, message: `Label key ${q(p.keyText)} is not valid: ${keyProblem}.`, path: `${path}[${p.keyText}]` });
    const value = strValue(p.value);
    const valueProblem = value === undefined ? undefined : labelValueProblem(value);
    if (p.value && valueProblem) ctx.report({ span: p.value.span, message: `Label value ${q(value as string)} is not valid: ${valueProblem}.`, path: `${path}[${p.keyText}]` });
  }
}

export const labelInvalid: Rule = {
  meta: {
    id: 'label-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A label key or value of the StatefulSet or of its pod template breaks the label grammar.',
    docs:
      'Label keys are an optional DNS subdomain prefix and "/" followed by a name of at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit; values follow the name rule and may also be empty. The API server rejects the StatefulSet when its own labels or the labels of its pod template break these rules.',
    example: 'metadata:\n  labels:\n    app.kubernetes.io/name: web\n    tier: db',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      checkLabels(ctx, asMap(pairOf(asMap(pairOf(v.root, 'metadata')?.value), 'labels')?.value), `${v.prefix}metadata.labels`);
      checkLabels(ctx, asMap(pairOf(asMap(pairOf(v.template, 'metadata')?.value), 'labels')?.value), `${v.prefix}spec.template.metadata.labels`);
    });
  },
};
