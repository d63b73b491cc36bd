#!/usr/bin/env node
// npm run bench [-- options]: generated workloads, our language server and CLI measured as an
// editor and a shell use them, the peer (yaml-language-server) on the same files in the same
// run when it is installed and given a schema. Prints a table; writes JSON and Markdown under
// bench-results/ (and the table into docs/performance.md with --write-docs).
//
//   --sizes 1,10,100,1000      StatefulSets per workload file
//   --peer-schema FILE         run yaml-language-server with this StatefulSet JSON schema
//                              (or $STS_PEER_SCHEMA); without it the peer is skipped
//   --edits N                  single-character edits per file (ours; default 50)
//   --peer-edits N             the same for the peer (default 50, 10 from 1000 sets: each waits
//                              on a full re-validation after a 200 ms delay)
//   --requests N               hovers and completions each (default 40; peer from 1000 sets: 15)
//   --cli-runs N --yaml-runs N --activation-runs N
//   --package                  npm run package first, so the .vsix size is today's
//   --cpu-prof                 profile our server (bench-results/profiles/*.cpuprofile; read
//                              them with node test/bench/profile.mjs FILE)
//   --write-docs               copy the table into docs/performance.md
//   --editor-edits N           keystrokes of the editor mode (editor.mjs: everything VS Code and
//                              the extension send after each; default 30; 0 skips it)
//   --traffic after|before     the extension's own requests in the editor mode: this client's
//                              ('after') or the client's before issue 17 ('before')
//   --only-editor              the editor mode and the diagnostics-only edits, nothing else
//                              (a quick run; no peer, CLI, parse or activation)
//   --server FILE              our server bundle (default dist/server.js), e.g. an older build
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EDITOR_CAPABILITIES, editorKeystroke } from './editor.mjs';
import { BenchServer } from './lsp.mjs';
import { markdown, replaceBlock } from './report.mjs';
import { ours, peer, peerDir } from './servers.mjs';
import { evaluateTargets } from './targets.mjs';
import { workload } from './workload.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,100,1000' },
    'peer-schema': { type: 'string', default: process.env.STS_PEER_SCHEMA },
    edits: { type: 'string', default: '50' },
    'peer-edits': { type: 'string' },
    requests: { type: 'string', default: '40' },
    'cli-runs': { type: 'string', default: '5' },
    'yaml-runs': { type: 'string', default: '3' },
    'activation-runs': { type: 'string', default: '10' },
    package: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'write-docs': { type: 'boolean', default: false },
    'editor-edits': { type: 'string', default: '30' },
    traffic: { type: 'string', default: 'after' },
    'only-editor': { type: 'boolean', default: false },
    server: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench-results') },
  },
});

const sizes = args.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const int = (s) => Math.max(1, Number.parseInt(s, 10));
const EDITS = int(args.edits);
const EDITOR_EDITS = Math.max(0, Number.parseInt(args['editor-edits'], 10) || 0);
const ONLY_EDITOR = args['only-editor'];
if (args.traffic !== 'after' && args.traffic !== 'before') throw new Error('--traffic: after or before');
const REQUESTS = int(args.requests);
const peerEditsFor = (sets) => (args['peer-edits'] ? int(args['peer-edits']) : sets >= 1000 ? 10 : EDITS);
const peerRequestsFor = (sets) => (sets >= 1000 ? Math.min(15, REQUESTS) : REQUESTS);
const log = (s) => process.stderr.write(`${s}\n`);

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// ---- positions in the text ------------------------------------------------------------------

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** Where to hover and complete in the middle set: keys with docs, values with choices. */
function targetsIn(text, from) {
  const find = (needle, delta = 0) => {
    const i = text.indexOf(needle, from);
    if (i < 0) throw new Error(`bench: no "${needle}" in the middle set`);
    return positionAt(text, i + delta);
  };
  const hover = [
    find('serviceName:', 3),
    find('podManagementPolicy:', 5),
    find('partition:', 4),
    find('whenScaled:', 3),
    find('accessModes:', 3),
    find('storage: 20Gi', 10),
    find('image: ', 2),
    find('containerPort:', 5),
    find('readinessProbe:', 4),
    find('topologySpreadConstraints:', 6),
  ];
  const completion = [
    find('podManagementPolicy: OrderedReady', 'podManagementPolicy: OrderedReady'.length),
    find('revisionHistoryLimit:', 0),
    find('    type: RollingUpdate', '    type: RollingUpdate'.length),
    find('imagePullPolicy:', 0),
    find('whenDeleted: Retain', 'whenDeleted: Retain'.length),
    find('imagePullPolicy: IfNotPresent', 'imagePullPolicy: IfNotPresent'.length),
  ];
  return { hover, completion };
}

