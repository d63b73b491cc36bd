import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAMES, isKustomizationFile } from '../core';

/** Never walked into: dependencies and VCS data, not the project's manifests. */
export const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor']);
const YAML_FILE = /\.ya?ml$/i;
export const STDIN_NAME = '<stdin>';

export interface InputFile {
  /** As shown to the user: the argument, or a path under a directory argument. */
  readonly path: string;
  /** Named on the command line (or standard input), not found by walking a directory. */
  readonly explicit: boolean;
  /** A kustomization file (kustomization.yaml, kustomization.yml, Kustomization). */
  readonly kustomization: boolean;
  readonly text?: string;
  /** Why the file could not be checked. */
  readonly problem?: string;
}

export interface CollectOptions {
  /** Globs of paths not to check (relative to `cwd`; a glob without a slash matches base names). */
  readonly exclude?: readonly string[];
  /** The name standard input is shown under. */
  readonly stdinFilename?: string;
  readonly cwd?: string;
}

/**
 * Expands directories (recursively: *.yaml, *.yml and Kustomization, honouring .gitignore files
 * from the git root down, skipping node_modules, .git and vendor) and reads every file. Globs in
 * `exclude` drop walked and named files alike. Never throws.
 */
export function collectFiles(args: readonly string[], readStdin: () => string, options: CollectOptions = {}): InputFile[] {
  const cwd = options.cwd ?? process.cwd();
  const excluded = excluder(options.exclude ?? [], cwd);
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const problem = (path: string, explicit: boolean, text: string): void => {
    out.push({ path, explicit, kustomization: false, problem: text });
  };
  const visit = (p: string, explicit: boolean, depth: number, above?: readonly GitIgnore[]): void => {
    // One file under two spellings (relative and absolute) is read and reported once.
    const key = resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    if (excluded(p)) return;
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problem(p, explicit, `cannot read: ${codeOf(e)}`);
      return;
    }
    if (st.isDirectory()) {
      if (depth > 64) return;
      let entries: string[];
      try {
        entries = readdirSync(p).sort();
      } catch (e) {
        problem(p, explicit, `cannot list directory: ${codeOf(e)}`);
        return;
      }
      const here = [...(above ?? gitIgnoresAboveArg(p)), ...gitIgnoreIn(p)];
      for (const name of entries) {
        // A configuration file is read as one (cli/config.ts), not checked as a manifest.
        if (SKIP_DIRS.has(name) || CONFIG_FILE_NAMES.includes(name)) continue;
        const child = join(p, name);
        let cst;
        try {
          cst = statSync(child);
        } catch (e) {
          // A dangling link or an entry that vanished: say so when it looks like one of ours.
          if (isOurs(name) && !ignored(here, child, false)) problem(child, false, `cannot read: ${codeOf(e)}`);
          continue;
        }
        const dir = cst.isDirectory();
        if ((dir || isOurs(name)) && !ignored(here, child, dir)) visit(child, false, depth + 1, here);
      }
      return;
    }
    if (!explicit && !isOurs(basename(p))) return;
    out.push(readOne(p, explicit));
  };
  for (const a of args) {
    if (a === '-') {
      const name = options.stdinFilename ?? STDIN_NAME;
      if (!excluded(name)) out.push(readStdinSafe(readStdin, name));
    } else {
      visit(a, true, 0);
    }
  }
  return out;
}

function isOurs(name: string): boolean {
  return YAML_FILE.test(name) || isKustomizationFile(name);
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function excluder(globs: readonly string[], cwd: string): (p: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { basename: true, dot: true });
  return (p) => {
    const rel = relative(cwd, resolve(cwd, p)).split(sep).join('/');
    return rel !== '' && match(rel);
  };
}

/** The rules of one .gitignore file, matched against paths relative to its folder. */
interface GitIgnore {
  readonly base: string;
  readonly rules: Ignore;
}

function gitIgnoreIn(dir: string): GitIgnore[] {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  return [{ base: resolve(dir), rules: ignore().add(text) }];
}

/** The .gitignore files that apply inside a directory argument: from its git root down to its parent. */
/**
 * A directory named on the command line is walked even when a .gitignore above it ignores it
 * (a build folder, a temporary checkout): then only the .gitignore files inside it apply.
 */
function gitIgnoresAboveArg(arg: string): GitIgnore[] {
  const above = gitIgnoresAbove(arg);
  return ignored(above, arg, true) ? [] : above;
}

function gitIgnoresAbove(arg: string): GitIgnore[] {
  const chain: string[] = [];
  let dir = dirname(resolve(arg));
  for (;;) {
    chain.unshift(dir);
    if (existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return []; // not inside a git work tree: only the folders walked count
    dir = up;
  }
  return chain.flatMap(gitIgnoreIn);
}

/** Git's precedence: the deepest file that says anything about a path decides, and `!` re-includes. */
function ignored(ignores: readonly GitIgnore[], path: string, isDir: boolean): boolean {
  let out = false;
  const abs = resolve(path);
  for (const g of ignores) {
    const rel = relative(g.base, abs).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    const r = g.rules.test(isDir ? `${rel}/` : rel);
    if (r.ignored) out = true;
    else if (r.unignored) out = false;
  }
  return out;
}

function readStdinSafe(readStdin: () => string, name: string): InputFile {
  try {
    return textOrProblem(name, true, Buffer.from(readStdin(), 'utf8'));
  } catch (e) {
    return { path: name, explicit: true, kustomization: false, problem: `cannot read standard input: ${(e as Error).message}` };
  }
}

/** A file a kustomization names (a JSON 6902 patch written as .json), read as if named. */
export function readFileChecked(path: string): InputFile {
  return readOne(path, true);
}

function readOne(path: string, explicit: boolean): InputFile {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { path, explicit, kustomization: false, problem: `cannot read: ${codeOf(e)}` };
  }
  return textOrProblem(path, explicit, buf);
}

function textOrProblem(path: string, explicit: boolean, buf: Buffer): InputFile {
  const kustomization = isKustomizationFile(path);
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { path, explicit, kustomization, problem: 'binary file (it contains NUL bytes), not YAML' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFFFD') && !isValidUtf8(buf)) return { path, explicit, kustomization, problem: 'not UTF-8 text' };
  return { path, explicit, kustomization, text };
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
