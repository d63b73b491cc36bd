/**
 * `statefulset-tools preview PATH...`: what the cluster would create for each StatefulSet: pods,
 * PVCs, DNS names, and the creation, termination, update and deletion plans (plus a scale plan
 * with `--replicas N`). All files given are indexed together, so a StatefulSet finds its Service
 * in another file.
 *
 * `--format json` prints `{"statefulSets": [...]}`; each plan's order is a list of steps, each
 * step the list of pods acted on together (`[["web-0"], ["web-1"]]` under OrderedReady).
 *
 * Exit status: 0 when at least one StatefulSet was previewed; 1 when the readable input holds no
 * apps/v1 StatefulSet; 2 for bad usage or a file that could not be read (the others are still
 * previewed).
 */
import {
  analyze,
  danglingAfterScale,
  DocumentCache,
  LineIndex,
  previewEntries,
  previewReferencesOf,
  referencesInFile,
  scalePlan,
  withBaseDiffs,
  withReferences,
  WorkspaceIndex,
  type Analysis,
  type BaseSet,
  type PlanStep,
  type PreviewEntry,
  type ScalePlan,
  type Settings,
  type StatefulSetIdentity,
} from '../core';
import type { CliOptions } from './args';
import { baseDiffLines } from './base';
import type { InputFile } from './files';

export interface FilePreview {
  readonly filePath: string;
  readonly entries: readonly PreviewEntry[];
  /** Why the file has nothing to preview (read, but a template or without an apps/v1 StatefulSet). */
  readonly empty?: string;
}

/** Analyses every file against one index, twice, so references across files resolve. */
export function previewFiles(files: readonly InputFile[], settings: Settings, bases?: ReadonlyMap<string, BaseSet>): FilePreview[] {
  const index = new WorkspaceIndex();
  const caches = new Map<string, DocumentCache>();
  const readable = files.filter((f): f is InputFile & { text: string } => f.text !== undefined);
  for (const f of readable) {
    const cache = new DocumentCache();
    caches.set(f.path, cache);
    analyze(f.text, { uri: f.path, settings, index, cache });
  }
  const analyses: Analysis[] = readable.map((f) => analyze(f.text, { uri: f.path, settings, index, cache: caches.get(f.path) }));
  const texts = new Map(readable.map((f) => [f.path, f.text]));
  const refs = previewReferencesOf(analyses.flatMap((a) => referencesInFile(a, index)), (uri) => { const t = texts.get(uri); return t === undefined ? undefined : new LineIndex(t); });
  return readable.map((f, i) => {
    const a = analyses[i];
    const entries = withBaseDiffs(withReferences(previewEntries(a, index), refs), a, bases?.get(f.path));
    let empty: string | undefined;
    if (a.template) empty = 'is a template; render it first to preview its StatefulSets';
    else if (entries.length === 0) empty = 'holds no apps/v1 StatefulSet';
    return { filePath: f.path, entries, empty };
  });
}

export function runPreview(o: CliOptions, files: InputFile[], settings: Settings, bases?: ReadonlyMap<string, BaseSet>): number {
  if (files.length === 0) {
    process.stderr.write('statefulset-tools: no YAML files found in the paths given\n');
    return 2;
  }
  for (const f of files) if (f.problem) process.stderr.write(`statefulset-tools: ${f.path}: ${f.problem}\n`);
  const unreadable = files.some((f) => f.problem);
  const previews = previewFiles(files, settings, bases);
  const explicit = new Set(o.paths);
  for (const p of previews) {
    // Files found by walking a directory often hold only Services and the like: no need to say so.
    if (p.empty && (explicit.has(p.filePath) || p.filePath === '<stdin>')) process.stderr.write(`statefulset-tools: ${p.filePath} ${p.empty}\n`);
  }
  const count = previews.reduce((n, p) => n + p.entries.length, 0);
  if (count === 0 && !unreadable) process.stderr.write('statefulset-tools: nothing to preview: no apps/v1 StatefulSet in the input\n');
  process.stdout.write(o.format === 'json' ? formatPreviewJson(previews, o.replicas) : formatPreviewStylish(previews, o.replicas, o.color));
  if (unreadable) return 2;
  return count === 0 ? 1 : 0;
}

// ---- JSON -------------------------------------------------------------------------------

const stepsJson = (steps: readonly PlanStep[]): string[][] => steps.map((s) => [...s.pods]);

function scaleJson(plan: ScalePlan): Record<string, unknown> {
  return {
    from: plan.from,
    to: plan.to,
    created: plan.created.map((p) => p.name),
    createdSteps: stepsJson(plan.createdSteps),
    removed: plan.removed.map((r) => ({ pod: r.pod, ordinal: r.ordinal, pvcs: r.pvcs })),
    removedSteps: stepsJson(plan.removedSteps),
    createdCount: plan.createdCount,
    removedCount: plan.removedCount,
    truncated: plan.truncated,
    summary: plan.summary,
  };
}

