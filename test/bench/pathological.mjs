#!/usr/bin/env node
// Pathological files against the `yaml` package's own parse of the same file: a million empty
// documents, ten thousand documents, a 50 MB manifest, deep nesting. Each is measured as a fresh
// process under /usr/bin/time (wall time, CPU, peak RSS): `parseAllDocuments` of the file, our
// CLI's `check`, and our server from didOpen to its first diagnostics.
//   node test/bench/pathological.mjs [--only NAME,...] [--out DIR]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchServer } from './lsp.mjs';
import { ours } from './servers.mjs';
import { workload } from './workload.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string', default: join(ROOT, 'bench-results') } } });

const SMALL_SET = (i) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: s${i}
spec:
  serviceName: s${i}
  replicas: 1
  selector:
    matchLabels: {app: s${i}}
  template:
    metadata:
      labels: {app: s${i}}
    spec:
      containers: [{name: c, image: nginx}]
`;

/** A StatefulSet whose pod template carries a label map nested `depth` levels deep in an annotation-free field. */
function deep(depth, flow) {
  const head = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: deep\nspec:\n  serviceName: deep\n  selector:\n    matchLabels: {app: deep}\n  template:\n    metadata:\n      labels: {app: deep}\n    spec:\n      containers: [{name: c, image: nginx}]\n  x: ';
  if (flow) return `${head}${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  let body = '\n';
  for (let i = 0; i < depth; i++) body += `${' '.repeat(4 + i)}a:\n`;
  return `${head}${body}${' '.repeat(4 + depth)}b\n`;
}

const FILES = {
  'million-empty-documents': () => '---\n'.repeat(1_000_000),
  'ten-thousand-documents': () => Array.from({ length: 10_000 }, (_, i) => SMALL_SET(i)).join('---\n'),
  '50-mb-manifest': () => workload(12_800, 'clean').text,
  'one-32-mb-document': () => `${SMALL_SET(0)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: |\n${'    0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'.repeat(470_000)}`,
  'one-8-mb-flow-document': () => `${SMALL_SET(0)}---\n${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flow' }, data: Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`key-${i}`, `value-${i}-0123456789`])) })}\n`,
  'deep-flow-10000': () => deep(10_000, true),
  'deep-block-2000': () => deep(2_000, false),
};

const TIME = '/usr/bin/time';

function timed(argv) {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-path-'));
    const out = join(dir, 'time.txt');
    const child = spawn(TIME, ['-f', '%e %U %S %M', '-o', out, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const [wall, user, sys, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, ms: wall * 1000, cpu: (user + sys) * 1000, peakMiB: kb / 1024, stdout, stderr: stderr.slice(0, 500) });
    });
  });
}

async function serverOpen(file, text) {
  const server = await BenchServer.start(ours(ROOT), { timeout: 600_000 });
  try {
    const open = await server.open(pathToFileURL(file).href, text);
    return { ms: open.ms, cpu: open.cpu, peakMiB: server.memory().peak / 2 ** 20, diagnostics: open.diagnostics.length, limits: open.diagnostics.filter((d) => d.code === 'analysis-limit').map((d) => d.message) };
  } finally {
    await server.stop();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'sts-pathological-'));
const results = { date: new Date().toISOString(), loadavg: loadavg()[0], files: {} };
try {
  for (const [name, make] of Object.entries(FILES)) {
    if (args.only && !args.only.split(',').includes(name)) continue;
    const text = make();
    const file = join(scratch, `${name}.yaml`);
    writeFileSync(file, text);
    process.stderr.write(`${name}: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB\n`);
    const yaml = await timed([process.execPath, join(ROOT, 'test', 'bench', 'yamlParse.mjs'), file]);
    const check = await timed([process.execPath, join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', file]);
    const checkSummary = { ...check, stdout: undefined, findings: check.code <= 1 ? safeCount(check.stdout) : undefined };
    const server = await serverOpen(file, text);
    results.files[name] = { bytes: Buffer.byteLength(text), yaml: { ...yaml, stdout: yaml.stdout.trim() }, check: checkSummary, server };
    process.stderr.write(`  yaml ${Math.round(yaml.ms)} ms ${Math.round(yaml.peakMiB)} MiB (exit ${yaml.code}); check ${Math.round(check.ms)} ms ${Math.round(check.peakMiB)} MiB (exit ${check.code}); server open ${Math.round(server.ms)} ms ${Math.round(server.peakMiB)} MiB\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
results.loadavgEnd = loadavg()[0];

function safeCount(stdout) {
  try {
    const j = JSON.parse(stdout);
    return Array.isArray(j) ? j.reduce((n, f) => n + (f.messages?.length ?? f.findings?.length ?? 0), 0) : undefined;
  } catch {
    return undefined;
  }
}

const row = (n, r) => {
  const x = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
  return `| ${n} | ${(r.bytes / 1e6).toFixed(1)} | ${Math.round(r.yaml.ms)} / ${Math.round(r.yaml.peakMiB)}${r.yaml.code ? ` (exit ${r.yaml.code})` : ''} | ${Math.round(r.check.ms)} / ${Math.round(r.check.peakMiB)} (exit ${r.check.code}) | ${Math.round(r.server.ms)} / ${Math.round(r.server.peakMiB)} | ${x(r.check.cpu, r.yaml.cpu)} / ${x(r.check.peakMiB, r.yaml.peakMiB)} |`;
};
const md = [
  `Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC; load average ${results.loadavg.toFixed(1)} at the start, ${results.loadavgEnd.toFixed(1)} at the end.`,
  '',
  '| file | MB | `yaml` parseAllDocuments: ms / peak MiB | `check`: ms / peak MiB | server didOpen → diagnostics: ms / peak MiB | `check` ÷ parse: CPU / memory |',
  '|---|---:|---:|---:|---:|---:|',
  ...Object.entries(results.files).map(([n, r]) => row(n, r)),
].join('\n');
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'pathological.json'), `${JSON.stringify(results, null, 1)}\n`);
process.stdout.write(`${md}\n`);
