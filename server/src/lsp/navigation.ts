/**
 * Definition, references and rename (core/navigation.ts). Spans in other files become Locations
 * through `ctx.documentFor`; references in files that are not open are found by analysing them
 * on the spot (with their own settings, outside the shared index).
 */
import { ErrorCodes, ResponseError, type DefinitionParams, type Location, type PrepareRenameParams, type Range, type ReferenceParams, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { analyze, type Analysis } from '../core';
import { definitionAt, prepareRenameAt, referenceCandidates, referencesAt, renameAt, type FileSpan } from '../core/navigation';
import type { ServerContext } from './context';
import { locationOf, offsetOf, rangeOf } from './convert';

/** Files read for one references request, at most. */
const MAX_REFERENCE_FILES = 500;

async function locations(ctx: ServerContext, spans: readonly FileSpan[]): Promise<Location[]> {
  const out: Location[] = [];
  for (const s of spans) {
    const doc = await ctx.documentFor(s.uri);
    if (doc) out.push(locationOf(doc, s.span));
  }
  return out;
}

async function analysisOfFile(ctx: ServerContext, uri: string): Promise<Analysis | undefined> {
  if (ctx.documents.get(uri)) return ctx.analysisFor(uri);
  const doc = await ctx.documentFor(uri);
  return doc && analyze(doc.getText(), { uri, settings: await ctx.settingsFor(uri) });
}

export function register(ctx: ServerContext): void {
  const c = ctx.connection;
  c.onDefinition(
    ctx.safe('textDocument/definition', [], async (p: DefinitionParams): Promise<Location[]> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      return a && doc ? locations(ctx, definitionAt(a, offsetOf(doc, p.position), ctx.index)) : [];
    }),
  );
  c.onReferences(
    ctx.safe('textDocument/references', [], async (p: ReferenceParams, token): Promise<Location[]> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      if (!a || !doc) return [];
      const offset = offsetOf(doc, p.position);
      const others: Analysis[] = [];
      for (const uri of referenceCandidates(a, offset, ctx.index).slice(0, MAX_REFERENCE_FILES)) {
        if (token.isCancellationRequested) return [];
        const other = await analysisOfFile(ctx, uri);
        if (other) others.push(other);
      }
      return locations(ctx, referencesAt(a, offset, ctx.index, p.context.includeDeclaration, others));
    }),
  );
  c.onPrepareRename(
    ctx.safe('textDocument/prepareRename', null, async (p: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | ResponseError | null> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      const r = a && doc ? prepareRenameAt(a, offsetOf(doc, p.position)) : undefined;
      if (!r || !doc) return null;
      return 'error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : { range: rangeOf(doc, r.span), placeholder: r.placeholder };
    }),
  );
  c.onRenameRequest(
    ctx.safe('textDocument/rename', null, async (p: RenameParams): Promise<WorkspaceEdit | ResponseError | null> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      const r = a && doc ? renameAt(a, offsetOf(doc, p.position), p.newName) : undefined;
      if (!r || !doc) return null;
      if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return { changes: { [doc.uri]: r.edits.map((e) => ({ range: rangeOf(doc, e.span), newText: e.newText })) } };
    }),
  );
}
