import { LIMIT_ERRORS, LIMIT_PROBLEMS } from './analysisLimit';
import type { Rule } from './types';

/** Codes the yaml package reports that another rule explains better. */
const COVERED = new Set(['TAB_AS_INDENT', ...LIMIT_ERRORS]);

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    summary: 'The text is not valid YAML.',
    docs: 'Kubernetes cannot decode a document that is not valid YAML, so kubectl and the API server reject the whole file. The finding points at the place the parser stopped; the other documents of the file are still checked.',
    example: 'metadata:\n  name: web\n  labels: {app: web}',
    scope: 'document',
    onBrokenYaml: true,
    layer: 'yaml',
  },
  check(ctx) {
    for (const e of ctx.doc.errors) {
      if (COVERED.has(e.code)) continue;
      ctx.report({ span: e.span, message: `YAML syntax error: ${e.message}` });
    }
    for (const p of ctx.doc.problems) {
      if (p.code === 'duplicate-key' || LIMIT_PROBLEMS.has(p.code)) continue;
      ctx.report({ span: p.span, message: p.message });
    }
  },
};
