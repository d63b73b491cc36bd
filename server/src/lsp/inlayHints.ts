/** textDocument/inlayHint: pod names after `replicas`, PVC names after a claim template's name. */
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver/node';
import { inlayHintsIn } from '../core/navigation';
import type { ServerContext } from './context';
import { spanOf } from './convert';

export function register(ctx: ServerContext): void {
  ctx.connection.languages.inlayHint.on(
    ctx.safe('textDocument/inlayHint', [], async (params: InlayHintParams): Promise<InlayHint[]> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return [];
      return inlayHintsIn(a, spanOf(doc, params.range)).map((h) => ({
        position: doc.positionAt(h.offset),
        label: h.label,
        kind: InlayHintKind.Type,
        tooltip: h.tooltip,
        paddingLeft: true,
      }));
    }),
  );
}
