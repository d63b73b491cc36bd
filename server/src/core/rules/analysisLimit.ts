import { TOO_DEEP, TOO_LARGE } from '../parse';
import type { Rule, RuleMeta } from './types';

/** Parser errors this rule explains (yaml-syntax leaves them alone); RESOURCE_EXHAUSTION is the `yaml` package's own stack guard. */
export const LIMIT_ERRORS: ReadonlySet<string> = new Set([TOO_LARGE, TOO_DEEP, 'RESOURCE_EXHAUSTION']);
/** Tree problems this rule explains. */
export const LIMIT_PROBLEMS: ReadonlySet<string> = new Set(['too-large', 'too-deep']);

export const analysisLimitMeta: RuleMeta = {
  id: 'analysis-limit',
  defaultSeverity: 'info',
  summary: 'Part of the file is beyond what is checked (its size, its nesting or its number of findings).',
  docs: 'An editor checks a file on every keystroke, so StatefulSet Tools sets limits that keep hostile or generated files from stalling it: a file over 64 MiB and a document over 1 MiB that is not plain block YAML (flow collections, anchors, tags, multi-line strings: the YAML parser slows down more than in proportion on those) are not checked, collections nested more than 100 levels deep (also through aliases) are not read, and a file shows at most 1,000 findings, the most severe first. Kubernetes objects are nowhere near these limits; the note says which one was reached and where, and everything else in the file is still checked.',
  example: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n---\n# a large generated document goes into a file of its own\n',
  scope: 'document',
  onBrokenYaml: true,
};

export const analysisLimit: Rule = {
  meta: analysisLimitMeta,
  check(ctx) {
    for (const e of ctx.doc.errors) if (LIMIT_ERRORS.has(e.code)) ctx.report({ span: e.span, message: e.code === 'RESOURCE_EXHAUSTION' ? `The YAML parser ran out of stack here (${e.message}); this document is checked as YAML only.` : e.message });
    for (const p of ctx.doc.problems) if (LIMIT_PROBLEMS.has(p.code)) ctx.report({ span: p.span, message: p.message });
  },
};
