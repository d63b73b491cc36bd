/**
 * Findings as diagnostics, pushed (`textDocument/publishDiagnostics`) or, when the client can
 * pull (`textDocument/diagnostic`), pulled — never both, so a pull client does not see each
 * finding twice. Pull needs `workspace/diagnostic/refresh` too: a document's findings change
 * when other files or the settings change, and a client that cannot be told so would keep stale
 * ones until the next keystroke; such clients get pushes.
 *
 * Which files we speak about is decided in core/coverage.ts (relatesToStatefulSets), the same
 * answer the CLI uses: a plain YAML file or a Deployment-only file gets nothing from us, not
 * even its syntax errors. In a file we do speak about, every finding counts: a syntax error in
 * any of its documents stops `kubectl apply -f` on that file.
 */
import { createHash } from 'node:crypto';
import type { ClientCapabilities, Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isConfigFileName, relatesToStatefulSets, ruleMeta, type Analysis, type Finding } from '../core';
import { configDiagnostics } from './configFile';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';

/**
 * The findings we report for a file. While the start-up scan runs, findings of workspace-scoped
 * rules are held back: the object they miss may be in a file not indexed yet.
 */
export function reportedFindings(a: Analysis, workspaceIndexed: boolean): readonly Finding[] {
  if (!relatesToStatefulSets(a)) return [];
  if (workspaceIndexed) return a.findings;
  // The base rules read the index too (StorageClasses for a plan, Services); a suppression of a
  // finding held back would look unused until then.
  return a.findings.filter((f) => ruleMeta(f.code)?.scope !== 'workspace' && ruleMeta(f.code)?.scope !== 'base' && f.code !== 'unused-disable-directive');
}

export function diagnosticsOf(ctx: ServerContext, doc: TextDocument, a: Analysis): Diagnostic[] {
  if (isConfigFileName(doc.uri)) return configDiagnostics(doc);
  if (ctx.isExcluded(doc.uri)) return [];
  return [...reportedFindings(a, ctx.workspaceIndexed), ...ctx.overlayFindings(doc.uri)].map((f) => toDiagnostic(doc, f));
}

export function usesPull(client: ClientCapabilities): boolean {
  return Boolean(client.textDocument?.diagnostic && client.workspace?.diagnostics?.refreshSupport);
}

export function register(ctx: ServerContext): void {
  if (usesPull(ctx.clientCapabilities)) registerPull(ctx);
  else registerPush(ctx);
}

function registerPush(ctx: ServerContext): void {
  /**
   * What was last sent per URI, so a change elsewhere that alters nothing here sends nothing.
   * Compared as JSON only then: after an edit everything is sent anyway, and serialising a
   * thousand diagnostics on every keystroke cost more than the re-check.
   */
  const sent = new Map<string, readonly Diagnostic[]>();
  ctx.onDidChangeAnalysis((change) => {
    const doc = ctx.documents.get(change.uri);
    if (!doc) return;
    const diagnostics = diagnosticsOf(ctx, doc, change.analysis);
    // After an edit the client has moved its markers itself; send even an equal list so they match ours.
    const before = sent.get(change.uri);
    if (change.reason !== 'edit' && before && JSON.stringify(before) === JSON.stringify(diagnostics)) return;
    sent.set(change.uri, diagnostics);
    void ctx.connection.sendDiagnostics({ uri: change.uri, version: change.version, diagnostics });
  });
  ctx.documents.onDidClose((e) => {
    sent.delete(e.document.uri);
    void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
}

function registerPull(ctx: ServerContext): void {
  const empty: DocumentDiagnosticReport = { kind: 'full', items: [] };
  ctx.connection.languages.diagnostics.on(
    ctx.safe('textDocument/diagnostic', empty, async (params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> => {
      const uri = params.textDocument.uri;
      const a = await ctx.analysisFor(uri);
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return empty;
      const items = diagnosticsOf(ctx, doc, a);
      const resultId = createHash('sha1').update(`${doc.version}\n${JSON.stringify(items)}`).digest('hex').slice(0, 20);
      if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items };
    }),
  );
  // The client pulls after its own edits; other changes (settings, other files) need a nudge,
  // one per turn of the event loop however many documents changed.
  let pending = false;
  ctx.onDidChangeAnalysis((change) => {
    if (change.reason === 'edit' || pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      ctx.connection.languages.diagnostics.refresh().catch((e: unknown) => ctx.log(`workspace/diagnostic/refresh failed: ${(e as Error).message}`));
    });
  });
}
