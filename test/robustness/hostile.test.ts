/**
 * Hostile YAML (support/hostile.ts) through the core, the CLI and the language server. Each case
 * gets its clear finding (or only has to stay bounded), within TIME_BOUND_MS and MEMORY_BOUND_MB;
 * the server goes on answering a hover on another document while it takes each one in.
 *
 * The core runs each case in a process of its own: V8 aborts the process on some stack
 * exhaustions, which must fail one test, not the run, and the memory figure is then the case's own.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol/node';
import type { FileResult } from '../../server/src/cli/format';
import { jsonOf, runCli, TempDir } from '../cli/harness';
import { LspClient } from '../lsp/support/lspClient';
import { HOSTILE, PWNED } from './support/hostile';

/** Per case, for everything the core does with it (analysis, hovers, completion, fixes), on a slow shared machine. */
const TIME_BOUND_MS = 20_000;
/** Growth of the process's peak RSS while the case is analysed. */
const MEMORY_BOUND_MB = 768;
/** A hover on another document, asked right after the hostile one is opened. */
const HOVER_BOUND_MS = 10_000;

const CHILD = join(__dirname, 'support', 'hostileChild.js');

interface ChildReport {
  readonly ms: number;
  readonly length: number;
  readonly rssGrowthMB: number;
  readonly codes: readonly string[];
  readonly findings: number;
  readonly problems: readonly string[];
}

describe('hostile YAML: the core, one process per case', () => {
  before(() => rmSync(PWNED, { force: true }));

  for (const c of HOSTILE) {
    test(`${c.name}: ${c.what}`, (t) => {
      const r = spawnSync(process.execPath, [CHILD, c.name], { encoding: 'utf8', timeout: TIME_BOUND_MS * 3, maxBuffer: 16 * 1024 * 1024 });
      assert.equal(r.error, undefined, `the run did not end: ${r.error?.message}`);
      assert.equal(r.status, 0, `the process failed (signal ${r.signal}):\n${r.stderr.slice(-2000)}`);
      const m = JSON.parse(r.stdout) as ChildReport;
      t.diagnostic(`${m.length.toLocaleString('en-US')} characters: ${m.ms} ms, +${m.rssGrowthMB} MB RSS, ${m.findings} findings (${m.codes.join(', ') || 'none'})`);
      assert.deepEqual(m.problems, []);
      assert.ok(m.ms < TIME_BOUND_MS, `${m.ms} ms`);
      assert.ok(m.rssGrowthMB < MEMORY_BOUND_MB, `+${m.rssGrowthMB} MB`);
      if (c.expect) assert.ok(m.codes.includes(c.expect), `expected a ${c.expect} finding, got ${m.codes.join(', ')}`);
    });
  }

  test('no tag is turned into code: the command in tags.yaml never ran', () => {
    assert.equal(existsSync(PWNED), false, `${PWNED} exists`);
  });
});

describe('hostile YAML: the CLI', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  for (const c of HOSTILE) {
    test(`check ${c.name}`, () => {
      const file = dir.write(`${c.name}.yaml`, c.make());
      const started = performance.now();
      const run = runCli(['check', file, '--format', 'json']);
      const ms = performance.now() - started;
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}:\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /internal error/);
      const [result] = jsonOf<FileResult[]>(run);
      assert.equal(result.filePath, file);
      assert.ok(ms < TIME_BOUND_MS, `${Math.round(ms)} ms`);
      if (c.expect) assert.ok(result.messages.some((m) => m.ruleId === c.expect), `expected ${c.expect}: ${result.messages.map((m) => m.ruleId).join(', ')}`);
    });
  }
});

/** The server process's resident memory (Linux), or undefined elsewhere. */
function rssOf(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe('hostile YAML: the language server', () => {
  let client: LspClient;
  const calm = 'file:///hostile/calm.yaml';
  const calmText = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: calm\nspec:\n  replicas: 3\n';
  const replicas = { line: 5, character: 4 };

  before(async () => {
    client = await LspClient.start();
    await client.open(calm, calmText);
    await client.nextDiagnostics(calm);
  });
  after(() => client.kill());

  for (const c of HOSTILE) {
    test(`${c.name}: a hover elsewhere is answered while it is taken in`, async (t) => {
      const uri = `file:///hostile/${c.name}.yaml`;
      const rssBefore = rssOf(client.process.pid);
      await client.open(uri, c.make());
      const started = performance.now();
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: calm }, position: replicas }, HOVER_BOUND_MS);
      const hoverMs = performance.now() - started;
      assert.ok(hover && JSON.stringify(hover.contents).includes('replicas'), 'the hover on the calm document has its content');
      const published = await client.nextDiagnostics(uri, { version: 1, timeout: TIME_BOUND_MS });
      const diagnosticsMs = performance.now() - started;
      const codes = [...new Set(published.diagnostics.map((d) => String(d.code)))];
      await client.close(uri);
      const rssAfter = rssOf(client.process.pid);
      t.diagnostic(`hover ${Math.round(hoverMs)} ms, diagnostics ${Math.round(diagnosticsMs)} ms (${codes.join(', ') || 'none'}), server RSS ${rssBefore?.toFixed(0)} -> ${rssAfter?.toFixed(0)} MB (peak ${rssOf(client.process.pid, 'VmHWM')?.toFixed(0)} MB)`);
      assert.ok(hoverMs < HOVER_BOUND_MS, `hover took ${Math.round(hoverMs)} ms`);
      assert.equal(client.hasExited, false);
      // A StatefulSet file hears about the limit it hit; other YAML gets nothing from us (see core/coverage.ts).
      if (c.expect === 'analysis-limit') assert.ok(codes.includes('analysis-limit'), `analysis-limit in ${codes.join(', ')}`);
    });
  }

  test('no handler failed on any of them', () => {
    assert.deepEqual(client.logs.filter((l) => /failed|Uncaught|Unhandled/.test(l)), []);
  });
});
