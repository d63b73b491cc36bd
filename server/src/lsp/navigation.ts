/**
 * Definition, references and rename (core/navigation.ts). Spans in other files become Locations
 * through `ctx.documentFor`; references in files that are not open are found by analysing them
 * on the spot (with their own settings, outside the shared index). Open documents are searched
 * too: one holding only ConfigMaps or Secrets that use a StatefulSet's names is not indexed.
 */
import { ErrorCodes, ResponseError, type DefinitionParams, type Location, type PrepareRenameParams, type Range, type ReferenceParams, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { analyze, referenceAt, type Analysis } from '../core';
import { claimTemplateDefinition, definitionAt, prepareRenameAt, referenceCandidates, referencesAt, renameAt, type FileSpan, type TextEdit } from '../core/navigation';
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

/** Analyses of the files that may use the name at `offset`, besides `a`'s; undefined when cancelled. */
async function otherFiles(ctx: ServerContext, a: Analysis, offset: number, token: { isCancellationRequested: boolean }): Promise<Analysis[] | undefined> {
  const uris = new Set(referenceCandidates(a, offset, ctx.index).slice(0, MAX_REFERENCE_FILES));
  for (const d of ctx.documents.all()) if (d.uri !== a.uri) uris.add(d.uri);
  const others: Analysis[] = [];
  for (const uri of uris) {
    if (token.isCancellationRequested) return undefined;
    const other = await analysisOfFile(ctx, uri);
    if (other) others.push(other);
  }
  return others;
}

export function register(ctx: ServerContext): void {
  const c = ctx.connection;
  c.onDefinition(
    ctx.safe('textDocument/definition', [], async (p: DefinitionParams): Promise<Location[]> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      if (!a || !doc) return [];
      const offset = offsetOf(doc, p.position);
      // A PVC name goes to its claim template, which only the StatefulSet's file says where it is.
      const ref = referenceAt(a, offset, ctx.index);
      const setFile = ref?.template?.known ? await analysisOfFile(ctx, ref.set.uri) : undefined;
      const template = ref && setFile && claimTemplateDefinition(setFile, ref);
      return locations(ctx, template ? [template] : definitionAt(a, offset, ctx.index));
    }),
  );
  c.onReferences(
    ctx.safe('textDocument/references', [], async (p: ReferenceParams, token): Promise<Location[]> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      if (!a || !doc) return [];
      const offset = offsetOf(doc, p.position);
      const others = await otherFiles(ctx, a, offset, token);
      if (!others) return [];
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
    ctx.safe('textDocument/rename', null, async (p: RenameParams, token): Promise<WorkspaceEdit | ResponseError | null> => {
      const a = await ctx.analysisFor(p.textDocument.uri);
      const doc = ctx.documents.get(p.textDocument.uri);
      if (!a || !doc) return null;
      const offset = offsetOf(doc, p.position);
      const others = await otherFiles(ctx, a, offset, token);
      const r = others && renameAt(a, offset, p.newName, ctx.index, others);
      if (!r) return null;
      if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
      const byFile = new Map<string, TextEdit[]>();
      for (const e of r.edits) {
        const uri = e.uri ?? doc.uri;
        byFile.set(uri, [...(byFile.get(uri) ?? []), e]);
      }
      const changes: NonNullable<WorkspaceEdit['changes']> = {};
      for (const [uri, edits] of byFile) {
        const target = await ctx.documentFor(uri);
        if (target) changes[uri] = edits.map((e) => ({ range: rangeOf(target, e.span), newText: e.newText }));
      }
      return { changes };
    }),
  );
}
