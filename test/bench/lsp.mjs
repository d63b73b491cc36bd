// A language server driven over stdio as an editor drives it, with timings. One class for both
// servers: what differs (the command, the settings each asks for, whether diagnostics carry a
// version) is given by a ServerSpec (see servers.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/** Peak and current resident set size of a live process, in bytes (Linux /proc). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peak: kb('VmHWM'), current: kb('VmRSS') };
  } catch {
    return { peak: NaN, current: NaN };
  }
}

/**
 * Time the process's main thread (where a Node server does its work) spent running and waiting
 * for a CPU, in ms (Linux schedstat). On a busy machine the wait shows how much of a latency was
 * the machine's; the run time is what the server itself spent.
 */
export function threadTimes(pid) {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { run: run / 1e6, wait: wait / 1e6 };
  } catch {
    return { run: NaN, wait: NaN };
  }
}

export const CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
  },
  window: { workDoneProgress: true },
};

export class BenchServer {
  /** @param {import('./servers.mjs').ServerSpec} spec */
  static async start(spec, { timeout = 120_000, capabilities = CAPABILITIES } = {}) {
    const t0 = performance.now();
    const child = spawn(spec.command[0], spec.command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: spec.cwd });
    const server = new BenchServer(spec, child, t0, timeout);
    server.clientCapabilities = capabilities;
    await server.initialize();
    return server;
  }

  constructor(spec, child, t0, timeout) {
    this.spec = spec;
    this.child = child;
    this.t0 = t0;
    this.timeout = timeout;
    this.stderr = '';
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    child.stderr.on('data', (d) => {
      // Enough to explain a failure, not the whole of a chatty server's log.
      if (this.stderr.length < 20_000) this.stderr += d.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    /** Waiters for publishDiagnostics, first match wins; unmatched publishes are dropped. */
    this.diagnosticWaiters = [];
    this.progressEnds = new Set();
    this.progressWaiters = [];
    this.configurationAnswered = 0;
    this.configurationWaiters = [];
    this.versions = new Map();
    /** Waiters for other notifications by method (the extension's own), first match wins. */
    this.notificationWaiters = [];
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      const i = this.diagnosticWaiters.findIndex((w) => w.accept(p));
      if (i >= 0) this.diagnosticWaiters.splice(i, 1)[0].resolve({ params: p, at });
    });
    c.onRequest('workspace/configuration', (p) => {
      this.configurationAnswered++;
      const answer = p.items.map((item) => spec.configuration(item.section, item.scopeUri));
      // The server applies the answer when it arrives; let it be sent first.
      setImmediate(() => {
        for (const w of this.configurationWaiters.splice(0)) w();
      });
      return answer;
    });
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => null);
    c.onRequest('workspace/semanticTokens/refresh', () => null);
    c.onRequest('workspace/inlayHint/refresh', () => null);
    c.onNotification('window/logMessage', () => {});
    c.onNotification('telemetry/event', () => {});
    c.onNotification((method, p) => {
      const i = this.notificationWaiters.findIndex((w) => w.method === method && w.accept(p));
      if (i >= 0) this.notificationWaiters.splice(i, 1)[0].resolve(p);
    });
    c.onUnhandledProgress((p) => {
      if (p.value?.kind === 'end') {
        this.progressEnds.add(p.token);
        for (const w of this.progressWaiters.splice(0)) w();
      }
    });
    c.listen();
  }

  get pid() {
    return this.child.pid;
  }

  withTimeout(promise, what, timeout = this.timeout) {
    let timer;
    return Promise.race([
      promise.finally(() => clearTimeout(timer)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${this.spec.name}: timed out after ${timeout} ms waiting for ${what}\n${this.stderr.slice(-2000)}`)), timeout);
      }),
    ]);
  }

  async initialize() {
    const result = await this.withTimeout(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'statefulset-tools-bench' },
        rootUri: null,
        workspaceFolders: null,
        capabilities: this.clientCapabilities ?? CAPABILITIES,
        initializationOptions: this.spec.initializationOptions,
      }),
      'initialize',
    );
    /** Spawn to InitializeResult. */
    this.initializeMs = performance.now() - this.t0;
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    if (this.spec.pushConfiguration) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await this.spec.ready?.(this);
  }

  /** Resolves once any work-done progress has ended (our server's start-up workspace scan). */
  progressEnded() {
    if (this.progressEnds.size > 0) return Promise.resolve();
    return this.withTimeout(new Promise((resolve) => this.progressWaiters.push(resolve)), 'the start-up progress to end');
  }

  /** Resolves once the server has asked for its settings and been answered. */
  configured() {
    if (this.configurationAnswered > 0) return Promise.resolve();
    return this.withTimeout(new Promise((resolve) => this.configurationWaiters.push(resolve)), 'the server to ask for its settings');
  }

  nextDiagnostics(uri, version) {
    const versioned = this.spec.versionedDiagnostics && version !== undefined;
    return this.withTimeout(
      new Promise((resolve) => this.diagnosticWaiters.push({ accept: (p) => p.uri === uri && (!versioned || p.version === version), resolve })),
      `publishDiagnostics for ${uri}${versioned ? ` version ${version}` : ''}`,
    );
  }

  /** The next notification of `method` that `accept` takes. */
  nextNotification(method, accept) {
    return this.withTimeout(new Promise((resolve) => this.notificationWaiters.push({ method, accept, resolve })), method);
  }

  /** didOpen; resolves with the first diagnostics, the time from sending to receiving them and the server's main-thread run time meanwhile. */
  async open(uri, text) {
    this.versions.set(uri, 1);
    return this.timed(uri, 1, () => this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } }));
  }

  /** One incremental change; resolves when the diagnostics of that version arrive. */
  async change(uri, range, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    return this.timed(uri, version, () => this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] }));
  }

  async timed(uri, version, send) {
    const waiting = this.nextDiagnostics(uri, version);
    const before = threadTimes(this.pid);
    const t = performance.now();
    await send();
    const { params, at } = await waiting;
    const after = threadTimes(this.pid);
    return { ms: at - t, cpu: after.run - before.run, wait: after.wait - before.wait, diagnostics: params.diagnostics };
  }

  async request(method, params) {
    const t = performance.now();
    const result = await this.withTimeout(this.connection.sendRequest(method, params), method);
    return { ms: performance.now() - t, result };
  }

  memory() {
    return memoryOf(this.child.pid);
  }

  async stop() {
    try {
      await this.withTimeout(this.connection.sendRequest('shutdown'), 'shutdown', 10_000);
      await this.connection.sendNotification('exit');
      await this.withTimeout(this.exited, 'exit', 10_000);
    } catch {
      // A server that does not stop in time is ended: the numbers are taken already.
      this.child.kill('SIGKILL');
    } finally {
      this.connection.dispose();
    }
  }
}