function entryJson(filePath: string, e: PreviewEntry, replicas: number | undefined): unknown {
  const id = e.identity;
  return {
    filePath,
    name: id.name,
    namespace: id.namespace,
    serviceName: id.serviceName ?? null,
    replicas: id.replicas,
    startOrdinal: id.startOrdinal,
    podManagementPolicy: id.podManagementPolicy,
    pods: id.pods.map((p) => ({
      ordinal: p.ordinal,
      name: p.name,
      hostname: p.hostname,
      fqdn: p.fqdn ?? null,
      pvcs: p.pvcs.map((c) => ({ name: c.name, template: c.template, storage: c.storage ?? null, accessModes: c.accessModes, storageClassName: c.storageClassName ?? null })),
      updatedByRollingUpdate: p.updatedByRollingUpdate,
    })),
    creationOrder: stepsJson(id.creationOrder),
    terminationOrder: stepsJson(id.terminationOrder),
    clusterDomain: id.clusterDomain,
    kubernetesVersion: id.kubernetesVersion,
    truncated: id.truncated,
    service: e.service ? { name: e.service.name, found: e.service.found, headless: e.service.headless ?? null, filePath: e.service.uri ?? null } : null,
    updatePlan: {
      strategy: id.update.strategy,
      partition: id.update.partition,
      maxUnavailable: id.update.maxUnavailable ?? null,
      updated: id.update.updated,
      unchanged: id.update.unchanged,
      steps: stepsJson(id.update.steps),
      summary: id.update.summary,
    },
    retention: id.retention,
    deletion: id.deletion,
    notes: id.notes,
    problems: e.findings.map((f) => ({ ruleId: f.code, severity: f.severity, message: f.message, line: f.line + 1, column: f.character + 1 })),
    references: (e.references ?? []).map(referenceJson),
    ...(replicas !== undefined ? { scalePlan: { ...scaleJson(scalePlan(id, replicas)), dangling: danglingAfterScale(e, replicas).map(referenceJson) } } : {}),
    ...(e.base ? { base: e.base } : {}),
  };
}

function referenceJson(r: NonNullable<PreviewEntry['references']>[number]): unknown {
  return { filePath: r.uri, line: r.line + 1, column: r.character + 1, text: r.text, context: r.context, target: r.target, names: r.names, exists: r.exists };
}

export function formatPreviewJson(previews: readonly FilePreview[], replicas?: number): string {
  return JSON.stringify({ statefulSets: previews.flatMap((p) => p.entries.map((e) => entryJson(p.filePath, e, replicas))) }, null, 2) + '\n';
}

// ---- Stylish ----------------------------------------------------------------------------

/** A plan's steps on one line: `a → b → c`, `a, b and c together`, long runs shortened. */
function orderText(steps: readonly PlanStep[], total: number): string {
  if (steps.length === 0) return 'no pods';
  const step = (s: PlanStep): string => (s.pods.length === 1 ? s.pods[0] : `[${shortList(s.pods)}]`);
  const shown = steps.length > 7 ? [...steps.slice(0, 4).map(step), '…', ...steps.slice(-2).map(step)] : steps.map(step);
  const more = total > steps.reduce((n, s) => n + s.pods.length, 0) ? ` (${total} pods in all)` : '';
  return shown.join(' → ') + more;
}

function shortList(names: readonly string[]): string {
  return names.length > 6 ? `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1]} (${names.length})` : names.join(', ');
}

function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => '    ' + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

const WIDTH = 100;
/** Column where a labelled line's text starts: 4 spaces of indent and a 13-character label. */
const TEXT_COLUMN = 17;

/** Wraps prose at spaces so labelled lines stay readable; continuation lines align with the text. */
function wrap(text: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && TEXT_COLUMN + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(TEXT_COLUMN));
}

function templateText(id: StatefulSetIdentity): string[] {
  return id.claimTemplates.map((t) => {
    const cls = t.storageClassName === undefined ? 'default class' : t.storageClassName === '' ? 'no class' : `class ${t.storageClassName}`;
    const parts = [t.storage ?? 'no size', t.accessModes.join(',') || 'no access mode', cls];
    if (t.volumeMode !== 'Filesystem') parts.push(t.volumeMode);
    return `${t.name}: ${parts.join(', ')}`;
  });
}

function serviceText(e: PreviewEntry): string {
  const s = e.service;
  if (!s) return 'none (no serviceName): pods get no DNS names';
  if (!s.found) return `${s.name}: not found in the files given; pod DNS names resolve only once a headless Service of that name exists`;
  return `${s.name}: ${s.headless ? 'headless' : 'NOT headless (clusterIP is set), so pods get no per-pod DNS records'}${s.uri ? `, in ${s.uri}` : ''}`;
}

