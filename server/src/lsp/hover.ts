/** textDocument/hover: field docs and computed facts (core/hover.ts) as markdown. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { hoverAt } from '../core/hover';
import type { ServerContext } from './context';
import { offsetOf, rangeOf } from './convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onHover(
    ctx.safe('textDocument/hover', null, async (params: HoverParams): Promise<Hover | null> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return null;
      const h = hoverAt(a, offsetOf(doc, params.position), ctx.index);
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: rangeOf(doc, h.span) };
    }),
  );
}
