/** Start-up, transports, shutdown/exit, and staying up whatever the input. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMessageConnection,
  ExitNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { DIST, ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const SERVER = join(DIST, 'server.js');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('lifecycle', () => {
  test('initialize: server info, UTF-16 positions, incremental sync, the features that are registered', async () => {
    const client = await LspClient.start();
    try {
      const r = client.initializeResult;
      assert.deepEqual(r.serverInfo, { name: 'statefulset-language-server', version: PACKAGE_VERSION });
      assert.equal(r.capabilities.positionEncoding, 'utf-16');
      assert.deepEqual(r.capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
      assert.ok(r.capabilities.documentSymbolProvider);
    } finally {
      client.kill();
    }
  });

  test('shutdown then exit: exit code 0', async () => {
    const client = await LspClient.start();
    assert.equal(await client.shutdown(), 0);
  });

  test('exit without shutdown: exit code 1, as the protocol asks', async () => {
    const client = await LspClient.start();
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await client.waitForExit(), 1);
  });

  test('the client going away (stdin closed) ends the server', async () => {
    const client = await LspClient.start();
    client.process.stdin.end();
    assert.notEqual(await client.waitForExit(), null);
  });

  test('no transport option means stdio (the bin as editors start it)', async () => {
    const client = await LspClient.start({ args: [] });
    try {
      assert.equal(client.initializeResult.serverInfo?.name, 'statefulset-language-server');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  test('--node-ipc, the transport of the VS Code client', async () => {
    const child = fork(SERVER, ['--node-ipc'], { silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const r: InitializeResult = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(r.serverInfo?.name, 'statefulset-language-server');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  test('--version and --help print and exit', () => {
    assert.equal(execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }).trim(), PACKAGE_VERSION);
    assert.match(execFileSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' }), /--stdio/);
  });
});

describe('robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n';
  const hostile: Record<string, string> = {
    'deep flow nesting': `${STS}spec: ${'['.repeat(20_000)}`,
    'deep block nesting': STS + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    'alias bomb': `${STS}a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n`,
    'alias cycle via merge': `${STS}spec: &s\n  <<: *s\n`,
    'lone surrogates and NUL': `${STS}  labels: {a: "\uD800", b: "\uDC00x\u0000"}\n`,
    'a one-megabyte line': `${STS}  annotations: {x: "${'y'.repeat(1_000_000)}"}\n`,
    'markers only': '---\n---\n...\n---',
    'unknown YAML version': `%YAML 9.9\n---\n${STS}`,
    'kind is not a string': 'apiVersion: apps/v1\nkind: [StatefulSet]\nmetadata: 7\n',
    'metadata is a list': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: [name, web]\nspec: "no"\n',
    'empty text': '',
  };
  for (const [name, text] of Object.entries(hostile)) {
    test(`still answering after: ${name}`, async () => {
      const uri = memoryUri(`hostile-${name.replace(/\W+/g, '-')}.yaml`);
      await client.open(uri, text);
      const published = await client.nextDiagnostics(uri, { timeout: 30_000 });
      assert.ok(Array.isArray(published.diagnostics));
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
      const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
      await client.nextDiagnostics(uri, { version, timeout: 30_000 });
      await client.close(uri);
      assert.equal(client.hasExited, false);
    });
  }

  test('a handler that fails on bad params answers with an empty result and logs why', async () => {
    const r = await client.request('textDocument/documentSymbol', {});
    assert.deepEqual(r, []);
    assert.ok(client.logs.some((l) => l.startsWith('textDocument/documentSymbol failed')), client.logs.join('\n'));
    assert.equal(await client.request('statefulset/identities', { textDocument: null }), null);
  });

  test('requests for documents that were never opened get empty answers', async () => {
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: memoryUri('nowhere.yaml') } }), []);
  });

  test('an unknown method is an error response, not a crash', async () => {
    await assert.rejects(client.request('statefulset/noSuchThing', {}), /Unhandled method|not found/i);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: memoryUri('nowhere.yaml') } }), []);
  });

  test('edits out of range and for unknown documents are absorbed', async () => {
    const uri = memoryUri('out-of-range.yaml');
    await client.open(uri, STS);
    await client.nextDiagnostics(uri, { version: 1 });
    const version = await client.change(uri, [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: 'spec: {}\n' }]);
    await client.nextDiagnostics(uri, { version });
    await client.change(memoryUri('never-opened.yaml'), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.close(memoryUri('never-opened-either.yaml'));
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['StatefulSet/web']);
    assert.equal(client.hasExited, false);
  });
});
