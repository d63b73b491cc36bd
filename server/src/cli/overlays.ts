/**
 * Kustomize overlays in the CLI: `check` builds every kustomization found under the paths given
 * that reads a StatefulSet and adds its overlay findings to the files where they can be fixed;
 * `preview` of a kustomization directory previews what the overlay builds.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildKustomization, checkedText, checkOverlay, findKustomization, type Settings } from '../core';
import { SKIP_DIRS, type InputFile } from './files';
import { toMessages, type FileResult } from './format';

function readFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** For the names kustomize gives generated ConfigMaps and Secrets. */
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function holdsKustomization(dir: string): boolean {
  return findKustomization(dir, readFile) !== undefined;
}

/** The directory of a kustomization file given as a path (one of kustomize's three file names). */
function kustomizationFileDir(path: string): string | undefined {
  if (path === '-' || isDirectory(path)) return undefined;
  const found = findKustomization(dirname(path), readFile);
  return found && basename(found.file) === basename(path) ? dirname(path) : undefined;
}

/** Directories with a kustomization: a path given that is one or names its file, and those under a directory given. */
export function kustomizationDirs(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (holdsKustomization(dir)) out.push(dir);
    if (depth > 64) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) if (!SKIP_DIRS.has(n) && isDirectory(join(dir, n))) walk(join(dir, n), depth + 1);
  };
  for (const p of paths) {
    if (isDirectory(p)) walk(p, 0);
    else {
      const dir = kustomizationFileDir(p);
      if (dir !== undefined) out.push(dir);
    }
  }
  return [...new Set(out)];
}

/** A path as the user gave it: relative to the working directory when it lies under it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** Adds the findings of every overlay under `paths` that reads a StatefulSet to `results` (files not yet there are added). */
export function addOverlayFindings(results: FileResult[], paths: readonly string[], settings: Settings): void {
  const byPath = new Map(results.map((r) => [resolve(r.filePath), r]));
  for (const dir of kustomizationDirs(paths)) {
    const label = shown(dir);
    const check = checkOverlay(dir, readFile, { settings, label, sha256 });
    if (!check || !check.build.readsStatefulSet) continue;
    for (const { file, finding } of check.findings) {
      const text = readFile(file);
      if (text === undefined) continue;
      let result = byPath.get(resolve(file));
      if (!result) {
        result = { filePath: shown(file), messages: [] };
        byPath.set(resolve(file), result);
        results.push(result);
      }
      result.messages.push(...toMessages(text, [finding]));
      result.messages.sort((a, b) => a.line - b.line || a.column - b.column);
    }
  }
}

/**
 * For `preview`: each path that is a kustomization directory (or its file) becomes the overlay's
 * built objects, named `DIR (overlay)`; the other paths are returned to be read as files.
 */
export function overlayInputs(paths: readonly string[]): { overlays: InputFile[]; rest: string[] } {
  const overlays: InputFile[] = [];
  const rest: string[] = [];
  for (const p of paths) {
    const dir = isDirectory(p) && holdsKustomization(p) ? p : kustomizationFileDir(p);
    const build = dir === undefined ? undefined : buildKustomization(dir, readFile, { sha256 });
    if (!build) {
      rest.push(p);
      continue;
    }
    const path = `${p} (overlay)`;
    const missing = build.failure ? [build.failure] : build.notBuilt;
    if (missing.length > 0) overlays.push({ path, problem: `the overlay is not built in-process (${[...new Set(missing.map((m) => m.what))].join(', ')})` });
    else overlays.push({ path, text: checkedText(build).text });
  }
  return { overlays, rest };
}
