/**
 * The start-up workspace scan on a hostile workspace: 20,000 YAML files, symbolic-link loops (a
 * folder linking to itself and to its parent, files linking to each other and to nothing), a file
 * it may not read, a named pipe, and 2,000 files deleted while the scan reads. The server must
 * answer requests while it scans, finish, say what it left out and why, and keep its memory
 * bounded (RSS from /proc, Linux).
 *
 * Tests run as root in CI, where file modes do not stop reads: the server then runs as `nobody`
 * (support/asNobody.ts, preloaded), so a file with mode 000 is as unreadable as on a desktop.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, WorkDoneProgressBegin } from 'vscode-languageserver-protocol/node';
import { INDEXING, LspClient } from '../lsp/support/lspClient';
import { DIST } from '../support/paths';

const FILES = 20_000;
const DOOMED = 2_000;
/** A hover while the scan runs. */
const HOVER_BOUND_MS = 2_000;
const SCAN_BOUND_MS = 120_000;
const MEMORY_BOUND_MB = 600;

const AS_NOBODY = join(__dirname, 'support', 'asNobody.js');

function service(name: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: None\n  selector: {app: ${name}}\n`;
}

function statefulSet(name: string, serviceName: string): string {
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${serviceName}\n  replicas: 3\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: busybox}]\n`;
}

function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

