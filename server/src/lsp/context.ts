/**
 * What every feature adapter gets from the server: the connection, the open documents, the
 * workspace index and an up-to-date analysis per open document. Adapters export
 * `register(ctx: ServerContext): void` and are listed in server.ts.
 */
import type { CancellationToken, ClientCapabilities, Connection, Disposable, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, ResolvedSettings, WorkspaceIndex } from '../core';
import type { KustomizeWorkspace } from './kustomize';
import type { BuiltOverlay } from './overlays';

export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/**
 * Why an open document was analysed again: its text changed (`edit`), its settings changed
 * (`settings`), or objects in other files it may refer to changed (`workspace`).
 */
export type AnalysisChangeReason = 'edit' | 'settings' | 'workspace';

export interface AnalysisChange {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  readonly reason: AnalysisChangeReason;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: WorkspaceIndex;
  /** The workspace's kustomizations: which files are patches, and what they patch. */
  readonly kustomize: KustomizeWorkspace;
  /**
   * Up-to-date analysis of an open document (parsed once per version and settings; cached).
   * Undefined when the document is not open or its settings have not arrived yet; use
   * `analysisFor` where a handler may run before the first analysis.
   */
  analysisOf(uri: string): Analysis | undefined;
  /** Like `analysisOf`, but waits for the document's settings first when needed. */
  analysisFor(uri: string): Promise<Analysis | undefined>;
  settingsFor(uri: string): Promise<ResolvedSettings>;
  /** The findings the workspace's Kustomize overlays place in a file (see overlays.ts). */
  overlayFindings(uri: string): readonly Finding[];
  /** The overlay a kustomization file builds, for the preview; undefined when it yields no StatefulSet. */
  builtOverlay(uri: string): Promise<BuiltOverlay | undefined>;
  /** True when the repository's configuration file excludes the document: it gets no diagnostics. */
  isExcluded(uri: string): boolean;
  /**
   * The open document, or a read-only snapshot of the file on disk (version 0): for turning
   * spans of other files (index summaries) into Locations. Undefined when it cannot be read.
   */
  documentFor(uri: string): Promise<TextDocument | undefined>;
  /**
   * Fires after an open document was analysed again (see AnalysisChangeReason); not for analyses
   * made on demand by `analysisOf`. Listeners run synchronously and must not throw.
   */
  onDidChangeAnalysis(listener: (change: AnalysisChange) => void): Disposable;
  /**
   * False until the start-up scan has put every workspace file in the index. Until then, a
   * reference to another file may just not be indexed yet: hold back claims that it is missing.
   */
  readonly workspaceIndexed: boolean;
  log(message: string): void;
  /**
   * Wraps a handler: an exception is logged and answered with `fallback`; a cancelled request
   * (before or after the handler runs) gets `fallback` too.
   */
  safe<P, R>(name: string, fallback: R, handler: Handler<P, R>): (params: P, token: CancellationToken) => Promise<R>;
  readonly clientCapabilities: ClientCapabilities;
  /** Commands the client said it runs itself (`initializationOptions.clientCommands`). */
  readonly clientCommands: ReadonlySet<string>;
}
