import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../core';

export const SKIP_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

export interface InputFile {
  /** As shown to the user: the argument, or a path under a directory argument. */
  readonly path: string;
  readonly text?: string;
  /** Why the file could not be checked. */
  readonly problem?: string;
}

/** Expands directories (recursively, *.yaml and *.yml) and reads every file. Never throws. */
export function collectFiles(args: readonly string[], readStdin: () => string): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const visit = (p: string, explicit: boolean, depth: number): void => {
    if (seen.has(p)) return;
    seen.add(p);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.push({ path: p, problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (st.isDirectory()) {
      if (depth > 64) return;
      let entries: string[];
      try {
        entries = readdirSync(p).sort();
      } catch (e) {
        out.push({ path: p, problem: `cannot list directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      for (const name of entries) {
        // A configuration file is read as one (cli/config.ts), not checked as a manifest.
        if (SKIP_DIRS.has(name) || CONFIG_FILE_NAMES.includes(name)) continue;
        const child = join(p, name);
        let cst;
        try {
          cst = statSync(child);
        } catch (e) {
          // A dangling link or an entry that vanished: say so when it looks like one of ours.
          if (YAML_FILE.test(name)) out.push({ path: child, problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
          continue;
        }
        if (cst.isDirectory() || YAML_FILE.test(name)) visit(child, false, depth + 1);
      }
      return;
    }
    if (!explicit && !YAML_FILE.test(p)) return;
    out.push(readOne(p));
  };
  for (const a of args) {
    if (a === '-') out.push(readStdinSafe(readStdin));
    else visit(a, true, 0);
  }
  return out;
}

function readStdinSafe(readStdin: () => string): InputFile {
  try {
    return textOrProblem('<stdin>', Buffer.from(readStdin(), 'utf8'));
  } catch (e) {
    return { path: '<stdin>', problem: `cannot read standard input: ${(e as Error).message}` };
  }
}

function readOne(path: string): InputFile {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { path, problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return textOrProblem(path, buf);
}

function textOrProblem(path: string, buf: Buffer): InputFile {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { path, problem: 'binary file (it contains NUL bytes), not YAML' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFFFD') && !isValidUtf8(buf)) return { path, problem: 'not UTF-8 text' };
  return { path, text };
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
