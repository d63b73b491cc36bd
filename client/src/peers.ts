/**
 * Middleware that keeps us from repeating what Red Hat's YAML extension already says about a file
 * (the division of work is in peerRules.ts and docs/extension.md). Decided per file at the time of
 * each answer, so installing the peer or changing its settings takes effect on the next change.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { keepFinding, kubernetesSchemaGlobs, NO_PEER, type PeerCoverage } from './peerRules';

export const RED_HAT_YAML = 'redhat.vscode-yaml';

function documentOf(target: vscode.TextDocument | vscode.Uri): vscode.TextDocument | undefined {
  if (!(target instanceof vscode.Uri)) return target;
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
}

export function coverageOf(target: vscode.TextDocument | vscode.Uri): PeerCoverage {
  if (!vscode.extensions.getExtension(RED_HAT_YAML)) return NO_PEER;
  const uri = target instanceof vscode.Uri ? target : target.uri;
  const yaml = vscode.workspace.getConfiguration('yaml', uri);
  if (yaml.get<boolean>('validate', true) === false) return NO_PEER;
  const doc = documentOf(target);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const kubernetesSchema =
    doc !== undefined &&
    kubernetesSchemaGlobs(yaml.get('schemas')).some((glob) => {
      // yaml-language-server matches a glob anywhere below the folder unless it names a path.
      const relative = glob.replace(/^\//, '');
      const anyDepth = relative.includes('/') ? relative : `**/${relative}`;
      const pattern = folder ? new vscode.RelativePattern(folder, anyDepth) : anyDepth;
      return vscode.languages.match({ pattern }, doc) > 0;
    });
  return { yaml: true, kubernetesSchema };
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return String(typeof c === 'object' ? c.value : c);
}

/** The rule's layer, from the `data` the server sent (vscode-languageclient keeps it on the diagnostic). */
function layerOf(d: vscode.Diagnostic): string | undefined {
  const data: unknown = (d as { data?: unknown }).data;
  const layer = typeof data === 'object' && data !== null ? (data as { layer?: unknown }).layer : undefined;
  return typeof layer === 'string' ? layer : undefined;
}

function keep(target: vscode.TextDocument | vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const coverage = coverageOf(target);
  return coverage === NO_PEER ? diagnostics : diagnostics.filter((d) => keepFinding({ code: codeOf(d), layer: layerOf(d) }, coverage));
}

export function peerMiddleware(): Middleware {
  return {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, keep(uri, diagnostics)),
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = await next(document, previousResultId, token);
      if (!report || !('items' in report)) return report;
      return { ...report, items: keep(document, report.items) };
    },
    provideCompletionItem: async (document, position, context, token, next) => {
      const result = await next(document, position, context, token);
      if (!result || !coverageOf(document).kubernetesSchema) return result;
      const isField = (item: vscode.CompletionItem): boolean => item.kind === vscode.CompletionItemKind.Property;
      if (Array.isArray(result)) return result.filter((i) => !isField(i));
      return new vscode.CompletionList(result.items.filter((i) => !isField(i)), result.isIncomplete);
    },
  };
}
