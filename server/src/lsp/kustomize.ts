/**
 * The workspace's kustomizations, for the language server: their texts (from disk, or from the
 * editor while open), the patch plan the core makes of them (planPatches, as the CLI does), and
 * which files are patches. When a kustomization comes, goes or changes, the files whose patch
 * status or target may have changed are reported, so the server re-checks them.
 */
import { relative } from 'node:path';
import { isKustomizationFile, normalizePath, patchTargetKind, planPatches, resourceFilesOf, type PatchPlan, type ResourceSummary, type WorkspaceIndex } from '../core';
import { uriKey } from './workspaceScan';

/** The key the plan knows a file by: its file-system path, normalised. */
export function pathKeyOf(uri: string): string {
  return normalizePath(uriKey(uri));
}

export class KustomizeWorkspace {
  /** Kustomization texts by path key. */
  private readonly texts = new Map<string, string>();
  private planMemo?: PatchPlan;

  get plan(): PatchPlan {
    this.planMemo ??= planPatches([...this.texts].map(([path, text]) => ({ path, text })));
    return this.planMemo;
  }

  /** The path keys of the kustomization files known. */
  get kustomizations(): string[] {
    return [...this.texts.keys()];
  }

  isKustomization(uri: string): boolean {
    return isKustomizationFile(uri);
  }

  isPatch(uri: string): boolean {
    return this.plan.files.has(pathKeyOf(uri));
  }

  /** The kind a patch file patches, when the entries naming it agree. */
  patchTargetOf(uri: string): string | undefined {
    const uses = this.plan.files.get(pathKeyOf(uri));
    return uses && patchTargetKind(uses);
  }

  /**
   * A kustomization's text changed (undefined: it is gone). Returns the path keys of the patch
   * files it named before or names now: their patch status or target may have changed.
   */
  set(uri: string, text: string | undefined): Set<string> {
    const key = pathKeyOf(uri);
    if (this.texts.get(key) === text) return new Set();
    const before = this.patchesOf(key);
    if (text === undefined) this.texts.delete(key);
    else this.texts.set(key, text);
    this.planMemo = undefined;
    for (const p of this.patchesOf(key)) before.add(p);
    return before;
  }

  private patchesOf(kustomization: string): Set<string> {
    const out = new Set<string>();
    for (const [file, uses] of this.plan.files) if (uses.some((u) => u.kustomization === kustomization)) out.add(file);
    return out;
  }

  /**
   * The objects a patch file's object of `kind` and `name` patches: the ones of that kind and
   * name in the resources (followed through bases) of each kustomization naming the file, found
   * in the index. A kind+name lookup; kustomize's own matching (prefixes of lower layers,
   * targets by label) is the overlay build's.
   */
  targetsOf(uri: string, kind: ResourceSummary['kind'], name: string, index: WorkspaceIndex): { target: ResourceSummary; kustomization: string }[] {
    const uses = this.plan.files.get(pathKeyOf(uri)) ?? [];
    const out: { target: ResourceSummary; kustomization: string }[] = [];
    for (const use of uses) {
      const files = resourceFilesOf(this.plan, use.kustomization);
      for (const s of index.find(kind, name)) if (files.has(pathKeyOf(s.uri))) out.push({ target: s, kustomization: use.kustomization });
    }
    return out;
  }

  /** The kustomizations naming a patch file, as paths relative to the file's folder. */
  namingOf(uri: string): string[] {
    const here = pathKeyOf(uri);
    return (this.plan.files.get(here) ?? []).map((u) => relativeTo(here, u.kustomization));
  }
}

/** `to` as seen from the folder of `from` (both path keys), with `/` separators. */
export function relativeTo(from: string, to: string): string {
  return relative(from.replace(/\/[^/]*$/, '') || '/', to).replace(/\\/g, '/');
}