describe('workspace scan: 20,000 files, link loops, an unreadable file, files deleted mid-scan', () => {
  const root = mkdtempSync(join(tmpdir(), 'sts-scan-'));
  let serverDir: string | undefined;
  const doomed = join(root, 'zz-doomed');
  let client: LspClient;
  let fifo = false;
  const hovers: number[] = [];
  let scanMs = 0;
  let deleted = 0;

  before(async () => {
    chmodSync(root, 0o755);
    for (let i = 0; i < FILES; i++) {
      const dir = join(root, `d${String(Math.floor(i / 500)).padStart(2, '0')}`);
      if (i % 500 === 0) mkdirSync(dir);
      writeFileSync(join(dir, `f${i}.yaml`), i % 2 ? service(`svc-${i}`) : statefulSet(`sts-${i}`, `svc-${i + 1}`));
    }
    mkdirSync(doomed);
    for (let i = 0; i < DOOMED; i++) writeFileSync(join(doomed, `g${i}.yaml`), service(`doomed-${i}`));
    const loops = join(root, 'loops');
    mkdirSync(loops);
    symlinkSync('.', join(loops, 'self'));
    symlinkSync('..', join(loops, 'up'));
    symlinkSync('b.yaml', join(loops, 'a.yaml'));
    symlinkSync('a.yaml', join(loops, 'b.yaml'));
    symlinkSync('self.yaml', join(loops, 'self.yaml'));
    symlinkSync('nowhere.yaml', join(loops, 'gone.yaml'));
    writeFileSync(join(root, 'unreadable.yaml'), service('secret-svc'));
    chmodSync(join(root, 'unreadable.yaml'), 0o000);
    // Reading a named pipe waits for a writer that never comes.
    fifo = spawnSync('mkfifo', [join(root, 'pipe.yaml')]).status === 0;

    const previous = process.env.NODE_OPTIONS;
    const asRoot = process.getuid?.() === 0;
    // Run as nobody, the server must be able to read its bundle: the clone may sit in a folder only
    // root can enter (mktemp -d makes 0700 folders), so it runs from a world-readable copy.
    let serverPath: string | undefined;
    if (asRoot) {
      serverDir = mkdtempSync(join(tmpdir(), 'sts-server-'));
      chmodSync(serverDir, 0o755);
      serverPath = join(serverDir, 'server.js');
      copyFileSync(join(DIST, 'server.js'), serverPath);
      chmodSync(serverPath, 0o644);
    }
    if (asRoot) process.env.NODE_OPTIONS = `${previous ?? ''} --require ${AS_NOBODY}`.trim();
    try {
      // As nobody the server cannot signal this root process, and its parent watchdog would take that for the editor gone.
      client = await LspClient.start({ workspaceFolders: [pathToFileURL(root).href], waitForIndex: false, serverPath, ...(asRoot ? { processId: null } : {}) });
    } finally {
      if (previous === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = previous;
    }
    const started = performance.now();
    const uri = 'file:///memory/calm.yaml';
    await client.open(uri, 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: calm\nspec:\n  replicas: 3\n');
    const begin = await client.progress.next((p) => p.value.kind === 'begin' && (p.value as WorkDoneProgressBegin).title.includes(INDEXING), 'the scan to begin', SCAN_BOUND_MS);
    // The first report comes from the reading loop: the file list is made, the doomed files (read last) are on it.
    await client.progress.next((p) => p.token === begin.token && p.value.kind === 'report', 'the scan to report', SCAN_BOUND_MS);
    for (let i = 0; i < DOOMED; i++) {
      unlinkSync(join(doomed, `g${i}.yaml`));
      deleted++;
    }
    let ended = false;
    const end = client.progress.next((p) => p.token === begin.token && p.value.kind === 'end', 'the scan to end', SCAN_BOUND_MS).then(() => {
      ended = true;
      scanMs = performance.now() - started;
    });
    while (!ended) {
      const asked = performance.now();
      assert.equal(client.hasExited, false, `the server exited (${client.process.exitCode ?? client.process.signalCode}): ${client.stderr.slice(-2000)}`);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } }, HOVER_BOUND_MS * 5);
      hovers.push(performance.now() - asked);
      assert.ok(hover, 'a hover with content');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await end;
  });

  after(() => {
    client?.kill();
    rmSync(root, { recursive: true, force: true });
    if (serverDir) rmSync(serverDir, { recursive: true, force: true });
  });

  test('requests are answered while the scan runs', (t) => {
    t.diagnostic(`scan ${Math.round(scanMs)} ms; ${hovers.length} hovers during it, slowest ${Math.round(Math.max(...hovers))} ms`);
    assert.ok(hovers.length > 0);
    assert.ok(Math.max(...hovers) < HOVER_BOUND_MS, `slowest hover ${Math.round(Math.max(...hovers))} ms`);
  });

  test('the scan ends (past the link loops and the named pipe), and says what it left out and why', (t) => {
    if (!fifo) t.diagnostic('mkfifo is not available: no named pipe in the workspace');
    const logs = client.logs.join('\n');
    const indexed = /Indexed (\d+) of (\d+) YAML files/.exec(logs);
    assert.ok(indexed, logs.slice(0, 2000));
    assert.ok(Number(indexed[1]) >= FILES, `indexed ${indexed[1]}`);
    assert.match(logs, /Not indexed: .*unreadable\.yaml: cannot read \(EACCES\)/);
    assert.equal(deleted, DOOMED);
    assert.match(logs, /Not indexed: .*zz-doomed.*cannot read \(ENOENT\)/);
    assert.equal(client.hasExited, false);
  });

  test('memory stays bounded', (t) => {
    const m = memoryOf(client.process.pid);
    if (!m) return t.skip('no /proc: RSS is measured on Linux only');
    t.diagnostic(`server RSS after the scan ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB, for ${FILES + DOOMED} files`);
    assert.ok(m.peak < MEMORY_BOUND_MB, `peak RSS ${m.peak.toFixed(0)} MB`);
  });

  test('what was read is in the index, what could not be read is not', async () => {
    const uri = pathToFileURL(join(root, 'd00', 'new.yaml')).href;
    await client.open(uri, `${statefulSet('uses-indexed', 'svc-1')}---\n${statefulSet('uses-unreadable', 'secret-svc')}`);
    const { diagnostics } = await client.nextDiagnostics(uri, { where: (p) => p.diagnostics.length > 0 });
    const notFound = diagnostics.filter((d) => d.code === 'service-not-found').map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.equal(notFound.length, 1, notFound.join('\n'));
    assert.match(notFound[0], /secret-svc/);
  });
});
