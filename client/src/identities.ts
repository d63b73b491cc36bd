/**
 * The identity models of open documents, from the server's `statefulset/identities` request, and
 * one event saying "ask again" for a document. The server's `statefulset/identitiesChanged`
 * notification is the fast path; an edit the server does not report within a short delay (an older
 * server, a document it skipped) fires the event too, so the preview never goes stale.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  IdentitiesChangedNotificationMethod,
  IdentitiesRequestMethod,
  type IdentitiesChangedParams,
  type IdentitiesParams,
  type IdentitiesResult,
} from '../../server/src/protocol';

/** Long enough for the server's own analysis of an edit to arrive first. */
const FALLBACK_DELAY_MS = 400;

export function isPreviewable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export class Identities implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a document URI (as a string) whose model may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      client.onNotification(IdentitiesChangedNotificationMethod, (p: IdentitiesChangedParams) => {
        if (typeof p?.uri === 'string') this.fire(p.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isPreviewable(e.document)) this.schedule(e.document.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('statefulset')) return;
        for (const doc of vscode.workspace.textDocuments) if (isPreviewable(doc)) this.schedule(doc.uri.toString());
      }),
    );
  }

  /** The model of every StatefulSet in a document; undefined when the server cannot answer. */
  async get(uri: vscode.Uri): Promise<IdentitiesResult | undefined> {
    const params: IdentitiesParams = { textDocument: { uri: this.client.code2ProtocolConverter.asUri(uri) } };
    try {
      const result = await this.client.sendRequest<IdentitiesResult | null>(IdentitiesRequestMethod, params);
      return result && Array.isArray(result.statefulSets) ? result : undefined;
    } catch (err) {
      this.log.warn(`${IdentitiesRequestMethod} failed for ${uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private schedule(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => this.fire(uri), FALLBACK_DELAY_MS));
  }

  private fire(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
  }
}
