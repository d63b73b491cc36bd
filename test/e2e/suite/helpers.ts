/**
 * Helpers for the extension-host tests: open workspace files, and wait for what the extension does
 * (diagnostics, tabs) by listening to VS Code's events with a deadline, never by sleeping.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'statefulset-tools.statefulset-tools';
export const SOURCE = 'statefulset';
const WAIT_MS = 20_000;

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open (test/e2e/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc);
}

/** Drops in-memory edits so the next test sees the file as it is on disk. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${codeOf(d)} ${d.message}`).join('\n  ');
}

/**
 * Resolves with our diagnostics for `uri` once `ready` accepts them: at once if it already does,
 * otherwise on the first diagnostics change that satisfies it. Fails after the deadline with what
 * was there.
 */
export function waitForDiagnostics(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, what: string, ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitFor(vscode.languages.onDidChangeDiagnostics, () => {
    const ds = ours(uri);
    return ready(ds) ? ds : undefined;
  }, () => `${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics there:\n  ${describeDiagnostics(ours(uri))}`, ms);
}

/** Resolves with `probe()`'s first defined result, checked now and after each `event`. */
export function waitFor<T, E>(event: vscode.Event<E>, probe: () => T | undefined, what: () => string, ms = WAIT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = probe();
    if (now !== undefined) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what()}`));
    }, ms);
    const sub = event(() => {
      const v = probe();
      if (v === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

/** Position of the `n`th occurrence (0-based) of `needle` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, n = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${n}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

/**
 * For state VS Code raises no event about (an extension becoming active): checks every 50 ms until
 * `probe` holds or the deadline passes.
 */
export async function until(probe: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
