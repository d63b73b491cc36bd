/**
 * The preview's WebviewPanels: one per StatefulSet shown, kept in step with its document, and
 * restored after a restart by the panel serializer.
 */
import * as vscode from 'vscode';
import type { PreviewEntry } from '../../../server/src/core/identityModel';
import type { Identities } from '../identities';
import { makeNonce, previewHtml } from './html';
import { modelMessage, parsePreviewState, parseWebviewMessage, type FromWebview, type ToWebview } from './messages';

export const PREVIEW_VIEW_TYPE = 'statefulset.preview';

interface Target {
  readonly uri: vscode.Uri;
  index: number;
  /** The name last shown: if StatefulSets above it are added or removed, the panel follows the name. */
  name?: string;
}

/** Scripts on; files only from the extension's dist/ (the script) and media/ (the style). */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString(true);
}

class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly target: Target,
    private readonly identities: Identities,
    extensionUri: vscode.Uri,
    private readonly onDispose: (p: PreviewPanel) => void,
  ) {
    const webview = panel.webview;
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    webview.options = webviewOptions(extensionUri);
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'preview-icon.svg');
    this.disposables.push(
      webview.onDidReceiveMessage((data: unknown) => {
        const message = parseWebviewMessage(data);
        if (message) this.handle(message).catch((err: unknown) => void vscode.window.showErrorMessage(`StatefulSet preview: ${err instanceof Error ? err.message : String(err)}`));
      }),
      identities.onDidChange((uri) => {
        if (uri === this.target.uri.toString()) void this.refresh();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.setTitle();
  }

  shows(uri: vscode.Uri, index: number): boolean {
    return this.target.uri.toString() === uri.toString() && this.target.index === index;
  }

  private setTitle(): void {
    this.panel.title = this.target.name ? `Preview ${this.target.name}` : `Preview ${baseName(this.target.uri)}`;
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  /** Asks the server for the document's model and sends it to the webview; stale answers are dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    // The server models open documents only; a panel restored after a restart may show a file no
    // editor has opened yet. Opening it (without showing it) syncs it to the server.
    const opened = await vscode.workspace.openTextDocument(this.target.uri).then(
      () => true,
      () => false,
    );
    // Only the StatefulSet shown (and the others' names for the picker), whatever the file's size.
    const result = opened ? await this.identities.get(this.target.uri, { index: this.target.index, name: this.target.name }) : undefined;
    if (generation !== this.generation) return;
    if (!opened) {
      this.post({ type: 'status', text: `${baseName(this.target.uri)} cannot be opened any more.` });
      return;
    }
    if (!result) {
      this.post({ type: 'status', text: 'The StatefulSet language server did not answer; see StatefulSet: Show Output.' });
      return;
    }
    const entries = result.statefulSets;
    if (entries.length === 0) {
      this.post({ type: 'status', text: `${baseName(this.target.uri)} holds no StatefulSet any more.` });
      return;
    }
    const selected = this.locate(entries);
    this.target.index = entries[selected].identity.index;
    this.target.name = entries[selected].identity.name;
    this.setTitle();
    this.post(modelMessage(result, baseName(this.target.uri), selected));
  }

  /** Where the target is in the entries: by index, unless the name moved elsewhere. */
  private locate(entries: readonly PreviewEntry[]): number {
    const { index, name } = this.target;
    const atIndex = entries.findIndex((e) => e.identity.index === index);
    if (name !== undefined && (atIndex < 0 || entries[atIndex].identity.name !== name)) {
      const byName = entries.findIndex((e) => e.identity.name === name);
      if (byName >= 0) return byName;
    }
    return atIndex >= 0 ? atIndex : Math.min(index, entries.length - 1);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.refresh();
      case 'select':
        this.target.index = message.index;
        this.target.name = undefined;
        return this.refresh();
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('Copied to the clipboard', 2000);
        return;
      case 'reveal':
        return this.reveal(message.start, message.end);
    }
  }

  /** Shows the range in the editor of the document, opening it beside the preview if it is not visible. */
  private async reveal(start: number, end: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.target.uri);
    const length = doc.getText().length;
    const range = new vscode.Range(doc.positionAt(Math.min(start, length)), doc.positionAt(Math.min(end, length)));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose(this);
    this.panel.dispose();
  }
}

export class PreviewManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly identities: Identities) {}

  /** Reveals the panel of this StatefulSet, or opens one beside the active editor. */
  show(uri: vscode.Uri, index: number, name?: string): void {
    for (const p of this.panels) {
      if (p.shows(uri, index)) {
        p.panel.reveal(undefined, true);
        return;
      }
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'StatefulSet Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
    this.adopt(panel, { uri, index, ...(name !== undefined ? { name } : {}) });
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = parsePreviewState(saved);
    if (!state) {
      // Nothing tells which StatefulSet this was; an empty panel would only confuse.
      panel.dispose();
      return;
    }
    this.adopt(panel, { uri: vscode.Uri.parse(state.uri, true), index: state.index, ...(state.name !== undefined ? { name: state.name } : {}) });
  }

  private adopt(panel: vscode.WebviewPanel, target: Target): void {
    const p = new PreviewPanel(panel, target, this.identities, this.extensionUri, (gone) => this.panels.delete(gone));
    this.panels.add(p);
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
  }
}
