/**
 * Nothing is executed and nothing leaves the machine. The core, the server (dist/server.js), the
 * CLI (dist/cli.js), the npm package's API (dist/api.js) and the preview (dist/preview.js) reach neither `child_process` nor a network
 * module (`net`, `http`, `https`, `http2`, `dgram`, `tls`, `dns`, `cluster`) nor `fetch` or
 * WebSocket. The one allowance is the LSP libraries' own transport code: vscode-languageserver and
 * vscode-jsonrpc in the server (loaded, never called over stdio or node IPC), and
 * vscode-languageclient starting its server from the client (dist/client.js).
 *
 * Shown twice: in the bundles (esbuild's metafile of each entry, and the require calls of the
 * built files), and at run time, with the CLI and the server run under a preload
 * (support/noNetwork.ts) that throws on any of it and logs every attempt.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  createMessageConnection,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  DidOpenTextDocumentNotification,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../lsp/support/lspClient';
import { DIST, FIXTURES, ROOT, SHARED } from '../support/paths';

const DENIED = /^(?:node:)?(child_process|net|http|https|http2|dgram|tls|dns|cluster)$/;
const GUARD = join(__dirname, 'support', 'noNetwork.js');
/** Calls of the global `fetch` (not a method of that name), and the other ways a page or process talks to a server. */
const NETWORK_CALLS = /(?<![\w$.]|async\s|function\s)fetch\s*\(|\b(?:globalThis|window|self|global)\.fetch\b|\bWebSocket\b|\bXMLHttpRequest\b|\bEventSource\b|\bsendBeacon\b|\bimportScripts\b/;

interface Entry {
  readonly name: string;
  readonly entry: string;
  readonly browser?: boolean;
  /** Packages allowed to import a denied module (transport code), and which modules. */
  readonly allowed: Readonly<Record<string, readonly string[]>>;
}

const ENTRIES: readonly Entry[] = [
  { name: 'cli.js', entry: 'server/src/cli/main.ts', allowed: {} },
  { name: 'api.js', entry: 'server/src/api.ts', allowed: {} },
  {
    name: 'server.js',
    entry: 'server/src/lsp/main.ts',
    allowed: { 'node_modules/vscode-languageserver/lib/node/files.js': ['child_process'], 'node_modules/vscode-jsonrpc/lib/node/main.js': ['net'] },
  },
  { name: 'preview.js', entry: 'client/src/preview/webview/main.ts', browser: true, allowed: {} },
  {
    name: 'client.js',
    entry: 'client/src/extension.ts',
    allowed: {
      'node_modules/vscode-languageclient/lib/node/main.js': ['child_process'],
      'node_modules/vscode-languageclient/lib/node/processes.js': ['child_process'],
      'node_modules/vscode-languageserver-protocol/node_modules/vscode-jsonrpc/lib/node/main.js': ['net'],
      'node_modules/vscode-jsonrpc/lib/node/main.js': ['net'],
    },
  },
];

/** The entry bundled as esbuild.mjs bundles it, in memory, with its metafile. */
async function metafileOf(e: Entry): Promise<Metafile> {
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: [e.entry],
    bundle: true,
    platform: e.browser ? 'browser' : 'node',
    format: e.browser ? 'iife' : 'cjs',
    target: e.browser ? 'es2020' : 'node20',
    external: ['vscode'],
    define: { STS_VERSION: '"test"' },
    write: false,
    metafile: true,
    outfile: join(tmpdir(), e.name),
    logLevel: 'silent',
  });
  return r.metafile;
}