// ---- the language-server scenario --------------------------------------------------------

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Peak memory is compared after this many edits (the fewest either server makes). */
export const MEMORY_EDITS = 10;

async function lspScenario(spec, file, w, { edits, requests }) {
  const uri = pathToFileURL(file).href;
  const server = await BenchServer.start(spec);
  try {
    const open = await server.open(uri, w.text);
    const result = { open: { ms: open.ms, cpu: open.cpu, wait: open.wait, diagnostics: open.diagnostics.length, bySeverity: bySeverity(open.diagnostics), byCode: byCode(open.diagnostics) } };
    // Peak memory at the same points for both servers, whatever the number of edits each makes.
    result.memoryAfterOpen = server.memory();
    if (edits > 0) {
      // Typing at the end of an annotation value of the middle set, one character per change,
      // each change waiting for its diagnostics as an editor user sees them.
      const base = positionAt(w.text, w.editOffset);
      const samples = [];
      const cpu = [];
      const wait = [];
      let last;
      for (let k = 0; k < edits; k++) {
        const pos = { line: base.line, character: base.character + k };
        last = await server.change(uri, { start: pos, end: pos }, LETTERS[k % LETTERS.length]);
        samples.push(last.ms);
        cpu.push(last.cpu);
        wait.push(last.wait);
        if (k + 1 === MEMORY_EDITS) result.memoryAfterEdits = server.memory();
      }
      const typed = Array.from({ length: edits }, (_, k) => LETTERS[k % LETTERS.length]).join('');
      const text = w.text.slice(0, w.editOffset) + typed + w.text.slice(w.editOffset);
      result.edits = { samples, cpu, wait, diagnosticsAfter: last.diagnostics.length };
      if (spec.versionedDiagnostics) result.edits.sameAsFresh = await sameAsFresh(spec, uri, text, last.diagnostics);
      const middle = text.lastIndexOf('kind: StatefulSet', w.editOffset);
      if (requests === 0) return result;
      const targets = targetsIn(text, middle);
      result.hover = await requestsAt(server, 'textDocument/hover', uri, targets.hover, requests, (r) => r !== null && r !== undefined);
      result.completion = await requestsAt(server, 'textDocument/completion', uri, targets.completion, requests, (r) => (Array.isArray(r) ? r.length : (r?.items?.length ?? 0)) > 0, { context: { triggerKind: 1 } });
    }
    result.memory = server.memory();
    return result;
  } finally {
    await server.stop();
  }
}

/** The diagnostics a fresh server publishes for `text`, compared with what the edited one ended with. */
async function sameAsFresh(spec, uri, text, diagnostics) {
  const fresh = await BenchServer.start(spec);
  try {
    const { diagnostics: expected } = await fresh.open(uri, text);
    const key = (ds) => JSON.stringify([...ds].map((d) => JSON.stringify(d)).sort());
    return { ok: key(expected) === key(diagnostics), fresh: expected.length, edited: diagnostics.length };
  } finally {
    await fresh.stop();
  }
}

/**
 * The editor mode (editor.mjs): open, pull, then keystrokes in the middle set, each followed by
 * everything VS Code and the extension send, the preview showing the middle StatefulSet.
 */
