import type { Rule } from './types';

export const tabIndentation: Rule = {
  meta: {
    id: 'tab-indentation',
    defaultSeverity: 'error',
    summary: 'A tab is used for indentation.',
    docs: 'YAML allows only spaces for indentation; a tab there makes the document unreadable for kubectl and the API server. Replace each indenting tab with spaces.',
    example: 'spec:\n  replicas: 3',
    scope: 'document',
    onBrokenYaml: true,
    layer: 'yaml',
  },
  check(ctx) {
    const { text } = ctx;
    const { start, end } = ctx.doc.span;
    const firstTab = text.indexOf('\t', start);
    if (firstTab < 0 || firstTab >= end) return;
    let i = start;
    // Only the document's own lines; a chunk can hold several documents.
    while (i < end) {
      let j = i;
      while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      const indent = text.slice(i, j);
      const tab = indent.indexOf('\t');
      const rest = text.charCodeAt(j);
      // A tab before a line's content, but not a blank line and not inside a comment line.
      if (tab >= 0 && j < end && rest !== 10 && rest !== 13 && rest !== 35 /* # */) {
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
