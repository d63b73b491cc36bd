/**
 * "Check these inputs" as a function: files in, one report per file out; and the exit status
 * those reports call for. No printing and no process.exit here, so the CLI's formatters and a
 * programmatic API share it.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  analyze,
  DocumentCache,
  holdsKubernetesObject,
  LineIndex,
  objectAt,
  relatesToStatefulSets,
  uncheckedParts,
  WorkspaceIndex,
  type Analysis,
  type BaseSet,
  type Finding,
  type Settings,
  type Severity,
} from '../core';
import type { InputFile } from './files';
import { FILE_UNREADABLE, type ReportMessage } from './format';
import { plansOf } from './base';
import { HelmSources } from './helmSource';
import { kustomizeOptions } from './kustomize';

/**
 * - `checked`: it holds a Kubernetes object (or is a kustomization); its messages are what the
 *   language server would show for it.
 * - `skipped`: YAML with no Kubernetes object (docker-compose, CI configs...): nothing to say.
 * - `unreadable`: missing, binary, not UTF-8; one `file-unreadable` error.
 */
export type FileStatus = 'checked' | 'skipped' | 'unreadable';

/** A part of a checked file that the analysis limits left unchecked. 1-based. */
export interface UncheckedNote {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export interface FileReport {
  readonly filePath: string;
  readonly status: FileStatus;
  /** Given by name (or stdin), not found by walking a directory. */
  readonly explicit: boolean;
  readonly messages: readonly ReportMessage[];
  readonly unchecked: readonly UncheckedNote[];
  /** Why an unreadable file could not be read. */
  readonly problem?: string;
}

/**
 * Checks files together: objects in any of them resolve references from the others, so every
 * file is indexed first and then analysed again against the full index.
 */
export interface CheckExtras {
  /** Per path, what is deployed (--base). */
  readonly bases?: ReadonlyMap<string, BaseSet>;
  /** Collects the migration plans of forbidden changes (--explain). */
  readonly plans?: Set<string>;
}

export function checkInputs(files: readonly InputFile[], settings: Settings | ((file: InputFile) => Settings), extras: CheckExtras = {}): FileReport[] {
  const { bases, plans } = extras;
  // Per file when a repository configuration gives each its own (cli/config.ts).
  const settingsFor = typeof settings === 'function' ? settings : () => settings;
  const index = new WorkspaceIndex();
  const caches = new Map<number, DocumentCache>();
  // With a base, files are known by their URIs: a plan names the file to apply, and a base Service is matched to its file.
  const uriOf = (i: number): string => (bases ? pathToFileURL(resolve(files[i].path)).toString() : `file-${i}`);
  const kustomize = kustomizeOptions(files);
  files.forEach((f, i) => {
    if (f.text === undefined) return;
    const cache = new DocumentCache();
    caches.set(i, cache);
    analyze(f.text, { uri: uriOf(i), settings: settingsFor(f), index, cache, ...kustomize(f) });
  });
  return files.map((f, i): FileReport => {
    const base = { filePath: f.path, explicit: f.explicit };
    if (f.text === undefined) {
      const problem = f.problem ?? 'unreadable';
      const message: ReportMessage = { ruleId: FILE_UNREADABLE.id, severity: 'error', message: `File not checked: ${problem}.`, line: 1, column: 1, endLine: 1, endColumn: 1, fingerprint: fingerprintOf([FILE_UNREADABLE.id, f.path]) };
      return { ...base, status: 'unreadable', messages: [message], unchecked: [], problem };
    }
    const a = analyze(f.text, { uri: uriOf(i), settings: settingsFor(f), index, cache: caches.get(i), ...kustomize(f), base: bases?.get(f.path) });
    if (plans) plansOf(a.findings, plans);
    if (!f.kustomization && !a.patch && !holdsKubernetesObject(a)) return { ...base, status: 'skipped', messages: [], unchecked: [] };
    const lines = new LineIndex(f.text);
    const messages = relatesToStatefulSets(a) ? toMessages(a, lines, f.path) : [];
    const unchecked = uncheckedParts(a).map((p) => {
      const pos = lines.positionAt(p.span.start);
      return { line: pos.line + 1, column: pos.character + 1, reason: p.reason };
    });
    return { ...base, status: 'checked', messages, unchecked };
  });
}

/** What identifies the object a finding is in, for its fingerprint. */
export type ObjectOf = (offset: number) => { readonly apiVersion?: string; readonly kind?: string; readonly namespace?: string; readonly name?: string } | undefined;

function toMessages(a: Analysis, lines: LineIndex, filePath: string): ReportMessage[] {
  return messagesOf(a.text, a.findings, filePath, (offset) => objectAt(a, offset), lines);
}

/**
 * 1-based lines and columns; columns count UTF-16 code units, as LSP and editors do. `text` is
 * the file the findings' spans index into.
 */
export function messagesOf(text: string, findings: readonly Finding[], filePath: string, objectOf: ObjectOf, lines = new LineIndex(text)): ReportMessage[] {
  const helm = new HelmSources(text);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const s = lines.positionAt(f.span.start);
    const e = lines.positionAt(f.span.end);
    const pos = { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    const source = helm.empty ? undefined : helm.at(pos.line, pos.column, pos.endLine, pos.endColumn);
    // Independent of line numbers, so a finding keeps its identity when lines move above it.
    const o = objectOf(f.span.start);
    const key = [f.code, source?.template ?? filePath, o?.apiVersion, o?.kind, o?.namespace, o?.name, f.path].map((x) => x ?? '').join('\u0000');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const m: ReportMessage = { ruleId: f.code, severity: f.severity, message: f.message, ...pos, fingerprint: fingerprintOf([key, String(n)]) };
    return withOptional(m, f, source);
  });
}

function withOptional(m: ReportMessage, f: Finding, source: ReportMessage['source']): ReportMessage {
  let out = m;
  if (f.path) out = { ...out, path: f.path };
  if (source) out = { ...out, source };
  return out;
}

function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The reports with only the messages at `min` or above, and how many were left out. */
export function shownAtLeast(reports: readonly FileReport[], min: Severity): { reports: FileReport[]; hidden: number } {
  let hidden = 0;
  const shown = reports.map((r) => {
    const messages = r.messages.filter((m) => RANK[m.severity] <= RANK[min]);
    hidden += r.messages.length - messages.length;
    return messages.length === r.messages.length ? r : { ...r, messages };
  });
  return { reports: shown, hidden };
}

/**
 * 1 when an error is shown, more warnings are shown than allowed, or a part of a file was left
 * unchecked (unless that is allowed); else 0.
 */
export function exitCodeOf(reports: readonly FileReport[], o: { readonly maxWarnings?: number; readonly allowUnchecked: boolean }): 0 | 1 {
  const all = reports.flatMap((r) => r.messages);
  if (all.some((m) => m.severity === 'error')) return 1;
  if (o.maxWarnings !== undefined && all.filter((m) => m.severity === 'warning').length > o.maxWarnings) return 1;
  if (!o.allowUnchecked && reports.some((r) => r.unchecked.length > 0)) return 1;
  return 0;
}
