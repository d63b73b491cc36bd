/**
 * What every feature adapter gets from the server: the connection, the open documents, the
 * workspace index and an up-to-date analysis per open document. Adapters export
 * `register(ctx: ServerContext): void` and are listed in server.ts.
 */
import type { CancellationToken, ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ResolvedSettings, WorkspaceIndex } from '../core';

export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: WorkspaceIndex;
  /**
   * Up-to-date analysis of an open document (parsed once per version and settings; cached).
   * Undefined when the document is not open or its settings have not been fetched yet; call
   * `analysisFor` when a handler may run before the first analysis.
   */
  analysisOf(uri: string): Analysis | undefined;
  /** Like `analysisOf`, but fetches the document's settings first when needed. */
  analysisFor(uri: string): Promise<Analysis | undefined>;
  settingsFor(uri: string): Promise<ResolvedSettings>;
  log(message: string): void;
  /**
   * Wraps a handler: an exception is logged and answered with `fallback`; a cancelled request
   * (before or after the handler runs) gets `fallback` too.
   */
  safe<P, R>(name: string, fallback: R, handler: Handler<P, R>): (params: P, token: CancellationToken) => Promise<R>;
  readonly clientCapabilities: ClientCapabilities;
}
