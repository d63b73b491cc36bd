/**
 * `statefulset.openPreview`. Code lenses pass `[uri, statefulSetIndex]`; the editor title and
 * context menus pass the file's Uri; the palette passes nothing. Without an index the preview shows
 * the StatefulSet under the cursor, the only one in the file, or the one the user picks.
 */
import * as vscode from 'vscode';
import type { PreviewEntry } from '../../server/src/core/identityModel';
import type { Identities } from './identities';
import type { PreviewManager } from './preview/panel';

function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The entry whose StatefulSet contains the offset, the innermost if they nest (a List). */
export function entryAt(entries: readonly PreviewEntry[], offset: number): PreviewEntry | undefined {
  let best: PreviewEntry | undefined;
  for (const e of entries) {
    const { start, end } = e.identity.span;
    if (offset < start || offset > end) continue;
    if (!best || end - start < best.identity.span.end - best.identity.span.start) best = e;
  }
  return best;
}

async function pick(entries: readonly PreviewEntry[]): Promise<PreviewEntry | undefined> {
  const items = entries.map((entry) => ({
    label: entry.identity.name,
    description: `${entry.identity.replicas} ${entry.identity.replicas === 1 ? 'replica' : 'replicas'}`,
    detail: `namespace ${entry.identity.namespace}, ${entry.identity.podManagementPolicy}`,
    entry,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: 'Preview which StatefulSet?', placeHolder: 'This file holds several StatefulSets' });
  return chosen?.entry;
}

export async function openPreview(manager: PreviewManager, identities: Identities, ...args: unknown[]): Promise<void> {
  const argUri = uriOf(args[0]);
  const argIndex = args[1];
  if (argUri && typeof argIndex === 'number' && Number.isInteger(argIndex) && argIndex >= 0) {
    manager.show(argUri, argIndex);
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const uri = argUri ?? editor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a YAML file with a StatefulSet to preview it.');
    return;
  }
  const result = await identities.get(uri);
  const entries = result?.statefulSets ?? [];
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(result ? 'This file holds no StatefulSet to preview.' : 'The StatefulSet language server did not answer; see the StatefulSet Tools output.');
    return;
  }
  const underCursor = editor && editor.document.uri.toString() === uri.toString() ? entryAt(entries, editor.document.offsetAt(editor.selection.active)) : undefined;
  const entry = underCursor ?? (entries.length === 1 ? entries[0] : await pick(entries));
  if (entry) manager.show(uri, entry.identity.index, entry.identity.name);
}
