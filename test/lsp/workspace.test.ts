/**
 * The workspace index: a scan of a real folder at start-up, file-watcher events, open documents
 * winning over disk, and cross-file references (a StatefulSet's governing Service in another file).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { IdentitiesResult } from '../../server/src/protocol';
import { INDEXING, LspClient } from './support/lspClient';

const service = (name: string, padding = ''): string => `${padding}apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: None\n  selector: {app: ${name}}\n`;
const statefulSet = (name: string): string =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${name}-svc\n  selector:\n    matchLabels: {app: ${name}-svc}\n  template:\n    metadata:\n      labels: {app: ${name}-svc}\n    spec:\n      containers:\n        - name: main\n          image: busybox:1.36\n`;
const NAMES = ['web', 'hidden', 'big', 'deep', 'late', 'flow'];

/** The serviceNames the server says have no Service, read from the lines it underlines. */
function missing(p: PublishDiagnosticsParams, text: string): string[] {
  const lines = text.split('\n');
  return p.diagnostics
    .filter((d) => d.code === 'service-not-found')
    .map((d) => /serviceName: (\S+)/.exec(lines[d.range.start.line])?.[1] ?? '?')
    .sort();
}

describe('workspace index', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (...parts: string[]): string => pathToFileURL(join(dir, ...parts)).href;
  const stsText = NAMES.map(statefulSet).join('---\n');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-ws-'));
    writeFileSync(join(dir, 'services.yaml'), service('web-svc'));
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkg', 'hidden.yaml'), service('hidden-svc'));
    writeFileSync(join(dir, 'big.yaml'), service('big-svc', `# ${'x'.repeat(4000)}\n`));
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'nested', 'deeper', 'other.yml'), service('deep-svc'));
    writeFileSync(join(dir, 'flow.yaml'), '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "flow-svc"}, "spec": {"clusterIP": "None"}}\n');
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0x01]));
    writeFileSync(join(dir, 'notes.txt'), service('txt-svc'));
    symlinkSync(dir, join(dir, 'nested', 'loop'));
    writeFileSync(join(dir, 'sts.yaml'), stsText);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], settings: { maxFileSize: 2000 } });
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the scan indexes the folder (not node_modules, not files over maxFileSize, through a symlink loop)', async () => {
    assert.ok(client.logs.some((l) => /Indexed 4 of \d+ YAML files/.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => l.includes('big.yaml') && l.includes('maxFileSize')));
    assert.ok(client.logs.some((l) => l.includes('binary.yaml') && l.includes('binary')));
    const uri = uriOf('sts.yaml');
    await client.open(uri, stsText);
    assert.deepEqual(missing(await client.nextDiagnostics(uri), stsText), ['big-svc', 'hidden-svc', 'late-svc']);
    const ids = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri } });
    assert.deepEqual(ids.statefulSets[0].service, { name: 'web-svc', found: true, headless: true, uri: uriOf('services.yaml') });
    assert.deepEqual(ids.statefulSets[3].service, { name: 'deep-svc', found: true, headless: true, uri: uriOf('nested', 'deeper', 'other.yml') });
    assert.deepEqual(ids.statefulSets[5].service, { name: 'flow-svc', found: true, headless: true, uri: uriOf('flow.yaml') }, 'JSON-style YAML is indexed too');
  });

  test('the file watcher is registered, and its events keep the index current', async () => {
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watchers, 'a dynamic file watcher');
    const uri = uriOf('sts.yaml');

    writeFileSync(join(dir, 'late.yaml'), service('late-svc'));
    await client.filesChanged([{ uri: uriOf('late.yaml'), type: FileChangeType.Created }]);
    await client.nextDiagnostics(uri, { where: (p) => missing(p, stsText).join() === 'big-svc,hidden-svc' });

    rmSync(join(dir, 'services.yaml'));
    await client.filesChanged([{ uri: uriOf('services.yaml'), type: FileChangeType.Deleted }]);
    await client.nextDiagnostics(uri, { where: (p) => missing(p, stsText).join() === 'big-svc,hidden-svc,web-svc' });

    // Deleting a folder reports only the folder.
    rmSync(join(dir, 'nested'), { recursive: true });
    await client.filesChanged([{ uri: uriOf('nested'), type: FileChangeType.Deleted }]);
    await client.nextDiagnostics(uri, { where: (p) => missing(p, stsText).join() === 'big-svc,deep-svc,hidden-svc,web-svc' });
  });

  test("an open document's text wins over the disk; closing it brings the disk's back", async () => {
    const uri = uriOf('sts.yaml');
    const late = uriOf('late.yaml');
    await client.open(late, service('renamed-svc'));
    await client.nextDiagnostics(uri, { where: (p) => missing(p, stsText).includes('late-svc') });
    // The disk changes while the document is open: the editor's text still counts.
    writeFileSync(join(dir, 'late.yaml'), service('late-svc'));
    await client.filesChanged([{ uri: late, type: FileChangeType.Changed }]);
    const ids = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri } });
    assert.equal(ids.statefulSets[4].service?.found, false);
    await client.close(late);
    await client.nextDiagnostics(uri, { where: (p) => !missing(p, stsText).includes('late-svc') });
  });

  test('a Service typed into another open document resolves at once', async () => {
    const uri = uriOf('sts.yaml');
    const scratch = uriOf('scratch.yaml');
    await client.open(scratch, '');
    await client.change(scratch, [{ text: service('big-svc') }]);
    await client.nextDiagnostics(uri, { where: (p) => !missing(p, stsText).includes('big-svc') });
    await client.close(scratch);
    await client.nextDiagnostics(uri, { where: (p) => missing(p, stsText).includes('big-svc') });
  });
});

