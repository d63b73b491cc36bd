import { didYouMean } from '../names';
import { annotationIds, commentDirectives, disableAnnotationOf, DISABLE_ANNOTATION, objectsOf, SUPPRESSION_MARK, type DirectiveId } from '../suppress';
import { LineIndex } from '../text';
import { RULE_METAS } from './index';
import type { Rule, RuleContext } from './types';

/** Where a document's own comments begin: the comment and blank lines right above its content belong to it. */
function leadingStart(text: string, start: number): number {
  let s = lineStartAt(text, start);
  while (s > 0) {
    // `s - 1` is the line break ending the line above.
    const prev = lineStartAt(text, s - 1);
    const line = text.slice(prev, s - 1).trim();
    if (line !== '' && !line.startsWith('#')) break;
    s = prev;
  }
  return s;
}

/** The start of the line holding `offset` (lastIndexOf reads a negative start as 0, so 0 is handled first). */
function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function reportUnknown(ctx: RuleContext, ids: readonly DirectiveId[], where: string): void {
  const known = RULE_METAS.map((m) => m.id);
  for (const x of ids) {
    if (known.includes(x.id)) continue;
    const guess = didYouMean(x.id, known);
    ctx.report({ span: x.span, message: `${where} names "${x.id}", which is no rule${guess ? `; did you mean "${guess}"?` : '.'} It silences nothing.`, fix: guess ? { kind: 'replace-text', text: guess } : undefined });
  }
}

export const disableUnknownRule: Rule = {
  meta: {
    id: 'disable-unknown-rule',
    defaultSeverity: 'warning',
    summary: 'A disable comment or the statefulset-tools.io/disable annotation names a rule that does not exist.',
    docs: 'Suppressions name rules by id: `# statefulset-tools-disable-next-line pdb-missing`, or the annotation `statefulset-tools.io/disable: "pdb-missing, prefer-read-write-once-pod"` on an object. An id that is no rule (a typo, or a rule renamed) silences nothing, so the finding it was meant for is still reported, or will be once it appears. `statefulset-tools rules` lists the ids.',
    example: 'metadata:\n  name: web\n  annotations:\n    statefulset-tools.io/disable: "pdb-missing"',
    scope: 'document',
    onBrokenYaml: true,
  },
  check(ctx) {
    const { text, doc } = ctx;
    const from = leadingStart(text, doc.span.start);
    if (text.indexOf(SUPPRESSION_MARK, from) >= 0) {
      for (const d of commentDirectives(text, new LineIndex(text), 0, from, doc.span.end)) reportUnknown(ctx, d.ids, 'This disable comment');
    }
    if (!text.includes(DISABLE_ANNOTATION)) return;
    for (const object of objectsOf(doc)) {
      const value = disableAnnotationOf(object);
      if (value) reportUnknown(ctx, annotationIds(text, value), `The ${DISABLE_ANNOTATION} annotation`);
    }
  },
};
