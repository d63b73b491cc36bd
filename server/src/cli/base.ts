/**
 * `--base REF` for `check` and `preview`: each file given is compared with the objects of the
 * same kind, namespace and name at REF in its git repository (read in-process, see
 * ../base/gitBase.ts). `check --base REF --explain` prints the migration plan of each
 * StatefulSet with a forbidden change after the report.
 */
import { resolve } from 'node:path';
import { GitBaseReader } from '../base/gitBase';
import { resolveSettings, type BaseDiff, type BaseSet, type Finding, type Settings } from '../core';
import type { InputFile } from './files';

export interface Bases {
  /** Per input path: its base, when it has one. */
  readonly sets: ReadonlyMap<string, BaseSet>;
  /** Problems worth a line on standard error (an unknown ref). */
  readonly problems: readonly string[];
}

/**
 * Reads the base of every readable file. A file outside a repository, or untracked, has none
 * and is checked as usual; a ref that no repository knows is a problem the caller reports.
 */
export async function loadBases(files: readonly InputFile[], ref: string, settings: Settings): Promise<Bases> {
  const reader = new GitBaseReader();
  const defaultNamespace = resolveSettings(settings).defaultNamespace;
  const sets = new Map<string, BaseSet>();
  const problems = new Set<string>();
  for (const f of files) {
    if (f.text === undefined || f.path === '<stdin>') continue;
    const found = await reader.baseFor(resolve(f.path), ref, defaultNamespace);
    if (found.base) sets.set(f.path, found.base);
    else if (found.reason?.startsWith('unknown ref')) problems.add(`--base ${ref}: no such branch, tag or commit in the repository of ${f.path}`);
  }
  return { sets, problems: [...problems] };
}

/** The migration plans the findings carry, once each, in the order found. */
export function plansOf(findings: readonly Finding[], into: Set<string>): void {
  for (const f of findings) if (f.code === 'update-forbidden' && typeof f.fix?.plan === 'string') into.add(f.fix.plan);
}

export function formatPlans(plans: ReadonlySet<string>): string {
  if (plans.size === 0) return '';
  return '\n' + [...plans].join('\n');
}

/** The preview's lines for the difference to the base (stylish). */
export function baseDiffLines(d: BaseDiff): string[] {
  const out = [`Compared with ${d.ref} (${d.source})`];
  const line = (what: string, names: readonly string[]) => {
    if (names.length > 0) out.push(`  ${what.padEnd(16)}${names.join(', ')}`);
  };
  if (d.pods.renamed.length > 0) out.push(`  ${'pods renamed'.padEnd(16)}${d.pods.renamed.map((r) => `${r.from} -> ${r.to}`).join(', ')}`);
  else {
    line('pods added', d.pods.added);
    line('pods removed', d.pods.removed);
  }
  line('PVCs created', d.pvcs.created);
  line('PVCs deleted', d.pvcs.deleted);
  line('PVCs unused', d.pvcs.unused);
  if (d.pvcs.resized.length > 0) out.push(`  ${'PVCs resized'.padEnd(16)}${d.pvcs.resized.map((r) => `${r.name} ${r.from} -> ${r.to}`).join(', ')}`);
  line('PVCs kept', d.pvcs.kept.filter((k) => !d.pvcs.resized.some((r) => r.name === k)));
  for (const r of d.dangling ?? []) out.push(`  ${'left dangling'.padEnd(16)}${r.text} (${r.context}, ${r.uri}:${r.line + 1})`);
  out.push(`  ${d.summary}`);
  return out;
}