describe('a client that refuses registrations and progress', () => {
  let dir: string;
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the scan still runs and workspace findings still come', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-refuse-'));
    writeFileSync(join(dir, 'svc.yaml'), service('web-svc'));
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], refuse: ['client/registerCapability', 'window/workDoneProgress/create'], waitForIndex: false });
    try {
      const uri = pathToFileURL(join(dir, 'sts.yaml')).href;
      const text = `${statefulSet('web')}---\n${statefulSet('lost')}`;
      await client.open(uri, text);
      await client.nextDiagnostics(uri, { where: (p) => missing(p, text).join() === 'lost-svc' });
      assert.deepEqual(client.registrations, []);
      assert.ok(client.logs.some((l) => l.startsWith('Could not register a file watcher')), client.logs.join('\n'));
    } finally {
      client.kill();
    }
  });
});

describe('workspace scan of a large folder', () => {
  let dir: string;
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('requests are answered while the scan runs, and workspace findings wait for it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-big-'));
    const files = 3000;
    for (let i = 0; i < files; i++) {
      const sub = join(dir, `d${i % 30}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${i}.yaml`), service(`svc-${i}`));
    }
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], waitForIndex: false });
    try {
      const uri = pathToFileURL(join(dir, 'open.yaml')).href;
      // One StatefulSet whose Service is in the last file scanned, one whose Service exists nowhere.
      const text = `${statefulSet('app').replace(/app-svc/g, `svc-${files - 1}`)}---\n${statefulSet('lost')}`;
      await client.open(uri, text);
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, 2);
      const ended = client.progress.pending.some((p) => p.value.kind === 'end');
      assert.equal(ended, false, 'answered before the scan ended');
      const early = await client.nextDiagnostics(uri);
      assert.deepEqual(missing(early, text), [], 'no claim that a Service is missing before the scan ends');
      await client.progressEnded(INDEXING, 60_000);
      assert.ok(client.logs.some((l) => l.includes(`Indexed ${files} of ${files} YAML files`)), client.logs.join('\n'));
      assert.deepEqual(missing(await client.nextDiagnostics(uri, { timeout: 60_000 }), text), ['lost-svc']);
    } finally {
      client.kill();
    }
  });
});