/** Errors and warnings are listed (they change what the preview shows); advice is only counted. */
function referenceText(r: NonNullable<PreviewEntry['references']>[number]): string {
  return `${r.text} in ${r.context}, ${r.uri}:${r.line + 1}`;
}

function findingsText(e: PreviewEntry, label: (s: string) => string): string {
  const serious = [...e.findings.filter((f) => f.severity === 'error'), ...e.findings.filter((f) => f.severity === 'warning')];
  const advice = e.findings.length - serious.length;
  const adviceText = advice > 0 ? `${advice} suggestion${advice === 1 ? '' : 's'}` : '';
  if (serious.length === 0) return advice > 0 ? `    ${label('Check')}${adviceText}; \`statefulset-tools check\` shows ${advice === 1 ? 'it' : 'them'}\n` : '';
  const errors = serious.filter((f) => f.severity === 'error').length;
  const counts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', serious.length > errors ? `${serious.length - errors} warning${serious.length - errors === 1 ? '' : 's'}` : '', adviceText].filter(Boolean);
  let out = `    ${label('Check')}${counts.join(', ')}; \`statefulset-tools check\` explains them\n`;
  for (const f of serious.slice(0, 5)) out += `    ${label('')}${wrap(`${f.line + 1}:${f.character + 1} ${f.severity} ${f.message} (${f.code})`)}\n`;
  if (serious.length > 5) out += `    ${label('')}… and ${serious.length - 5} more\n`;
  return out;
}

function entryStylish(e: PreviewEntry, replicas: number | undefined, c: (code: string, s: string) => string): string {
  const id = e.identity;
  const label = (s: string): string => c('1', s.padEnd(13));
  let out = `  ${c('1', `StatefulSet ${id.name || '(no name)'}`)}  namespace ${id.namespace}, ${id.replicas} replica${id.replicas === 1 ? '' : 's'}, ${id.podManagementPolicy}, Kubernetes ${id.kubernetesVersion}\n`;
  out += `    ${label('Service')}${wrap(serviceText(e))}\n`;
  const templates = templateText(id);
  if (templates.length > 0) out += `    ${label('Claims')}${templates.join('; ')}\n`;
  out += '\n';
  if (id.pods.length > 0) {
    const rollout = (p: StatefulSetIdentity['pods'][number]): string => (id.update.strategy === 'OnDelete' ? 'on delete' : p.updatedByRollingUpdate ? 'replaced' : 'kept');
    const rows = [['ORDINAL', 'POD', 'DNS NAME', 'PVCS', 'ON UPDATE'], ...id.pods.map((p) => [String(p.ordinal), p.name, p.fqdn ?? '-', p.pvcs.map((x) => x.name).join(', ') || '-', rollout(p)])];
    out += table(rows);
    if (id.truncated) out += `    … and ${id.replicas - id.pods.length} more pods\n`;
    out += '\n';
  }
  out += `    ${label('Creation')}${orderText(id.creationOrder, id.replicas)}\n`;
  out += `    ${label('Termination')}${orderText(id.terminationOrder, id.replicas)}\n`;
  out += `    ${label('Update')}${wrap(id.update.summary)}\n`;
  out += `    ${label('Deletion')}${wrap(id.deletion.summary)}\n`;
  if (replicas !== undefined) {
    const plan = scalePlan(id, replicas);
    out += `    ${label(`Scale to ${plan.to}`)}${wrap(plan.summary)}\n`;
    if (plan.createdSteps.length > 0) out += `    ${label('')}create: ${orderText(plan.createdSteps, plan.createdCount)}\n`;
    if (plan.removedSteps.length > 0) out += `    ${label('')}remove: ${orderText(plan.removedSteps, plan.removedCount)}\n`;
    const dangling = danglingAfterScale(e, replicas);
    if (dangling.length > 0) out += `    ${label('')}${wrap(`leaves ${dangling.length} reference${dangling.length === 1 ? '' : 's'} dangling: ${dangling.map(referenceText).join('; ')}`)}\n`;
  }
  for (const r of e.references ?? []) out += `    ${label('Referenced')}${wrap(`${r.names.join(', ')}${r.exists ? '' : ' (not there at the current replicas)'}: ${referenceText(r)}`)}\n`;
  if (e.base) out += '\n' + baseDiffLines(e.base).map((l) => `    ${l}\n`).join('') + '\n';
  for (const n of id.notes) out += `    ${label('Note')}${wrap(n)}\n`;
  out += findingsText(e, label);
  return out;
}

export function formatPreviewStylish(previews: readonly FilePreview[], replicas: number | undefined, color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  for (const p of previews) {
    if (p.entries.length === 0) continue;
    out += `\n${c('4', p.filePath)}\n`;
    for (const e of p.entries) out += '\n' + entryStylish(e, replicas, c);
  }
  return out;
}
