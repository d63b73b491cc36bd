/**
 * What applying a StatefulSet over its deployed version (the base) does to pods and PVCs: pods
 * added, removed or renamed (an `ordinals.start` change), PVCs created, kept, deleted, resized or
 * left behind unused. Made from the two identity models, so the names are the controller's.
 */
import type { Analysis } from './analyze';
import type { BaseSet, SourcedResource } from './baseCompare';
import { FEATURE_SINCE, identityOf } from './identities';
import type { PreviewEntry, PreviewReference, StatefulSetIdentity } from './identityModel';
import type { Resource } from './parse';
import { parseQuantity } from './quantity';
import { atLeast, type ResolvedSettings } from './settings';

export interface BaseDiff {
  /** The base as the user named it: `HEAD`, `origin/main`. */
  readonly ref: string;
  /** Where the deployed object is in the base (a repository path). */
  readonly source: string;
  readonly pods: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly kept: readonly string[];
    /** With a changed `ordinals.start`: each removed pod and the pod that takes its place. */
    readonly renamed: readonly { readonly from: string; readonly to: string }[];
  };
  readonly pvcs: {
    readonly created: readonly string[];
    readonly kept: readonly string[];
    /** Deleted with their pods (`whenScaled: Delete`). */
    readonly deleted: readonly string[];
    /** Left behind, unused: their pod is gone (Retain) or their claim template was removed. */
    readonly unused: readonly string[];
    /** Existing claims whose template asks for another size (they change only when patched). */
    readonly resized: readonly { readonly name: string; readonly from: string; readonly to: string }[];
  };
  /** One paragraph a person can read. */
  readonly summary: string;
  /**
   * References elsewhere (references.ts) to a pod this removes or renames away, or to a claim it
   * deletes or leaves unused: names that would point at nothing once applied.
   */
  readonly dangling?: readonly PreviewReference[];
}

/** The preview's entries (previewEntries of `analysis`) with the difference to the base of each StatefulSet the base has. */
export function withBaseDiffs(entries: readonly PreviewEntry[], analysis: Analysis, base: BaseSet | undefined): PreviewEntry[] {
  if (!base) return [...entries];
  const sets = analysis.resources.filter((p) => p.resource.kind === 'StatefulSet' && p.resource.served);
  // By name, not by position: the entries may be some of the file's StatefulSets (the one a preview shows).
  return entries.map((e) => {
    const placed = sets.find((p) => p.resource.name === e.identity.name && (p.resource.namespace ?? analysis.settings.defaultNamespace) === e.identity.namespace);
    const r = placed?.resource;
    const found = r?.name === undefined ? undefined : base.find('StatefulSet', r.namespace ?? analysis.settings.defaultNamespace, r.name);
    if (!found || !placed || !r) return e;
    const diff = baseDiffOf(found, r, placed.offset, analysis.settings, base.ref);
    const dangling = danglingAfterApply(diff, e.references ?? []);
    return { ...e, base: dangling.length > 0 ? { ...diff, dangling } : diff };
  });
}

/** The references (withReferences, run before) that name a pod or claim the difference takes away. */
export function danglingAfterApply(d: BaseDiff, references: readonly PreviewReference[]): PreviewReference[] {
  const goneNames = new Set([...d.pods.removed, ...d.pods.renamed.map((x) => x.from), ...d.pvcs.deleted, ...d.pvcs.unused]);
  return references.filter((ref) => ref.names.some((n) => goneNames.has(n)));
}

/** The difference for `current` (in its file at `offset`) over `base`. */
export function baseDiffOf(base: SourcedResource, current: Resource, offset: number, settings: ResolvedSettings, ref: string): BaseDiff {
  const was = identityOf(base.resource, base.offset, settings, 0);
  const now = identityOf(current, offset, settings, 0);
  return diffIdentities(was, now, ref, base.source, settings);
}

export function diffIdentities(was: StatefulSetIdentity, now: StatefulSetIdentity, ref: string, source: string, settings: ResolvedSettings): BaseDiff {
  const oldPods = was.pods.map((p) => p.name);
  const newPods = now.pods.map((p) => p.name);
  const oldSet = new Set(oldPods);
  const newSet = new Set(newPods);
  const removed = oldPods.filter((p) => !newSet.has(p));
  const added = newPods.filter((p) => !oldSet.has(p));
  const kept = newPods.filter((p) => oldSet.has(p));
  const renamed = was.startOrdinal !== now.startOrdinal ? removed.slice(0, added.length).map((from, i) => ({ from, to: added[i] })) : [];

  const oldClaims = new Set(was.pods.flatMap((p) => p.pvcs.map((c) => c.name)));
  const newClaims = now.pods.flatMap((p) => p.pvcs);
  const created = newClaims.filter((c) => !oldClaims.has(c.name)).map((c) => c.name);
  const keptClaims = newClaims.filter((c) => oldClaims.has(c.name));
  const deletes = now.retention.whenScaled === 'Delete' && atLeast(settings.version, FEATURE_SINCE.retentionPolicy);
  const templates = new Set(now.claimTemplates.map((t) => t.name));
  const deleted: string[] = [];
  const unused: string[] = [];
  for (const pod of was.pods) {
    const gone = !newSet.has(pod.name);
    for (const c of pod.pvcs) {
      if (!templates.has(c.template)) unused.push(c.name);
      else if (gone) (deletes ? deleted : unused).push(c.name);
    }
  }
  const oldSize = new Map(was.claimTemplates.map((t) => [t.name, t.storage]));
  const resized = keptClaims.flatMap((c) => {
    const from = oldSize.get(c.template);
    const a = from ? parseQuantity(from) : undefined;
    const b = c.storage ? parseQuantity(c.storage) : undefined;
    return from && c.storage && a && b && a.value !== b.value ? [{ name: c.name, from, to: c.storage }] : [];
  });

  const parts: string[] = [];
  if (renamed.length > 0) parts.push(`ordinals.start moves from ${was.startOrdinal} to ${now.startOrdinal}: ${renamed.map((r) => `${r.from} becomes ${r.to}`).join(', ')} (a new pod on new claims)`);
  else {
    if (added.length > 0) parts.push(`adds ${nameList(added)}`);
    if (removed.length > 0) parts.push(`removes ${nameList(removed)}`);
  }
  if (created.length > 0) parts.push(`creates ${nameList(created)}`);
  if (deleted.length > 0) parts.push(`deletes ${nameList(deleted)} (whenScaled: Delete)`);
  if (unused.length > 0) parts.push(`leaves ${nameList(unused)} unused`);
  if (resized.length > 0) parts.push(`asks for ${resized[0].to} instead of ${resized[0].from} for ${nameList(resized.map((r) => r.name))}, which only a patch of each claim gives`);
  const summary = parts.length === 0 ? `Same pods and claims as at ${ref}.` : `Compared with ${ref}: ${parts.join('; ')}.`;
  return { ref, source, pods: { added, removed, kept, renamed }, pvcs: { created, kept: keptClaims.map((c) => c.name), deleted, unused, resized }, summary };
}

/** Every name up to five, else the first three, the last and the count. */
export function nameList(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1]} (${names.length})` : names.join(', ');
}