async function editorScenario(spec, file, w, { edits, traffic }) {
  const uri = pathToFileURL(file).href;
  const server = await BenchServer.start(spec, { capabilities: EDITOR_CAPABILITIES });
  try {
    server.versions.set(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: w.text } });
    let report = await server.request('textDocument/diagnostic', { textDocument: { uri }, identifier: 'statefulset' }).then((r) => r.result);
    let items = report.items;
    const previewIndex = w.text.slice(0, w.editOffset).split('kind: StatefulSet').length - 2;
    const base = positionAt(w.text, w.editOffset);
    const out = { diagnostics: [], all: [], cpu: [], wait: [], bytes: [], traffic };
    for (let k = 0; k < edits; k++) {
      const pos = { line: base.line, character: base.character + k };
      const r = await editorKeystroke(server, uri, { range: { start: pos, end: pos }, text: LETTERS[k % LETTERS.length], cursor: { line: pos.line, character: pos.character + 1 }, previewIndex, traffic, previousResultId: report.resultId });
      report = r.report;
      if (report.kind === 'full') items = report.items;
      out.diagnostics.push(r.diagnosticsMs);
      out.all.push(r.allMs);
      out.cpu.push(r.cpu);
      out.wait.push(r.wait);
      out.bytes.push(r.bytes);
    }
    out.memory = server.memory();
    const typed = Array.from({ length: edits }, (_, k) => LETTERS[k % LETTERS.length]).join('');
    out.sameAsFresh = await sameAsFresh(spec, uri, w.text.slice(0, w.editOffset) + typed + w.text.slice(w.editOffset), items);
    return out;
  } finally {
    await server.stop();
  }
}

async function requestsAt(server, method, uri, positions, n, answered, extra = {}) {
  const samples = [];
  let nonEmpty = 0;
  for (let i = 0; i < n; i++) {
    const { ms, result } = await server.request(method, { textDocument: { uri }, position: positions[i % positions.length], ...extra });
    samples.push(ms);
    if (answered(result)) nonEmpty++;
  }
  return { samples, nonEmpty };
}

function bySeverity(ds) {
  const out = { error: 0, warning: 0, info: 0, hint: 0 };
  const names = [undefined, 'error', 'warning', 'info', 'hint'];
  for (const d of ds) out[names[d.severity ?? 1]]++;
  return out;
}

function byCode(ds) {
  const out = {};
  for (const d of ds) out[String(d.code ?? '')] = (out[String(d.code ?? '')] ?? 0) + 1;
  return out;
}

/** Activation as the extension sees it: spawn -> initialize answered -> initialized -> first answer. */
async function activation(spec, file, w, runs) {
  const initialize = [];
  const ready = [];
  for (let i = 0; i < runs; i++) {
    const server = await BenchServer.start(spec);
    try {
      const uri = pathToFileURL(file).href;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: w.text } });
      const pos = targetsIn(w.text, 0).hover[0];
      await server.request('textDocument/hover', { textDocument: { uri }, position: pos });
      ready.push(performance.now() - server.t0);
      initialize.push(server.initializeMs);
    } finally {
      await server.stop();
    }
  }
  return { initialize, ready };
}

// ---- child processes -----------------------------------------------------------------------

function run(command, argv, { cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t, code, stdout, stderr }));
  });
}

