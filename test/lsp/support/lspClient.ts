/**
 * A small LSP client for tests: spawns the bundled server (`node dist/server.js --stdio`) and
 * drives it over its stdio with vscode-jsonrpc, the library real clients use. Waits are on
 * events (a publishDiagnostics for a URI, a progress end), each with a timeout, never on sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  ErrorCodes,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type MessageConnection,
  type ProgressToken,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { DIST } from '../../support/paths';

export const DEFAULT_TIMEOUT = 10_000;
/** The title of the server's scan progress (a part of it). */
export const INDEXING = 'indexing YAML files';

export interface StartOptions {
  /** Announce `textDocument.diagnostic` (pull diagnostics). Default false: the server pushes. */
  readonly pullDiagnostics?: boolean;
  /** Announce `workspace.diagnostics.refreshSupport` (default true). */
  readonly diagnosticRefresh?: boolean;
  /** Announce `workspace.configuration`; the client then answers with `settings`. Default true. */
  readonly configuration?: boolean;
  /** The `statefulset` section the client answers with (per scopeUri when a function). */
  readonly settings?: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);
  /** Answers for other sections of `workspace/configuration` (another server's, such as `yaml`). */
  readonly sections?: Readonly<Record<string, unknown>>;
  readonly workspaceFolders?: readonly string[];
  readonly initializationOptions?: unknown;
  /** Announce `workspace.inlayHint.refreshSupport` and `workspace.codeLens.refreshSupport` (default false). */
  readonly viewRefresh?: boolean;
  /** Announce window.workDoneProgress (default true). */
  readonly workDoneProgress?: boolean;
  readonly hierarchicalSymbols?: boolean;
  /**
   * Resolve `start` only after the start-up workspace scan has ended (default true; needs
   * workDoneProgress): until then the server holds back workspace-scoped findings.
   */
  readonly waitForIndex?: boolean;
  /** Server-to-client requests this client answers with an error (a client that refuses them). */
  readonly refuse?: readonly ('client/registerCapability' | 'window/workDoneProgress/create')[];
  /** `textDocument.hover.contentFormat` to announce (default: none, which means markdown). */
  readonly hoverFormats?: readonly ('markdown' | 'plaintext')[];
  /** The server bundle to run (default dist/server.js); it also runs in that file's directory. */
  readonly serverPath?: string;
  /** Extra args for the server (after the script). Default ['--stdio']. */
  readonly args?: readonly string[];
  /**
   * The `processId` sent in initialize (default this process's id): the server exits when it
   * cannot signal it, so a server run as another user than this process needs null.
   */
  readonly processId?: number | null;
}

interface Waiter<T> {
  readonly accept: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

/** Events of one kind, kept in order; `next` takes the first unconsumed one that matches. */
class EventQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Waiter<T>[] = [];

  push(value: T): void {
    const i = this.waiters.findIndex((w) => w.accept(value));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      w.resolve(value);
    } else {
      this.items.push(value);
    }
  }

  next(accept: (value: T) => boolean, what: string, timeout = DEFAULT_TIMEOUT): Promise<T> {
    const i = this.items.findIndex(accept);
    if (i >= 0) return Promise.resolve(this.items.splice(i, 1)[0]);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        accept,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      this.waiters.push(waiter);
    });
  }

  /** Drops what arrived so far (e.g. before a step whose effects a test wants to see alone). */
  clear(): void {
    this.items.length = 0;
  }

  get pending(): readonly T[] {
    return this.items;
  }
}

