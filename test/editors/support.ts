/**
 * What the editor tests share: finding the editor (a skip on a user's machine without it, a
 * failure in CI, where .ci/run installs it), the page's snippets, the scenario both editors play
 * (questions and expected answers on test/fixtures/editors/workspace), and running an editor on
 * a fresh copy of that workspace, the server on PATH under the name docs/editors.md uses, with a
 * time limit.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Position, Range } from 'vscode-languageserver-protocol/node';
import { positionOf, rangeOf } from '../lsp/support/positions';
import { hoverAt } from '../../server/src/core/hover';
import { workspace } from '../support/cursor';
import { DIST, FIXTURES, ROOT } from '../support/paths';

/** The whole run of one editor, start-up to exit; it takes well under a second here. */
const EDITOR_TIMEOUT_MS = 20_000;
/** Each wait inside the editor (the client attached, diagnostics, an answer). */
const WAIT_MS = 10_000;

const EDITORS_DOC = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');

export interface Editor {
  readonly command: string;
  /** The first line of `--version`. */
  readonly version: string;
}

/**
 * The editor, or why it cannot be used here: not installed, or `needs` (arguments of a run that
 * must succeed, and what it checks) failed.
 */
export function findEditor(command: string, needs?: { readonly args: readonly string[]; readonly what: string }): Editor | string {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: EDITOR_TIMEOUT_MS });
  if (r.error) return `${command} is not installed (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0) return `${command} --version exited with ${r.status}: ${r.stderr.trim()}`;
  if (needs) {
    const probe = spawnSync(command, needs.args, { encoding: 'utf8', timeout: EDITOR_TIMEOUT_MS });
    if (probe.status !== 0) {
      const lines = (probe.stderr || probe.error?.message || '').trim().split('\n');
      return `${command} has no ${needs.what} (${lines.find((l) => /error/i.test(l)) ?? lines.pop()})`;
    }
  }
  return { command, version: r.stdout.split('\n')[0].trim() };
}

/** The editor, else a skip with the reason; under CI a missing editor fails the test instead. */
export function editorOrSkip(t: TestContext, found: Editor | string, install: string): Editor | undefined {
  if (typeof found !== 'string') return found;
  if (process.env.CI) assert.fail(`${found}; CI must run this test (.ci/run installs it: ${install})`);
  t.skip(`${found}; install it to run this test (${install})`);
  return undefined;
}

interface WorkspaceCopy {
  /** The project root: the fixture workspace made a Git repository, as a clone would be. */
  readonly root: string;
  /** PATH with `statefulset-language-server` (a link to dist/server.js) first. */
  readonly path: string;
  /** A scratch directory for the editor's own files (logs, state). */
  readonly scratch: string;
}

/** A fresh copy of test/fixtures/editors/workspace in a temporary directory. */
function workspaceCopy(prefix: string): WorkspaceCopy {
  const server = join(DIST, 'server.js');
  assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'project');
  cpSync(join(FIXTURES, 'editors', 'workspace'), root, { recursive: true });
  // Neovim's snippet looks for .git; eglot's project lists its files through Git.
  const git = spawnSync('git', ['init', '-q', root], { encoding: 'utf8' });
  assert.equal(git.status, 0, `git init: ${git.error?.message ?? git.stderr}`);
  const bin = join(base, 'bin');
  mkdirSync(bin);
  // As the page tells users: the bundle is executable and starts with #!/usr/bin/env node.
  symlinkSync(server, join(bin, 'statefulset-language-server'));
  const scratch = join(base, 'scratch');
  mkdirSync(scratch);
  return { root, path: [bin, process.env.PATH ?? ''].join(delimiter), scratch };
}

/** The range of `word` inside the first occurrence of `context`. */
export function within(text: string, context: string, word: string): Range {
  const at = context.indexOf(word);
  assert.ok(at >= 0, `"${word}" is not in "${context}"`);
  return { start: positionOf(text, context, at), end: positionOf(text, context, at + word.length) };
}

/** The first fenced block of `lang` after the first line of the page that contains `marker`. */
export function snippetAfter(marker: string, lang: string): string {
  const at = EDITORS_DOC.indexOf(marker);
  assert.ok(at >= 0, `docs/editors.md has no "${marker}"`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(EDITORS_DOC.slice(at));
  assert.ok(block, `no ${lang} block after "${marker}" in docs/editors.md`);
  return block[1];
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs the editor with no terminal and no input, killed (and reported) past the time limit. */
function runEditor(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), EDITOR_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

export interface Finding {
  readonly code: string;
  /** LSP DiagnosticSeverity: 1 error, 2 warning, 3 information. */
  readonly severity: number;
  readonly range: Range;
}

/**
 * The script's part of both editors' runs on the fixture's web.yaml, and what the server must
 * answer: the questions (LSP positions, UTF-16) and the answers expected.
 */
export interface Scenario {
  readonly file: string;
  readonly text: string;
  readonly plan: {
    readonly file: string;
    readonly timeoutMs: number;
    /** Codes the diagnostics must include before the editor asks anything. */
    readonly waitFor: readonly string[];
    readonly hover: Position;
    readonly completion: Position;
    readonly definition: Position;
    /** The `statefulset` section the editor switches to at run time. */
    readonly settings: { statefulset: Record<string, unknown> };
  };
  /** With the docs' settings: kubernetesVersion 1.30, pdb-missing off. */
  readonly findings: readonly Finding[];
  /** After the switch: storage-class-not-found off, pdb-missing back to its default. */
  readonly findingsAfterSettings: readonly Finding[];
  readonly hover: { readonly value: string; readonly range: Range };
  /** The one completion at the storageClassName value: the StorageClass in storage.yaml. */
  readonly completion: { readonly label: string; readonly detail: string; readonly range: Range };
  /** Where serviceName goes: the Service's name in services.yaml. */
  readonly definition: { readonly file: string; readonly range: Range };
}

export function scenario(ws: WorkspaceCopy): Scenario {
  const file = join(ws.root, 'web.yaml');
  const text = readFileSync(file, 'utf8');
  const services = join(ws.root, 'services.yaml');
  const hover = positionOf(text, 'replicas: 3', 2);
  const mount = rangeOf(text, 'dta');
  const template = within(text, 'name: data\n', 'data');
  // The mount's line has a 🚀 before the finding: UTF-16, UTF-8 and code point columns all differ.
  assert.ok(text.split('\n')[mount.start.line].indexOf('🚀') < mount.start.character);
  const offset = text.indexOf('replicas: 3') + 2;
  const w = workspace(`${text.slice(0, offset)}<|>${text.slice(offset)}`, {}, { kubernetesVersion: '1.30' });
  const hoverValue = hoverAt(w.analysis, w.offset, w.index)?.contents;
  assert.match(hoverValue ?? '', /`web-0`, `web-1`, `web-2`/);
  return {
    file,
    text,
    plan: {
      file,
      timeoutMs: WAIT_MS,
      // Only the workspace scan finds storage.yaml's StorageClass, and with it this finding.
      waitFor: ['storage-class-not-found'],
      hover,
      completion: positionOf(text, 'fast-ssd'),
      definition: positionOf(text, 'serviceName: web', 'serviceName: w'.length),
      settings: { statefulset: { kubernetesVersion: '1.30', rules: { 'storage-class-not-found': 'off' } } },
    },
    findings: [
      { code: 'volume-mount-unresolved', severity: 1, range: mount },
      { code: 'claim-template-unmounted', severity: 3, range: template },
      { code: 'storage-class-not-found', severity: 2, range: rangeOf(text, 'fast-ssd') },
    ],
    findingsAfterSettings: [
      { code: 'pdb-missing', severity: 4, range: within(text, 'name: web\nspec', 'web') },
      { code: 'volume-mount-unresolved', severity: 1, range: mount },
      { code: 'claim-template-unmounted', severity: 3, range: template },
    ],
    hover: { value: hoverValue ?? '', range: within(text, 'replicas: 3', 'replicas') },
    completion: { label: 'fast', detail: 'ebs.csi.aws.com', range: rangeOf(text, 'fast-ssd') },
    definition: { file: services, range: rangeOf(readFileSync(services, 'utf8'), 'web') },
  };
}

/** Code, severity and range in document order, from whatever shape an editor keeps them in. */
export function inOrder(found: readonly { code?: unknown; severity?: unknown; range: Range }[]): Finding[] {
  return found
    .map((d) => ({ code: String(d.code), severity: Number(d.severity), range: d.range }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** How one editor runs its driver script on the scenario. */
export interface Session {
  /** The snippet from docs/editors.md the editor loads as the user's configuration, and its file name. */
  readonly init: { readonly name: string; readonly text: string };
  /** Arguments that run the driver, which reads the plan from $STS_PLAN. */
  readonly args: readonly string[];
  /** Variables besides PATH and STS_PLAN, given the scratch directory. */
  readonly env: (scratch: string) => NodeJS.ProcessEnv;
}

/**
 * Runs the editor on a fresh copy of the workspace with the scenario's plan and returns the
 * driver's JSON result (the copy is removed afterwards). A run without a result, with an error
 * from the driver or a non-zero exit fails with the editor's output.
 */
export async function runScenario<R extends { error?: string }>(t: TestContext, editor: Editor, session: Session): Promise<{ s: Scenario; r: R; root: string }> {
  const ws = workspaceCopy(`sts-${editor.command}-`);
  try {
    const s = scenario(ws);
    const init = join(ws.scratch, session.init.name);
    writeFileSync(init, session.init.text);
    const output = join(ws.scratch, 'result.json');
    const plan = join(ws.scratch, 'plan.json');
    writeFileSync(plan, JSON.stringify({ ...s.plan, init, output }));
    const started = Date.now();
    const run = await runEditor(editor.command, session.args, { ...process.env, ...session.env(ws.scratch), PATH: ws.path, STS_PLAN: plan }, ws.root);
    t.diagnostic(`${editor.version}: ${Date.now() - started} ms from start to exit`);
    assert.ok(existsSync(output), `no result from ${editor.command} (exit ${run.code}, signal ${run.signal}):\n${run.output}`);
    const r = JSON.parse(readFileSync(output, 'utf8')) as R;
    assert.equal(r.error, undefined, `${r.error}\n${run.output}`);
    assert.equal(run.code, 0, run.output);
    return { s, r, root: ws.root };
  } finally {
    rmSync(dirname(ws.root), { recursive: true, force: true });
  }
}
