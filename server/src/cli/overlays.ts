/**
 * Kustomize overlays in the CLI: `check` builds every kustomization among the files it checks
 * that reads a StatefulSet and adds its overlay findings to the files where they can be fixed;
 * `preview` of a kustomization directory previews what the overlay builds.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildKustomization, checkedText, checkOverlay, findKustomization, isKustomizationFile, KUSTOMIZE_NOT_BUILT, type Finding, type Settings } from '../core';
import { messagesOf, type FileReport } from './check';
import type { InputFile } from './files';

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

/**
 * The directories of the kustomization files among the reports: the walk that found them already
 * honoured .gitignore, --exclude and the configuration's exclude, so an overlay is built exactly
 * when its kustomization is checked.
 */
function kustomizationDirs(reports: readonly FileReport[]): string[] {
  return [...new Set(reports.filter((r) => r.status !== 'unreadable' && isKustomizationFile(r.filePath)).map((r) => dirname(r.filePath)))];
}

/** A path as the user gave it: relative to the working directory when it lies under it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/**
 * The reports with the findings of every overlay checked (see kustomizationDirs) that reads a StatefulSet added to
 * the files where they can be fixed (a file not among the reports gets one). An overlay that is
 * not built in-process leaves its StatefulSets unchecked: that is noted on its kustomization, as
 * a part of a file the limits left unchecked is.
 */
export function addOverlayFindings(reports: readonly FileReport[], settingsOf: Settings | ((path: string) => Settings)): FileReport[] {
  const out = [...reports];
  const at = new Map(out.map((r, i) => [resolve(r.filePath), i]));
  for (const dir of kustomizationDirs(reports)) {
    const label = shown(dir);
    const settings = typeof settingsOf === 'function' ? settingsOf(join(dir, basename(findKustomization(dir, readFile)?.file ?? 'kustomization.yaml'))) : settingsOf;
    const check = checkOverlay(dir, readFile, { settings, label, sha256 });
    if (!check || !check.build.readsStatefulSet) continue;
    const byFile = new Map<string, Finding[]>();
    for (const { file, finding } of check.findings) byFile.set(file, [...(byFile.get(file) ?? []), finding]);
    for (const [file, findings] of byFile) {
      const text = readFile(file);
      if (text === undefined) continue;
      const key = resolve(file);
      let i = at.get(key);
      if (i === undefined) {
        i = out.length;
        at.set(key, i);
        out.push({ filePath: shown(file), status: 'checked', explicit: false, messages: [], unchecked: [] });
      }
      const r = out[i];
      const added = messagesOf(text, findings, r.filePath, () => ({ kind: 'overlay', name: label }));
      const unchecked = added.filter((m) => m.ruleId === KUSTOMIZE_NOT_BUILT.id).map((m) => ({ line: m.line, column: m.column, reason: m.message }));
      out[i] = {
        ...r,
        status: 'checked',
        messages: [...r.messages, ...added].sort((a, b) => a.line - b.line || a.column - b.column),
        unchecked: [...r.unchecked, ...unchecked],
      };
    }
  }
  return out;
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
    if (missing.length > 0) overlays.push({ path, explicit: true, kustomization: false, problem: `the overlay is not built in-process (${[...new Set(missing.map((m) => m.what))].join(', ')})` });
    else overlays.push({ path, explicit: true, kustomization: false, text: checkedText(build).text });
  }
  return { overlays, rest };
}
