/**
 * Kustomize in `check`: kustomization files among the files checked say which files are patches
 * (checked in patch mode) and hold inline patches (checked in place); the decision is the core's
 * (planPatches), the same the language server makes.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isKustomizationFile, normalizePath, patchTargetKind, planPatches, type AnalyzeOptions, type PatchPlan } from '../core';
import { readFileChecked, type InputFile } from './files';

/** A kustomization file given on the command line stands for its directory, as `kustomize build` takes it. */
export function kustomizationArgs(paths: readonly string[]): string[] {
  return paths.map((p) => (p !== '-' && isKustomizationFile(p) && isFile(p) ? dirname(p) : p));
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

const keyOf = (path: string): string => normalizePath(resolve(path));

export function planOf(files: readonly InputFile[]): PatchPlan {
  return planPatches(files.flatMap((f) => (f.text !== undefined && f.path !== '<stdin>' && isKustomizationFile(f.path) ? [{ path: keyOf(f.path), text: f.text }] : [])));
}

/**
 * The files given, and the patch files their kustomizations name that were not among them (a
 * JSON 6902 patch written as a .json file): a patch is part of the tree it patches.
 */
export function withNamedPatches(files: readonly InputFile[]): InputFile[] {
  const have = new Set(files.map((f) => keyOf(f.path)));
  const out = [...files];
  for (const path of planOf(files).files.keys()) {
    if (have.has(path) || !existsSync(path) || !isFile(path)) continue;
    have.add(path);
    out.push(readFileChecked(path));
  }
  return out;
}

/** What analyze must know of each file: whether it is a patch, whether it is a kustomization. */
export function kustomizeOptions(files: readonly InputFile[]): (file: InputFile) => Pick<AnalyzeOptions, 'patch' | 'patchTarget' | 'kustomization'> {
  const plan = planOf(files);
  return (f) => {
    if (f.path === '<stdin>') return {};
    const uses = plan.files.get(keyOf(f.path));
    return { patch: uses !== undefined, patchTarget: uses && patchTargetKind(uses), kustomization: isKustomizationFile(f.path) };
  };
}
