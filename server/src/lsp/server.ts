/**
 * The language server: capabilities, open documents, settings, the workspace index and the
 * registration of feature adapters. Features live in their own files and see the server only
 * through ServerContext (context.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Emitter,
  FileChangeType,
  TextDocumentSyncKind,
  WatchKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isConfigFileName, WorkspaceIndex } from '../core';
import type { InitializationOptions } from '../protocol';
import { VERSION } from '../version';
import { AnalysisStore } from './analysisStore';
import { BaseStore } from './baseStore';
import { createDocuments } from './documents';
import type { AnalysisChange, AnalysisChangeReason, Handler, ServerContext } from './context';
import { register as registerCodeActions } from './codeActions';
import { register as registerDiagnostics, usesPull } from './diagnostics';
import { register as registerCodeLens } from './codeLens';
import { register as registerCompletion } from './completion';
import { register as registerHover } from './hover';
import { register as registerIdentities } from './identities';
import { register as registerInlayHints } from './inlayHints';
import { register as registerNavigation } from './navigation';
import { DEFAULT_MAX_FILE_SIZE, SECTION, SettingsStore } from './settings';
import { LayeredSettings, RepoConfigs } from './repoConfig';
import { register as registerSymbols } from './symbols';
import { uriKey, WorkspaceScanner } from './workspaceScan';
import { KustomizeWorkspace, pathKeyOf } from './kustomize';
import { WorkspaceOverlays } from './overlays';

export type FeatureName = 'diagnostics' | 'documentSymbol' | 'identities' | 'hover' | 'completion' | 'navigation' | 'inlayHints' | 'codeLens' | 'codeActions';

export interface Feature {
  readonly name: FeatureName;
  register(ctx: ServerContext): void;
}

/** Feature adapters: one line each. A capability is announced only when its adapter is listed. */
const FEATURES: readonly Feature[] = [
  { name: 'diagnostics', register: registerDiagnostics },
  { name: 'documentSymbol', register: registerSymbols },
  { name: 'identities', register: registerIdentities },
  { name: 'hover', register: registerHover },
  { name: 'completion', register: registerCompletion },
  { name: 'navigation', register: registerNavigation },
  { name: 'inlayHints', register: registerInlayHints },
  { name: 'codeLens', register: registerCodeLens },
  { name: 'codeActions', register: registerCodeActions },
];

