/** Quick fixes for our diagnostics and refactors at the cursor: looks up, calls the core, converts. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core';
import { disableFixesFor } from '../core/disableFixes';
import { fixesFor, type CodeFix } from '../core/fixes';
import { refactorsAt } from '../core/refactors';
import { OpenMigrationPlanCommand } from '../protocol';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE, diagnosticData, rangeOf, spanOf } from './convert';

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    ctx.safe('codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
      const uri = params.textDocument.uri;
      const doc = ctx.documents.get(uri);
      const analysis = await ctx.analysisFor(uri);
      if (!doc || !analysis) return [];
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const fixes: { fix: CodeFix; diagnostic?: Diagnostic }[] = [];
      const opened: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const d of params.context.diagnostics) {
          if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
          const finding = findingFor(analysis.findings, doc, d);
          if (!finding) continue;
          const others = await otherTexts(ctx, finding);
          for (const fix of fixesFor(analysis, finding, (u) => others.get(u)?.getText())) fixes.push({ fix, diagnostic: d });
          const open = openPlanAction(ctx, finding, d);
          if (open) opened.push(open);
          for (const fix of disableFixesFor(analysis, finding)) fixes.push({ fix, diagnostic: d });
        }
      }
      if (wants(CodeActionKind.RefactorRewrite)) for (const fix of refactorsAt(analysis, spanOf(doc, params.range))) fixes.push({ fix });
      const actions: CodeAction[] = [];
      for (const { fix, diagnostic } of fixes) {
        const docs = new Map<string, TextDocument>([[uri, doc]]);
        for (const e of fix.edits) if (e.uri && !docs.has(e.uri)) {
          const other = await ctx.documentFor(e.uri);
          if (other) docs.set(e.uri, other);
        }
        const changes: Record<string, TextEdit[]> = {};
        let complete = true;
        for (const e of fix.edits) {
          const target = docs.get(e.uri ?? uri);
          if (!target) complete = false;
          else (changes[target.uri] ??= []).push({ range: rangeOf(target, e.span), newText: e.newText });
        }
        if (!complete) continue;
        actions.push({ title: fix.title, kind: fix.kind, diagnostics: diagnostic ? [diagnostic] : undefined, isPreferred: fix.isPreferred, edit: { changes } });
      }
      return [...opened, ...actions];
    }),
  );
}

/** The plan in a new editor, for clients that run the command (VS Code); the comment fix works everywhere. */
function openPlanAction(ctx: ServerContext, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
  const plan = finding.fix?.plan;
  if (finding.fix?.kind !== 'migration-plan' || typeof plan !== 'string' || !ctx.clientCommands.has(OpenMigrationPlanCommand)) return undefined;
  const title = `Open the migration plan for StatefulSet ${String(finding.fix.name)}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: OpenMigrationPlanCommand, arguments: [plan] } };
}

/** The current finding behind a diagnostic (same rule and range); the client's copy may be stale. */
function findingFor(findings: readonly Finding[], doc: TextDocument, d: Diagnostic): Finding | undefined {
  const span = spanOf(doc, d.range);
  const current = findings.find((f) => f.code === d.code && f.span.start === span.start && f.span.end === span.end);
  if (current) return current;
  const { fix, path } = diagnosticData(d);
  return fix ? { code: String(d.code), severity: 'error', message: typeof d.message === 'string' ? d.message : d.message.value, span, fix, path } : undefined;
}

async function otherTexts(ctx: ServerContext, f: Finding): Promise<Map<string, TextDocument>> {
  const out = new Map<string, TextDocument>();
  const uri = f.fix?.uri;
  if (typeof uri === 'string') {
    const d = await ctx.documentFor(uri);
    if (d) out.set(uri, d);
  }
  return out;
}