export class LspClient {
  readonly diagnostics = new EventQueue<PublishDiagnosticsParams>();
  readonly notifications = new EventQueue<{ method: string; params: unknown }>();
  readonly progress = new EventQueue<{ token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }>();
  /** Methods of the `workspace/.../refresh` requests the server sent, in order. */
  readonly refreshes = new EventQueue<string>();
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly configurationRequests: (string | undefined)[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private settings: StartOptions['settings'];
  private exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings;
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const server = options.serverPath ?? join(DIST, 'server.js');
    const child = spawn(process.execPath, [server, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.serverPath ? dirname(server) : undefined });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    client.wire();
    connection.listen();
    try {
      client.initializeResult = await client.withTimeout(connection.sendRequest(InitializeRequest.type, client.initializeParams()), 'initialize');
      await connection.sendNotification(InitializedNotification.type, {});
      if ((options.waitForIndex ?? true) && (options.workDoneProgress ?? true)) await client.progressEnded(INDEXING);
    } catch (e) {
      client.kill();
      throw e;
    }
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => this.diagnostics.push(p));
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onNotification((method, params) => this.notifications.push({ method, params }));
    // `$/progress` goes to handlers by token; tokens the server creates reach only this event.
    c.onUnhandledProgress((p) => this.progress.push(p as { token: ProgressToken; value: WorkDoneProgressBegin }));
    c.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => {
        this.configurationRequests.push(item.scopeUri);
        if (item.section !== undefined && this.options.sections && item.section in this.options.sections) return this.options.sections[item.section];
        const s = typeof this.settings === 'function' ? this.settings(item.scopeUri) : this.settings;
        return item.section === 'statefulset' ? (s ?? {}) : { statefulset: s ?? {} };
      }),
    );
    const refused = (method: string): ResponseError | undefined =>
      this.options.refuse?.includes(method as never) ? new ResponseError(ErrorCodes.InternalError, `${method} refused by the test client`) : undefined;
    c.onRequest(RegistrationRequest.type, (p) => {
      const no = refused(RegistrationRequest.method);
      if (no) return no;
      this.registrations.push(...p.registrations);
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, () => refused(WorkDoneProgressCreateRequest.method));
    for (const type of [DiagnosticRefreshRequest.type, InlayHintRefreshRequest.type, CodeLensRefreshRequest.type]) {
      c.onRequest(type, () => {
        this.refreshes.push(type.method);
      });
    }
  }

  private initializeParams() {
    const o = this.options;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: o.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        diagnostics: { refreshSupport: o.diagnosticRefresh ?? true },
        inlayHint: { refreshSupport: o.viewRefresh ?? false },
        codeLens: { refreshSupport: o.viewRefresh ?? false },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: o.hierarchicalSymbols ?? true },
        rename: { prepareSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
        ...(o.hoverFormats ? { hover: { contentFormat: [...o.hoverFormats] } } : {}),
        ...(o.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { workDoneProgress: o.workDoneProgress ?? true },
    };
    const folders = o.workspaceFolders ?? [];
    return {
      processId: o.processId === undefined ? process.pid : o.processId,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities,
      initializationOptions: o.initializationOptions,
    };
  }

  private withTimeout<T>(p: Promise<T>, what: string, timeout = DEFAULT_TIMEOUT): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
      p.finally(() => clearTimeout(timer)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${what}\nstderr: ${this.stderr}`)), timeout);
      }),
    ]);
  }

  request<R>(method: string, params: unknown, timeout = DEFAULT_TIMEOUT): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, method, timeout);
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends changes (ranged or full) as the next version; returns that version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Changes what `workspace/configuration` answers and tells the server. */
  async setSettings(settings: StartOptions['settings'], pushed?: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: pushed ?? null });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** The next publishDiagnostics for `uri` (optionally for a document version or matching a test). */
  nextDiagnostics(uri: string, opts: { version?: number; where?: (p: PublishDiagnosticsParams) => boolean; timeout?: number } = {}): Promise<PublishDiagnosticsParams> {
    const what = `publishDiagnostics for ${uri}${opts.version !== undefined ? ` version ${opts.version}` : ''}`;
    return this.diagnostics.next((p) => p.uri === uri && (opts.version === undefined || p.version === opts.version) && (opts.where?.(p) ?? true), what, opts.timeout ?? DEFAULT_TIMEOUT);
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.request<DocumentDiagnosticReport>(DocumentDiagnosticRequest.method, { textDocument: { uri }, previousResultId });
  }

  nextNotification<T>(method: string, where: (params: T) => boolean = () => true, timeout = DEFAULT_TIMEOUT): Promise<T> {
    return this.notifications.next((n) => n.method === method && where(n.params as T), method, timeout).then((n) => n.params as T);
  }

  /** Resolves when a work-done progress with this title (e.g. the workspace scan) has ended. */
  async progressEnded(titlePart: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
    const begin = await this.progress.next((p) => p.value.kind === 'begin' && (p.value as WorkDoneProgressBegin).title.includes(titlePart), `progress "${titlePart}" to begin`, timeout);
    await this.progress.next((p) => p.token === begin.token && p.value.kind === 'end', `progress "${titlePart}" to end`, timeout);
  }

  /** shutdown, then exit; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.withTimeout(this.exited, 'the server to exit');
    this.connection.dispose();
    return code;
  }

  get hasExited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  waitForExit(timeout = DEFAULT_TIMEOUT): Promise<number | null> {
    return this.withTimeout(this.exited, 'the server to exit', timeout);
  }

  /** For `after()` hooks: ends the server whatever state the test left it in. */
  kill(): void {
    this.connection.dispose();
    if (!this.hasExited) this.process.kill();
  }
}