async function yamlParse(file, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(process.execPath, [join(ROOT, 'test', 'bench', 'yamlParse.mjs'), file]);
    if (r.code !== 0) throw new Error(`yamlParse failed: ${r.stderr}`);
    samples.push(JSON.parse(r.stdout));
  }
  return { samples: samples.map((x) => x.ms), cpu: samples.map((x) => x.cpu) };
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** `statefulset-tools check FILE`, the whole process; peak RSS and CPU time from /usr/bin/time when there. */
async function cliCheck(file, runs, scratch) {
  const samples = [];
  const peaks = [];
  const cpu = [];
  const codes = new Set();
  for (let i = 0; i < runs; i++) {
    const cli = [join(ROOT, 'dist', 'cli.js'), 'check', file];
    const out = join(scratch, 'time.txt');
    const r = TIME ? await run(TIME, ['-f', '%M %U %S', '-o', out, process.execPath, ...cli]) : await run(process.execPath, cli);
    if (r.code !== 0 && r.code !== 1) throw new Error(`cli check failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
    codes.add(r.code);
    samples.push(r.ms);
    if (TIME) {
      const [kb, user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      peaks.push(kb * 1024);
      cpu.push((user + sys) * 1000);
    }
  }
  return { samples, peaks, cpu, exitCodes: [...codes] };
}

function bundles() {
  const dist = join(ROOT, 'dist');
  const files = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.js')).sort() : [];
  const out = files.map((f) => {
    const text = readFileSync(join(dist, f), 'utf8');
    // esbuild's production build is minified: few, very long lines.
    return { file: `dist/${f}`, bytes: statSync(join(dist, f)).size, minified: text.split('\n').length < text.length / 1000 };
  });
  const vsixPath = join(ROOT, 'statefulset-tools.vsix');
  const vsix = existsSync(vsixPath) ? { file: 'statefulset-tools.vsix', bytes: statSync(vsixPath).size, built: statSync(vsixPath).mtime.toISOString() } : undefined;
  return { files: out, vsix };
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'server.js')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/server.js and dist/cli.js are needed: npm run build');
  if (args.package) {
    log('npm run package ...');
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const started = Date.now();
  const results = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadavg: { start: loadavg()[0] },
    onlyEditor: ONLY_EDITOR,
    iterations: { editorEdits: EDITOR_EDITS, edits: EDITS, requests: REQUESTS, peerEdits: Object.fromEntries(sizes.map((s) => [s, peerEditsFor(s)])), peerRequests: Object.fromEntries(sizes.map((s) => [s, peerRequestsFor(s)])), cliRuns: int(args['cli-runs']), yamlRuns: int(args['yaml-runs']), activationRuns: int(args['activation-runs']) },
    workloads: [],
    ours: {},
    oursErrors: {},
    peer: undefined,
    peerErrors: undefined,
    editor: {},
    yamlParse: {},
    cli: {},
    activation: {},
    bundles: bundles(),
  };

  const scratch = mkdtempSync(join(tmpdir(), 'statefulset-bench-'));
  const profiles = join(args.out, 'profiles');
  const oursSpec = ours(ROOT, args.server);
  if (args['cpu-prof']) {
    mkdirSync(profiles, { recursive: true });
    oursSpec.command.splice(1, 0, '--cpu-prof', `--cpu-prof-dir=${profiles}`);
  }
  const schema = args['peer-schema'];
  const pdir = peerDir(ROOT);
  let peerSpec;
  if (schema && pdir && !ONLY_EDITOR) {
    if (!existsSync(schema)) throw new Error(`--peer-schema: no file ${schema}`);
    peerSpec = peer(pdir, schema, 'bench-*.yaml');
    results.peer = {};
    results.peerErrors = {};
    results.peerSchema = schema;
  } else if (!ONLY_EDITOR) {
    results.peerSkipped = !pdir ? 'yaml-language-server is not installed' : 'no --peer-schema given';
    log(`peer skipped: ${results.peerSkipped}`);
  }

  try {
    for (const sets of sizes) {
      const clean = workload(sets, 'clean');
      const errors = workload(sets, 'errors');
      const name = `bench-${String(sets).padStart(4, '0')}`;
      const cleanFile = join(scratch, `${name}.yaml`);
      const errorsFile = join(scratch, `${name}-errors.yaml`);
      writeFileSync(cleanFile, clean.text);
      writeFileSync(errorsFile, errors.text);
      results.workloads.push({ sets, lines: clean.text.split('\n').length - 1, bytes: Buffer.byteLength(clean.text), planted: errors.mistakes });

      log(`[${sets} sets] ours: open, ${EDITS} edits, ${ONLY_EDITOR ? 0 : REQUESTS} hovers and completions`);
      results.ours[sets] = await lspScenario(oursSpec, cleanFile, clean, { edits: EDITS, requests: ONLY_EDITOR ? 0 : REQUESTS });
      if (EDITOR_EDITS > 0) {
        log(`[${sets} sets] ours, editor mode (${args.traffic}): ${EDITOR_EDITS} keystrokes`);
        results.editor[sets] = await editorScenario(oursSpec, cleanFile, clean, { edits: EDITOR_EDITS, traffic: args.traffic });
      }
      if (ONLY_EDITOR) continue;
      log(`[${sets} sets] ours: open with planted errors`);
      results.oursErrors[sets] = (await lspScenario(oursSpec, errorsFile, errors, { edits: 0, requests: 0 })).open;
      if (peerSpec) {
        log(`[${sets} sets] peer: open, ${peerEditsFor(sets)} edits, ${peerRequestsFor(sets)} hovers and completions`);
        results.peer[sets] = await lspScenario(peerSpec, cleanFile, clean, { edits: peerEditsFor(sets), requests: peerRequestsFor(sets) });
        log(`[${sets} sets] peer: open with planted errors`);
        results.peerErrors[sets] = (await lspScenario(peerSpec, errorsFile, errors, { edits: 0, requests: 0 })).open;
      }
      log(`[${sets} sets] yaml parseAllDocuments x${results.iterations.yamlRuns}, cli check x${results.iterations.cliRuns}`);
      results.yamlParse[sets] = await yamlParse(cleanFile, results.iterations.yamlRuns);
      results.cli[sets] = await cliCheck(cleanFile, results.iterations.cliRuns, scratch);
    }

    if (!ONLY_EDITOR) {
      const small = workload(1, 'clean');
      const smallFile = join(scratch, 'bench-activation.yaml');
      writeFileSync(smallFile, small.text);
      log(`activation x${results.iterations.activationRuns}`);
      results.activation.ours = await activation(oursSpec, smallFile, small, results.iterations.activationRuns);
      if (peerSpec) results.activation.peer = await activation(peerSpec, smallFile, small, Math.max(1, Math.ceil(results.iterations.activationRuns / 2)));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  results.loadavg.end = loadavg()[0];
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.checks = correctness(results);
  results.targets = evaluateTargets(results);

  const md = markdown(results);
  mkdirSync(args.out, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  writeFileSync(join(args.out, `bench-${stamp}.json`), `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(join(args.out, 'latest.json'), `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(join(args.out, 'latest.md'), md);
  process.stdout.write(md);
  if (args['write-docs']) {
    const doc = join(ROOT, 'docs', 'performance.md');
    writeFileSync(doc, replaceBlock(readFileSync(doc, 'utf8'), md));
    log(`docs/performance.md updated`);
  }
  log(`results: ${join(args.out, 'latest.json')} (${results.seconds} s)`);
  if (results.checks.some((c) => !c.ok)) {
    log('the bench found a server that did not do the work it measures:');
    for (const c of results.checks.filter((x) => !x.ok)) log(`  ${c.what}: ${c.detail}`);
    process.exitCode = 1;
  }
}

/** A benchmark of a server that found nothing measures nothing: check it did the work. */
function correctness(r) {
  const out = [];
  for (const w of r.workloads) {
    const clean = r.ours[w.sets];
    out.push({ what: `${w.sets} sets: no errors on the valid workload`, ok: clean.open.bySeverity.error === 0, detail: JSON.stringify(clean.open.byCode) });
    if (clean.edits) out.push({ what: `${w.sets} sets: same findings after typing in a value`, ok: clean.edits.diagnosticsAfter === clean.open.diagnostics, detail: `${clean.open.diagnostics} -> ${clean.edits.diagnosticsAfter}` });
    const fresh = clean.edits?.sameAsFresh;
    if (fresh) out.push({ what: `${w.sets} sets: after the edits, the diagnostics a fresh server gives`, ok: fresh.ok, detail: `fresh ${fresh.fresh}, edited ${fresh.edited}` });
    const editor = r.editor[w.sets]?.sameAsFresh;
    if (editor) out.push({ what: `${w.sets} sets, editor mode: after the keystrokes, the diagnostics a fresh server gives`, ok: editor.ok, detail: `fresh ${editor.fresh}, edited ${editor.edited}` });
    if (r.onlyEditor) continue;
    const found = r.oursErrors[w.sets].byCode;
    const missed = Object.entries(w.planted).filter(([code, n]) => (found[code] ?? 0) !== n);
    out.push({ what: `${w.sets} sets: every planted mistake reported once`, ok: missed.length === 0, detail: missed.map(([code, n]) => `${code}: planted ${n}, reported ${found[code] ?? 0}`).join('; ') });
    out.push({ what: `${w.sets} sets: hovers answered`, ok: clean.hover.nonEmpty === clean.hover.samples.length, detail: `${clean.hover.nonEmpty}/${clean.hover.samples.length}` });
    out.push({ what: `${w.sets} sets: completions offered`, ok: clean.completion.nonEmpty === clean.completion.samples.length, detail: `${clean.completion.nonEmpty}/${clean.completion.samples.length}` });
  }
  return out;
}

main().catch((e) => {
  log(e.stack ?? String(e));
  process.exit(2);
});
