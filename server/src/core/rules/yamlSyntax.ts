import { LIMIT_ERRORS, LIMIT_PROBLEMS } from './analysisLimit';
import type { Rule } from './types';

/** Codes the yaml package reports that another rule explains better. */
const COVERED = new Set(['TAB_AS_INDENT', ...LIMIT_ERRORS]);

/**
 * Syntax findings shown per document. After the first slip the parser's later errors mostly follow
 * from it (every key after a misplaced line is "unexpected"), and a red page hides where to look.
 */
const MAX_PER_DOCUMENT = 3;

/** Codes the parser repeats for each later token of one broken construct: the first one says it. */
const ONCE_PER_DOCUMENT = new Set(['UNEXPECTED_TOKEN', 'BAD_INDENT']);

/** What to do, for the errors people make most; the parser's own words for the rest. */
function advice(code: string, message: string): string | undefined {
  if (/flow (map|sequence|collection)/i.test(message) || /end with a [}\]]/.test(message)) return 'a `{` or `[` is not closed: add the closing bracket';
  if (/closing .*quote/i.test(message)) return 'a quoted value is not closed: add the closing quote';
  switch (code) {
    case 'BAD_INDENT':
      return 'this line is not lined up with the lines of its block: indent it like the keys beside it';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a key with a value on its line cannot also hold the more indented lines below it: line those up with this key, or move the value onto them';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must end with `:` on its own line: add the colon, or indent this line under the key it continues';
    case 'UNEXPECTED_TOKEN':
      return 'the document cannot continue here: a line above has no key or is indented wrongly';
    default:
      return undefined;
  }
}

/**
 * Where an unclosed quote or bracket was opened: the parser reports the end of the text, the user
 * wants the line the opening is on (the first value line whose opening is not closed on it).
 */
function opening(text: string, from: number, to: number, message: string): { start: number; end: number } | undefined {
  const quote = /closing .*quote/i.test(message);
  const flow = !quote && /flow|end with a [}\]]/i.test(message);
  if (!quote && !flow) return undefined;
  const re = quote ? /(^|[:\-,[{]\s*)(["'])/g : /(:\s*|-\s+|^\s*)([[{])/g;
  let lineStart = from;
  while (lineStart < to) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 || nl > to ? to : nl;
    const line = text.slice(lineStart, lineEnd).replace(/\s#.*$/, '');
    for (const m of line.matchAll(re)) {
      const at = (m.index ?? 0) + m[1].length;
      const rest = line.slice(at + 1);
      const open = m[2];
      const closed = open === '"' ? /(^|[^\\])"/.test(rest) : open === "'" ? rest.includes("'") : rest.includes(open === '[' ? ']' : '}');
      if (!closed) return { start: lineStart + at, end: lineStart + at + 1 };
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    summary: 'The text is not valid YAML.',
    docs: 'Kubernetes cannot decode a document that is not valid YAML, so kubectl and the API server reject the whole file. The finding points at the first place that is wrong, at most three per document (the parser reports every later token of one broken construct); a line with no key is reported once and the rest of the file is checked as if it were not there; the other documents of the file are still checked.',
    example: 'metadata:\n  name: web\n  labels: {app: web}',
    scope: 'document',
    onBrokenYaml: true,
    layer: 'yaml',
  },
  check(ctx) {
    let shown = 0;
    const lines = new Set<number>();
    const codes = new Set<string>();
    const lineOf = (offset: number): number => ctx.text.lastIndexOf('\n', offset - 1);
    for (const p of ctx.doc.problems) {
      if (p.code === 'duplicate-key' || LIMIT_PROBLEMS.has(p.code)) continue;
      ctx.report({ span: p.span, message: p.message });
      if (p.code === 'line-without-key') {
        shown++;
        lines.add(lineOf(p.span.start));
      }
    }
    for (const e of ctx.doc.errors) {
      if (COVERED.has(e.code) || shown >= MAX_PER_DOCUMENT) continue;
      const line = lineOf(e.span.start);
      if (lines.has(line) || (ONCE_PER_DOCUMENT.has(e.code) && codes.has(e.code))) continue;
      lines.add(line);
      codes.add(e.code);
      shown++;
      const what = advice(e.code, e.message);
      const span = opening(ctx.text, ctx.doc.span.start, e.span.end, e.message) ?? e.span;
      ctx.report({ span, message: what ? `YAML syntax error: ${what} (${e.message}).` : `YAML syntax error: ${e.message}` });
    }
  },
};