describe('the bundles', () => {
  for (const e of ENTRIES) {
    test(`${e.name}: denied modules only from the LSP libraries' transports (esbuild metafile)`, async () => {
      const meta = await metafileOf(e);
      const found: string[] = [];
      for (const [input, info] of Object.entries(meta.inputs)) {
        for (const imp of info.imports) {
          const m = DENIED.exec(imp.path);
          if (m && !e.allowed[input]?.includes(m[1])) found.push(`${input} imports ${imp.path}`);
          if (input.startsWith('server/src/core/') && !imp.path.startsWith('server/src/core/') && !imp.path.startsWith('<') && !/^node_modules\/(yaml|ajv|fast-deep-equal|fast-uri|json-schema-traverse|require-from-string|picomatch)\//.test(imp.path)) {
            found.push(`the core (${input}) imports ${imp.path}`);
          }
        }
      }
      assert.deepEqual(found, []);
    });

    test(`${e.name}: the built file requires no denied module but those, and calls no network API`, () => {
      const file = join(DIST, e.name);
      assert.ok(existsSync(file), `${file} is missing: run \`npm run build\``);
      const text = readFileSync(file, 'utf8');
      const required = [...text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]).filter((m) => DENIED.test(m));
      const allowed = new Set(Object.values(e.allowed).flat());
      assert.deepEqual([...new Set(required.map((m) => m.replace(/^node:/, '')))].filter((m) => !allowed.has(m)), []);
      if (e.browser) assert.doesNotMatch(text, /\brequire\(/, 'the webview bundle requires nothing');
      if (e.name !== 'client.js') assert.doesNotMatch(text, NETWORK_CALLS);
    });
  }
});

describe('at run time, under a preload that refuses commands and the network', () => {
  const log = join(mkdtempSync(join(tmpdir(), 'sts-guard-')), 'attempts.log');
  const env = { ...process.env, STS_GUARD_LOG: log };
  const attempts = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  before(() => rmSync(log, { force: true }));

  test('the preload does refuse: require("http") throws and is logged', () => {
    const r = spawnSync(process.execPath, ['-r', GUARD, '-e', 'require("node:http")'], { env, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(attempts(), /require\('http'\)/);
    rmSync(log, { force: true });
  });

  test('the CLI checks every fixture and the corpus', () => {
    const paths = [FIXTURES, ...(existsSync(join(SHARED, 'corpus')) ? [join(SHARED, 'corpus')] : [])];
    const runs = [
      ['check', ...paths, '--format', 'json'],
      ['check', join(ROOT, 'examples'), '--format', 'sarif'],
      ['check', join(ROOT, 'examples'), '--format', 'stylish'],
    ];
    for (const args of runs) {
      const r = spawnSync(process.execPath, ['-r', GUARD, join(DIST, 'cli.js'), ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(-1000)}`);
    }
    const r = spawnSync(process.execPath, ['-r', GUARD, join(DIST, 'cli.js'), 'preview', join(ROOT, 'examples', 'redis.yaml')], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(attempts(), '');
  });

  describe('the server over stdio, every feature, a workspace scan', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sts-guard-ws-'));
    let client: LspClient;
    before(async () => {
      writeFileSync(join(folder, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector: {app: web}\n');
      const previous = process.env.NODE_OPTIONS;
      // The harness spawns the server with this process's environment: the preload rides along.
      process.env.NODE_OPTIONS = `${previous ?? ''} --require ${GUARD}`.trim();
      process.env.STS_GUARD_LOG = log;
      try {
        client = await LspClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
      } finally {
        if (previous === undefined) delete process.env.NODE_OPTIONS;
        else process.env.NODE_OPTIONS = previous;
        delete process.env.STS_GUARD_LOG;
      }
    });
    after(() => {
      client.kill();
      rmSync(folder, { recursive: true, force: true });
    });

    test('answers everything and exits cleanly, and nothing was attempted', async () => {
      const uri = pathToFileURL(join(folder, 'sts.yaml')).href;
      const text = readFileSync(join(ROOT, 'examples', 'mistakes.yaml'), 'utf8');
      await client.open(uri, text);
      const { diagnostics } = await client.nextDiagnostics(uri);
      assert.ok(diagnostics.length > 0);
      const textDocument = { uri };
      const position = { line: 6, character: 4 };
      for (const [method, params] of [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }],
        ['textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, context: { diagnostics } }],
        ['statefulset/identities', { textDocument }],
      ] as const) {
        await client.request(method, params);
      }
      assert.equal(await client.shutdown(), 0);
      assert.equal(attempts(), '');
      assert.deepEqual(client.logs.filter((l) => /blocked|failed/.test(l)), []);
    });
  });

  test('the server over node IPC (the VS Code transport)', async () => {
    const child = fork(join(DIST, 'server.js'), ['--node-ipc'], { silent: true, env, execArgv: ['-r', GUARD] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///guard/ipc.yaml';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n' } });
      const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } });
      assert.ok(hover);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
      assert.equal(attempts(), '');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
