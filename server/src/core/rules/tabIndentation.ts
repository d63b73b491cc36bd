import type { YNode } from '../yamlTree';
import type { Span } from '../types';
import type { Rule } from './types';

/**
 * The spans of scalars written over several lines: a tab at the start of one of their later lines
 * is the scalar's content (a block scalar's text, or a quoted or plain scalar's line folding), which
 * the API server accepts. In order of position, as the tree lists them.
 */
function multiLineScalars(node: YNode | null | undefined, text: string, out: Span[]): Span[] {
  if (!node) return out;
  if (node.kind === 'scalar') {
    const nl = text.indexOf('\n', node.span.start);
    if (nl >= 0 && nl < node.span.end) out.push(node.span);
  } else if (node.kind === 'seq') {
    for (const item of node.items) multiLineScalars(item, text, out);
  } else {
    for (const pair of node.pairs) {
      if (pair.merged) continue;
      multiLineScalars(pair.key, text, out);
      multiLineScalars(pair.value, text, out);
    }
  }
  return out;
}

export const tabIndentation: Rule = {
  meta: {
    id: 'tab-indentation',
    defaultSeverity: 'error',
    summary: 'A tab is used for indentation.',
    docs: 'YAML allows only spaces for indentation; a tab there makes the document unreadable for kubectl and the API server. Replace each indenting tab with spaces.',
    example: 'spec:\n  replicas: 3',
    scope: 'document',
    onBrokenYaml: true,
  },
  check(ctx) {
    const { text } = ctx;
    const { start, end } = ctx.doc.span;
    const firstTab = text.indexOf('\t', start);
    if (firstTab < 0 || firstTab >= end) return;
    // On a document that parses, a tab the parser took as a scalar's content is no indentation;
    // on a broken one the tree is a guess, and every tab before a line's content is suspect.
    const content = ctx.doc.errors.length === 0 ? multiLineScalars(ctx.doc.root, text, []).sort((a, b) => a.start - b.start) : [];
    let next = 0;
    let i = start;
    // Only the document's own lines; a chunk can hold several documents.
    while (i < end) {
      let j = i;
      while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      const indent = text.slice(i, j);
      const tab = indent.indexOf('\t');
      const rest = text.charCodeAt(j);
      // A tab before a line's content, but not a blank line and not inside a comment line.
      while (next < content.length && content[next].end <= i) next++;
      const inScalar = next < content.length && content[next].start < i;
      if (tab >= 0 && !inScalar && j < end && rest !== 10 && rest !== 13 && rest !== 35 /* # */) {
        ctx.report({
          span: { start: i + tab, end: j },
          message: 'Tabs are not allowed in YAML indentation; use spaces.',
          fix: { kind: 'replace-tabs', spaces: 2 },
        });
      }
      const nl = text.indexOf('\n', j);
      if (nl < 0) break;
      i = nl + 1;
    }
  },
};
