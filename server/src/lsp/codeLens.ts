/** textDocument/codeLens: "Preview pods, PVCs and DNS" on each StatefulSet (the client opens the preview). */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { codeLensesOf } from '../core/navigation';
import type { ServerContext } from './context';
import { rangeOf } from './convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeLens(
    ctx.safe('textDocument/codeLens', [], async (params: CodeLensParams): Promise<CodeLens[]> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return [];
      return codeLensesOf(a).map((l) => ({ range: rangeOf(doc, l.span), command: { title: l.title, command: l.command, arguments: [...l.arguments] } }));
    }),
  );
}
