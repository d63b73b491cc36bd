/**
 * What the editor tests share: finding the editor (a skip on a user's machine without it, a
 * failure in CI, where .ci/run installs it), a copy of the fixture workspace with the server on
 * PATH under the name docs/editors.md uses, the page's snippets, and running the editor with a
 * time limit.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import { DIST, FIXTURES, ROOT } from '../support/paths';

/** The whole run of one editor, start-up to exit; it takes well under a second here. */
export const EDITOR_TIMEOUT_MS = 20_000;
/** Each wait inside the editor (the client attached, diagnostics, an answer). */
export const WAIT_MS = 10_000;

export const EDITORS_DOC = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');

export interface Editor {
  readonly command: string;
  /** The first line of `--version`. */
  readonly version: string;
}

/** The editor, or why it cannot be used here. */
export function findEditor(command: string): Editor | string {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: EDITOR_TIMEOUT_MS });
  if (r.error) return `${command} is not installed (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0) return `${command} --version exited with ${r.status}: ${r.stderr.trim()}`;
  return { command, version: r.stdout.split('\n')[0].trim() };
}

/** The editor, else a skip with the reason; under CI a missing editor fails the test instead. */
export function editorOrSkip(t: TestContext, found: Editor | string, install: string): Editor | undefined {
  if (typeof found !== 'string') return found;
  if (process.env.CI) assert.fail(`${found}; CI must run this test (.ci/run installs it: ${install})`);
  t.skip(`${found}; install it to run this test (${install})`);
  return undefined;
}

export interface WorkspaceCopy {
  /** The project root: the fixture workspace with a `.git` directory, as a clone would have. */
  readonly root: string;
  /** PATH with `statefulset-language-server` (a link to dist/server.js) first. */
  readonly path: string;
  /** A scratch directory for the editor's own files (logs, state). */
  readonly scratch: string;
}

/** A fresh copy of test/fixtures/editors/workspace in a temporary directory. */
export function workspaceCopy(prefix: string): WorkspaceCopy {
  const server = join(DIST, 'server.js');
  assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'project');
  cpSync(join(FIXTURES, 'editors', 'workspace'), root, { recursive: true });
  mkdirSync(join(root, '.git'));
  const bin = join(base, 'bin');
  mkdirSync(bin);
  // As the page tells users: the bundle is executable and starts with #!/usr/bin/env node.
  symlinkSync(server, join(bin, 'statefulset-language-server'));
  const scratch = join(base, 'scratch');
  mkdirSync(scratch);
  return { root, path: [bin, process.env.PATH ?? ''].join(delimiter), scratch };
}

/** The first fenced block of `lang` after the first line of the page that contains `marker`. */
export function snippetAfter(marker: string, lang: string): string {
  const at = EDITORS_DOC.indexOf(marker);
  assert.ok(at >= 0, `docs/editors.md has no "${marker}"`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(EDITORS_DOC.slice(at));
  assert.ok(block, `no ${lang} block after "${marker}" in docs/editors.md`);
  return block[1];
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs the editor with no terminal and no input, killed (and reported) past the time limit. */
export function runEditor(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
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
