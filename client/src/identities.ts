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
  IdentitiesSummaryRequestMethod,
  type IdentitiesChangedParams,
  type IdentitiesParams,
  type IdentitiesResult,
  type IdentitiesSummary,
  type IdentitiesSummaryParams,
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
  /** The summary the server sent with its last notification, per document, until the next edit. */
  private readonly summaries = new Map<string, IdentitiesSummary>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      client.onNotification(IdentitiesChangedNotificationMethod, (p: IdentitiesChangedParams) => {
        if (typeof p?.uri !== 'string') return;
        if (isSummary(p.summary)) this.summaries.set(p.uri, p.summary);
        this.fire(p.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isPreviewable(e.document)) this.schedule(e.document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.summaries.delete(doc.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('statefulset')) return;
        for (const doc of vscode.workspace.textDocuments) if (isPreviewable(doc)) this.schedule(doc.uri.toString());
      }),
    );
  }

  /**
   * The model of every StatefulSet in a document (capped in total by the server), or with
   * `statefulSet`, of that one and the names of the others; undefined when the server cannot answer.
   */
  async get(uri: vscode.Uri, statefulSet?: IdentitiesParams['statefulSet']): Promise<IdentitiesResult | undefined> {
    const params: IdentitiesParams = { textDocument: { uri: this.client.code2ProtocolConverter.asUri(uri) }, ...(statefulSet ? { statefulSet } : {}) };
    try {
      const result = await this.client.sendRequest<IdentitiesResult | null>(IdentitiesRequestMethod, params);
      return result && Array.isArray(result.statefulSets) ? result : undefined;
    } catch (err) {
      this.log.warn(`${IdentitiesRequestMethod} failed for ${uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** What the status bar shows: from the last notification if no edit came since, else asked for. */
  async summary(uri: vscode.Uri): Promise<IdentitiesSummary | undefined> {
    const key = uri.toString();
    const known = this.summaries.get(key);
    if (known) return known;
    const params: IdentitiesSummaryParams = { textDocument: { uri: this.client.code2ProtocolConverter.asUri(uri) } };
    try {
      const result = await this.client.sendRequest<IdentitiesSummary | null>(IdentitiesSummaryRequestMethod, params);
      return isSummary(result) ? result : undefined;
    } catch (err) {
      this.log.warn(`${IdentitiesSummaryRequestMethod} failed for ${uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private schedule(uri: string): void {
    this.summaries.delete(uri);
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
    this.summaries.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isSummary(v: unknown): v is IdentitiesSummary {
  const s = v as Partial<IdentitiesSummary> | null | undefined;
  return typeof s === 'object' && s !== null && typeof s.statefulSets === 'number' && typeof s.pods === 'number' && Array.isArray(s.first);
}