function capabilitiesOf(name: FeatureName, client: ClientCapabilities): ServerCapabilities {
  const td = client.textDocument;
  switch (name) {
    case 'diagnostics':
      // Pull clients ask; the others get textDocument/publishDiagnostics without announcing it.
      return usesPull(client) ? { diagnosticProvider: { identifier: SECTION, interFileDependencies: true, workspaceDiagnostics: false } } : {};
    case 'documentSymbol':
      return { documentSymbolProvider: { label: 'StatefulSet Tools' } };
    case 'identities':
      return {};
    case 'hover':
      return { hoverProvider: true };
    case 'completion':
      return { completionProvider: { triggerCharacters: [':', ' ', '-', '"', "'", '[', ','], resolveProvider: false } };
    case 'navigation':
      return {
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: td?.rename?.prepareSupport ? { prepareProvider: true } : true,
      };
    case 'inlayHints':
      return { inlayHintProvider: { resolveProvider: false } };
    case 'codeLens':
      return { codeLensProvider: { resolveProvider: false } };
    case 'codeActions':
      return td?.codeAction?.codeActionLiteralSupport ? { codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'], resolveProvider: false } } : { codeActionProvider: true };
  }
}

/** Wires a server to a connection; returns once handlers are installed (the client drives the rest). */
export function startServer(connection: Connection): void {
  // Edits reach the analysis store as offsets (it is made at initialize; no edit comes before).
  let store: AnalysisStore;
  const documents = createDocuments((uri, change) => store.noteChange(uri, change));
  const index = new WorkspaceIndex();
  const kustomize = new KustomizeWorkspace();
  const changes = new Emitter<AnalysisChange>();
  const openKeys = new Set<string>();
  const log = (message: string): void => connection.console.log(message);

  let client: ClientCapabilities = {};
  let folders: string[] = [];
  let settings: SettingsStore;
  const repoConfigs = new RepoConfigs(documents);
  let layered: LayeredSettings;
  let scanner: WorkspaceScanner;
  let workspaceIndexed = false;
  let forgetBase: (uri: string) => void = () => undefined;
  let overlays: WorkspaceOverlays | undefined;

  const fire = (uri: string, reason: AnalysisChangeReason): void => {
    const doc = documents.get(uri);
    const analysis = doc && store.analysisOf(uri);
    if (!doc || !analysis) return;
    try {
      changes.fire({ uri, version: doc.version, analysis, reason });
    } catch (e) {
      log(`A listener failed for ${uri}: ${errorText(e)}`);
    }
  };

  const reanalyse = async (uri: string, reason: AnalysisChangeReason): Promise<void> => {
    const version = documents.get(uri)?.version;
    await store.analysisFor(uri);
    // A newer edit has its own turn; this one's result would be out of date.
    if (documents.get(uri)?.version === version) fire(uri, reason);
  };

  /**
   * Coalesces index changes made in one turn of the event loop into one pass over open documents.
   * Which ones to re-check is decided by staleness alone: the document whose analysis changed the
   * index is current, but a second change in the same turn (the scan ending as a reloaded window
   * opens its files) makes it stale, and leaving it out by name lost that second change.
   */
  let dependentsPending = false;
  const refreshDependents = (): void => {
    if (dependentsPending) return;
    dependentsPending = true;
    setImmediate(() => {
      dependentsPending = false;
      for (const doc of documents.all()) {
        if (store.isStale(doc.uri)) void reanalyse(doc.uri, 'workspace').catch((e) => log(`Re-analysis of ${doc.uri} failed: ${errorText(e)}`));
      }
    });
  };

  const safe = <P, R>(name: string, fallback: R, handler: Handler<P, R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      if (token?.isCancellationRequested) return fallback;
      try {
        const result = await handler(params, token);
        return token?.isCancellationRequested ? fallback : result;
      } catch (e) {
        connection.console.error(`${name} failed: ${errorText(e)}`);
        return fallback;
      }
    };

  /** Runs a notification handler; an exception is logged, never thrown into the connection. */
  const guard = (name: string, run: () => void | Promise<void>): void => {
    try {
      const r = run();
      if (r) r.catch((e: unknown) => connection.console.error(`${name} failed: ${errorText(e)}`));
    } catch (e) {
      connection.console.error(`${name} failed: ${errorText(e)}`);
    }
  };

  const documentFor = async (uri: string): Promise<TextDocument | undefined> => {
    const open = documents.get(uri);
    if (open) return open;
    if (!uri.startsWith('file:')) return undefined;
    try {
      const path = fileURLToPath(uri);
      const st = await stat(path);
      if (!st.isFile() || st.size > DEFAULT_MAX_FILE_SIZE * 8) return undefined;
      return TextDocument.create(uri, 'yaml', 0, await readFile(path, 'utf8'));
    } catch {
      return undefined;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = params.capabilities;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    settings = new SettingsStore(connection, Boolean(client.workspace?.configuration), params.initializationOptions, log);
    const bases = new BaseStore((uri) => {
      store.baseChanged(uri);
      void reanalyse(uri, 'workspace').catch((e) => log(`Re-analysis of ${uri} failed: ${errorText(e)}`));
    }, log);
    forgetBase = (uri) => bases.forget(uri);
    layered = new LayeredSettings(settings, repoConfigs);
    store = new AnalysisStore(documents, index, layered, () => refreshDependents(), kustomize, (uri, s) => bases.peek(uri, s.compareWith, s.resolved.defaultNamespace));
    scanner = new WorkspaceScanner({
      index,
      isOpen: (key) => openKeys.has(key),
      maxFileSize: async (folder) => (await settings.get(folder)).maxFileSize,
      log,
      isPatch: (uri) => kustomize.isPatch(uri),
      kustomization: (uri, text) => kustomizationChanged(uri, text),
    });
    overlays = new WorkspaceOverlays({
      open: () => documents.all(),
      settingsOf: (uri) => layered.peek(uri)?.settings,
      loadSettings: (uri) => layered.get(uri),
      folders: () => folders,
      changed: (files) => {
        for (const doc of documents.all()) {
          if (files.has(pathKeyOf(doc.uri))) void reanalyse(doc.uri, 'workspace').catch((e) => log(`Re-analysis of ${doc.uri} failed: ${errorText(e)}`));
        }
      },
      log,
    });
    const ctx: ServerContext = {
      connection,
      documents,
      index,
      kustomize,
      analysisOf: (uri) => store.analysisOf(uri),
      analysisFor: (uri) => store.analysisFor(uri),
      settingsFor: async (uri) => (await layered.get(uri)).resolved,
      overlayFindings: (uri) => overlays?.findingsFor(uri) ?? [],
      builtOverlay: async (uri) => overlays?.built(uri, (await layered.get(uri)).resolved),
      isExcluded: (uri) => layered.excluded(uri),
      documentFor,
      onDidChangeAnalysis: (listener) => changes.event(listener),
      get workspaceIndexed() {
        return workspaceIndexed;
      },
      log,
      safe,
      clientCapabilities: client,
      clientCommands: clientCommandsOf(params.initializationOptions),
    };
    const capabilities: ServerCapabilities = {
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const f of FEATURES) {
      f.register(ctx);
      Object.assign(capabilities, capabilitiesOf(f.name, client));
    }
    refreshViewsOnChange(ctx, new Set(FEATURES.map((f) => f.name)));
    return { capabilities, serverInfo: { name: 'statefulset-language-server', version: VERSION } };
  });

  connection.onInitialized(() => guard('initialized', () => initialized()));

  const initialized = async (): Promise<void> => {
    // A client that refuses a registration still gets everything else, the scan above all.
    const register = (what: string, p: Promise<unknown>): void => void p.catch((e: unknown) => log(`Could not register ${what}: ${errorText(e)}`));
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      register('for configuration changes', connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }));
    }
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      register(
        'a file watcher',
        connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{yaml,yml}' },
            { globPattern: '**/.statefulset-tools.{yaml,yml}' },
            { globPattern: '**/Kustomization' },
            // Deleting a folder reports only the folder.
            { globPattern: '**/*', kind: WatchKind.Delete },
          ],
        }),
      );
    }
    if (client.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) =>
        guard('didChangeWorkspaceFolders', async () => {
          let changed = false;
          for (const f of e.removed) changed = scanner.folderRemoved(f.uri) || changed;
          folders = folders.filter((u) => !e.removed.some((r) => r.uri === u)).concat(e.added.map((f) => f.uri));
          if (e.added.length > 0) changed = (await scanner.scan(e.added.map((f) => f.uri))).changed || changed;
          if (changed) indexChanged();
        }),
      );
    }
    await scanWorkspace();
  };

  const scanWorkspace = async (): Promise<void> => {
    try {
      const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('StatefulSet Tools: indexing YAML files', 0, undefined, false);
      try {
        await scanner.scan(folders, { report: (percentage, message) => progress?.report(percentage, message) });
      } finally {
        progress?.done();
      }
    } finally {
      // Even after a failed scan: holding workspace findings back for good would hide them all.
      workspaceIndexed = true;
      // Every open document may have held back workspace findings until now.
      store.bumpGeneration();
      refreshDependents();
      overlays?.start(kustomize.kustomizations);
    }
  };

  const indexChanged = (): void => {
    store.bumpGeneration();
    refreshDependents();
  };

  /** A kustomization changed: the files it names (or named) are read again as patches or not, and open documents re-checked. */
  const kustomizationChanged = (uri: string, text: string | undefined): void => {
    overlays?.kustomizationChanged(pathKeyOf(uri));
    const affected = kustomize.set(uri, text);
    if (affected.size === 0) return;
    guard('kustomization', async () => {
      for (const path of affected) await scanner.refresh(pathToFileURL(path).href);
      indexChanged();
    });
  };

  connection.onDidChangeConfiguration((params) =>
    guard('didChangeConfiguration', () => {
      settings.changed(params.settings);
      // Also the way to reload the configuration files for a client that cannot watch them.
      repoConfigs.clear();
      store.invalidateAll();
      overlays?.rebuildAll(kustomize.kustomizations);
      for (const doc of documents.all()) void reanalyse(doc.uri, 'settings').catch((e) => log(`Re-analysis of ${doc.uri} failed: ${errorText(e)}`));
    }),
  );

  /**
   * A configuration file was edited, saved, created or deleted: every document's configuration is
   * looked up again, and the documents whose settings changed are checked again.
   */
  const configChanged = async (): Promise<void> => {
    repoConfigs.clear();
    overlays?.rebuildAll(kustomize.kustomizations);
    for (const doc of documents.all()) {
      await layered.get(doc.uri);
      if (store.isStale(doc.uri)) void reanalyse(doc.uri, 'settings').catch((e) => log(`Re-analysis of ${doc.uri} failed: ${errorText(e)}`));
    }
  };

  connection.onDidChangeWatchedFiles((params) =>
    guard('didChangeWatchedFiles', async () => {
      // A deleted folder is reported alone, without the configuration file it may have held.
      if (params.changes.some((c) => isConfigFileName(c.uri) || (c.type === FileChangeType.Deleted && !/\.ya?ml$/i.test(c.uri)))) await configChanged();
      let changed = false;
      for (const c of params.changes) {
        overlays?.fileChanged(pathKeyOf(c.uri));
        changed = (c.type === FileChangeType.Deleted ? scanner.fileDeleted(c.uri) : await scanner.fileChanged(c.uri)) || changed;
      }
      if (changed) indexChanged();
    }),
  );

  documents.onDidOpen((e) =>
    guard('didOpen', () => {
      openKeys.add(uriKey(e.document.uri));
      scanner.documentOpened(e.document.uri);
      if (kustomize.isKustomization(e.document.uri)) kustomizationChanged(e.document.uri, e.document.getText());
    }),
  );
  documents.onDidChangeContent((e) =>
    guard('didChange', async () => {
      if (kustomize.isKustomization(e.document.uri)) kustomizationChanged(e.document.uri, e.document.getText());
      if (isConfigFileName(e.document.uri)) await configChanged();
      overlays?.fileChanged(pathKeyOf(e.document.uri));
      await reanalyse(e.document.uri, 'edit');
    }),
  );
  documents.onDidClose((e) =>
    guard('didClose', async () => {
      const uri = e.document.uri;
      openKeys.delete(uriKey(uri));
      // The file on disk is what the overlays read now.
      overlays?.fileChanged(pathKeyOf(uri));
      store.drop(uri);
      settings.forget(uri);
      forgetBase(uri);
      layered.forget(uri);
      // The file on disk, if any, is the configuration again.
      if (isConfigFileName(uri)) await configChanged();
      if (await scanner.documentClosed(uri)) indexChanged();
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/**
 * Inlay hints and code lenses show the same model the diagnostics come from. The client asks for
 * them again after its own edits; after a change in the settings or in other files, only when told.
 */
function refreshViewsOnChange(ctx: ServerContext, registered: ReadonlySet<FeatureName>): void {
  const ws = ctx.clientCapabilities.workspace;
  const refreshes: (() => Promise<void>)[] = [];
  if (registered.has('inlayHints') && ws?.inlayHint?.refreshSupport) refreshes.push(() => ctx.connection.languages.inlayHint.refresh());
  if (registered.has('codeLens') && ws?.codeLens?.refreshSupport) refreshes.push(() => ctx.connection.sendRequest(CodeLensRefreshRequest.type));
  if (refreshes.length === 0) return;
  let pending = false;
  ctx.onDidChangeAnalysis((change) => {
    if (change.reason === 'edit' || pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      for (const refresh of refreshes) refresh().catch((e: unknown) => ctx.log(`Refresh request failed: ${errorText(e)}`));
    });
  });
}

function clientCommandsOf(options: unknown): ReadonlySet<string> {
  const list = (options as InitializationOptions | null | undefined)?.clientCommands;
  return new Set(Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : []);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
