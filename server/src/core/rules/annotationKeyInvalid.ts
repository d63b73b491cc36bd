import { qualifiedNameProblem } from '../names';
import { asMap, pairOf, type YMap } from '../yamlTree';
import type { RuleContext, Rule } from './types';
import { eachStatefulSet, q } from './util';

function checkKeys(ctx: RuleContext, annotations: YMap | undefined, path: string): void {
  if (!annotations) return;
  for (const p of annotations.pairs) {
    if (p.merged) continue;
    // The API server checks annotation keys case-insensitively.
    const problem = qualifiedNameProblem(p.keyText.toLowerCase());
    if (problem) ctx.report({ span: p.keySpan, message: `Annotation key ${q(p.keyText)} is not valid: ${problem}.`, path: `${path}[${p.keyText}]` });
  }
}

export const annotationKeyInvalid: Rule = {
  meta: {
    id: 'annotation-key-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'An annotation key of the StatefulSet or of its pod template breaks the key grammar.',
    docs:
      'Annotation keys follow the label key grammar (an optional DNS subdomain prefix and "/", then a name of at most 63 letters, digits, "-", "_" and "."), upper case allowed. The API server rejects the StatefulSet when its annotations or those of its pod template have a key outside it.',
    example: 'metadata:\n  annotations:\n    example.com/owner: team-db',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      checkKeys(ctx, asMap(pairOf(asMap(pairOf(v.root, 'metadata')?.value), 'annotations')?.value), `${v.prefix}metadata.annotations`);
      checkKeys(ctx, asMap(pairOf(asMap(pairOf(v.template, 'metadata')?.value), 'annotations')?.value), `${v.prefix}spec.template.metadata.annotations`);
    });
  },
};
