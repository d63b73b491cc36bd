/**
 * textDocument/inlayHint: pod names after `replicas` (and how many references in open files a
 * scale-down would orphan), PVC names after a claim template's name.
 */
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver/node';
import { inlayHintsIn } from '../core/navigation';
import type { ServerContext } from './context';
import { spanOf } from './convert';
import { openReferences } from './references';

export function register(ctx: ServerContext): void {
  const references = openReferences(ctx);
  ctx.connection.languages.inlayHint.on(
    ctx.safe('textDocument/inlayHint', [], async (params: InlayHintParams): Promise<InlayHint[]> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return [];
      // References in this file and the other open ones: a request this frequent reads no file from disk.
      return inlayHintsIn(a, spanOf(doc, params.range), references(a)).map((h) => ({
        position: doc.positionAt(h.offset),
        label: h.label,
        kind: InlayHintKind.Type,
        tooltip: h.tooltip,
        paddingLeft: true,
      }));
    }),
  );
}
