/** textDocument/hover: field docs and computed facts (core/hover.ts), as markdown or plain text. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { configHoverAt, isConfigFileName } from '../core';
import { hoverAt } from '../core/hover';
import type { ServerContext } from './context';
import { offsetOf, rangeOf } from './convert';

/** Markdown as readable plain text, for clients that ask for it (eglot without markdown-mode). */
export function markdownToPlain(md: string): string {
  return md
    .replace(/^```[^\n]*\n?/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/^#+\s*/gm, '')
    .replace(/^\s*---+\s*$/gm, '');
}

export function register(ctx: ServerContext): void {
  const formats = ctx.clientCapabilities.textDocument?.hover?.contentFormat;
  const markdown = !formats || formats.length === 0 || formats.includes(MarkupKind.Markdown);
  ctx.connection.onHover(
    ctx.safe('textDocument/hover', null, async (params: HoverParams): Promise<Hover | null> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return null;
      const offset = offsetOf(doc, params.position);
      const h = isConfigFileName(doc.uri) ? configHoverAt(a, offset) : hoverAt(a, offset, ctx.index);
      if (!h) return null;
      const contents = markdown ? { kind: MarkupKind.Markdown, value: h.contents } : { kind: MarkupKind.PlainText, value: markdownToPlain(h.contents) };
      return { contents, range: rangeOf(doc, h.span) };
    }),
  );
}
