/** textDocument/completion: keys, values and references at the cursor (core/completion.ts). */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver/node';
import { configCompletionsAt, isConfigFileName } from '../core';
import { completionsAt, type CompletionItemData } from '../core/completion';
import type { ServerContext } from './context';
import { offsetOf, rangeOf, type PositionMapper } from './convert';

const KIND: Record<CompletionItemData['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
};

/** A snippet as the text it expands to with every placeholder left at its first value. */
export function plainOf(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\(.)/g, '$1');
}

function toItem(doc: PositionMapper, d: CompletionItemData, snippets: boolean): CompletionItem {
  const snippet = d.snippet && snippets;
  return {
    label: d.label,
    kind: KIND[d.kind],
    detail: d.detail,
    documentation: d.documentation ? { kind: MarkupKind.Markdown, value: d.documentation } : undefined,
    textEdit: { range: rangeOf(doc, d.replace), newText: d.snippet && !snippets ? plainOf(d.insertText) : d.insertText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The core indents snippet lines itself, from the key's column.
    insertTextMode: InsertTextMode.asIs,
    sortText: d.sortText,
    filterText: d.filterText,
    preselect: d.preselect,
  };
}

export function register(ctx: ServerContext): void {
  const snippets = Boolean(ctx.clientCapabilities.textDocument?.completion?.completionItem?.snippetSupport);
  ctx.connection.onCompletion(
    ctx.safe('textDocument/completion', null, async (params: CompletionParams): Promise<CompletionList | null> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return null;
      const offset = offsetOf(doc, params.position);
      const found = isConfigFileName(doc.uri) ? configCompletionsAt(a, offset) : completionsAt(a, offset, ctx.index);
      const items = found.map((d) => toItem(doc, d, snippets));
      return { isIncomplete: false, items };
    }),
  );
}
