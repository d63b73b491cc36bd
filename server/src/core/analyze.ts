/**
 * analyze(text, options) -> Analysis: the one entry point the CLI, the language server and the
 * preview share. Pure: no fs, no process, no LSP.
 *
 * Incremental by construction: the text is cut into chunks (parse.ts) and each chunk's parse and
 * document-scoped findings are kept in a DocumentCache keyed by the chunk's text. After an edit,
 * only the chunks whose text changed are parsed and checked again; the others are reused at their
 * new offsets, with their summaries. Workspace-scoped rules (those that read other objects) run
 * again on a document only when something they read from the index changed (IndexReads).
 */
import { parseChunk, splitChunks, type Chunk, type ParsedDoc, type Resource } from './parse';
import { RULES } from './rules';
import { analysisLimitMeta } from './rules/analysisLimit';
import { findTemplateMarker, templateFileMeta } from './rules/templateFile';
import type { Rule, RuleContext } from './rules/types';
import { resolveSettings, type ResolvedSettings, type Settings } from './settings';
import { applySuppressions } from './suppress';
import type { Finding, Severity, Span } from './types';
import { IndexReads, summarize, WorkspaceIndex, type ResourceSummary } from './workspace';

/** A finding with a span relative to its chunk. */
type RelativeFinding = Finding;

interface ChunkResult {
  readonly docs: readonly ParsedDoc[];
  /** Findings of document-scoped rules, relative to the chunk, with the rule's own severity. */
  readonly findings: readonly RelativeFinding[];
  /** Summaries of the chunk's objects, made on first use for a URI; `placed` at the last offset. */
  summaries?: { readonly uri: string; readonly relative: readonly ResourceSummary[]; placed: readonly ResourceSummary[]; offset: number };
  /** Workspace-scoped findings per document (relative), with what they read from the index. */
  workspace?: { readonly uri: string; readonly rules: readonly Rule[]; readonly perDoc: (WorkspaceRun | undefined)[] };
}

interface WorkspaceRun {
  readonly findings: readonly RelativeFinding[];
  readonly reads: IndexReads;
}

/** A parsed document placed in the file: `offset` turns its relative spans into absolute ones. */
export interface PlacedDoc {
  readonly offset: number;
  readonly doc: ParsedDoc;
  /** The chunk's text; the document's spans index into it. */
  readonly chunkText: string;
}

export interface PlacedResource {
  readonly resource: Resource;
  readonly offset: number;
  readonly placed: PlacedDoc;
}

export interface Analysis {
  readonly uri: string;
  readonly text: string;
  readonly settings: ResolvedSettings;
  readonly docs: readonly PlacedDoc[];
  readonly resources: readonly PlacedResource[];
  /** Absolute spans, sorted by position, after severity settings and suppressions. */
  readonly findings: readonly Finding[];
  readonly summaries: readonly ResourceSummary[];
  /** Set when the file is a template and was not checked. */
  readonly template?: { readonly kind: string; readonly span: Span };
  /** Set when the file is over MAX_FILE_LENGTH and was not parsed. */
  readonly tooLarge?: { readonly span: Span };
}

/**
 * A file longer than this (UTF-16 units) is not parsed at all: one note instead. With documents
 * capped at 1 MiB (parse.ts), this bounds the work of one analysis to a few seconds even for
 * the densest YAML; a generated file this large is not written by hand in an editor.
 */
export const MAX_FILE_LENGTH = 4 * 1024 * 1024;

/** At most this many findings per file, the most severe first; a note says how many more there are. */
export const MAX_FINDINGS = 1000;

/**
 * Per-file cache of chunk results (json-language-features' language model cache, per chunk).
 * Owned by the caller: the server keeps one per open document and drops it on close.
 */
export class DocumentCache {
  /** The chunks of the latest version, in order. */
  private chunks: readonly CachedChunk[] = [];
  private settingsKey = '';

  /** @internal The latest version's chunks; none when they were made with other settings. */
  previous(settingsKey: string): readonly CachedChunk[] {
    if (settingsKey !== this.settingsKey) {
      this.chunks = [];
      this.settingsKey = settingsKey;
    }
    return this.chunks;
  }

  /** @internal Replaces the cache with exactly the chunks of the latest version. */
  replace(next: readonly CachedChunk[], settingsKey: string): void {
    this.chunks = next;
    this.settingsKey = settingsKey;
  }

  get size(): number {
    return this.chunks.length;
  }
}

interface CachedChunk {
  readonly text: string;
  readonly result: ChunkResult;
}

/**
 * The previous version's result for each chunk whose text did not change. An edit changes a run
 * of chunks somewhere: the chunks before and after it are matched by position, comparing texts
 * (a memory comparison, where a map lookup would first hash every chunk of the file), and the
 * ones in between by text, which finds a document that was moved.
 */
function reuse(chunks: readonly Chunk[], prev: readonly CachedChunk[]): (ChunkResult | undefined)[] {
  const n = chunks.length;
  const m = prev.length;
  const out: (ChunkResult | undefined)[] = new Array<ChunkResult | undefined>(n);
  let front = 0;
  while (front < n && front < m && chunks[front].text === prev[front].text) {
    out[front] = prev[front].result;
    front++;
  }
  let back = 0;
  while (back < n - front && back < m - front && chunks[n - 1 - back].text === prev[m - 1 - back].text) {
    out[n - 1 - back] = prev[m - 1 - back].result;
    back++;
  }
  if (front + back < n && front + back < m) {
    const byText = new Map<string, ChunkResult>();
    for (let i = front; i < m - back; i++) byText.set(prev[i].text, prev[i].result);
    for (let i = front; i < n - back; i++) out[i] = byText.get(chunks[i].text);
  }
  return out;
}

export interface AnalyzeOptions {
  readonly uri?: string;
  readonly settings?: Settings | ResolvedSettings;
  /** Updated with this file's objects before workspace rules run. */
  readonly index?: WorkspaceIndex;
  readonly cache?: DocumentCache;
  /** For tests and docs: the rules to run (all by default). */
  readonly rules?: readonly Rule[];
}

function isResolved(s: Settings | ResolvedSettings | undefined): s is ResolvedSettings {
  return s !== undefined && 'key' in s && 'version' in s;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const uri = options.uri ?? 'untitled:stdin';
  const settings = isResolved(options.settings) ? options.settings : resolveSettings(options.settings);
  const index = options.index ?? new WorkspaceIndex();
  const rules = options.rules ?? RULES;

  if (text.length > MAX_FILE_LENGTH) {
    index.removeFile(uri);
    const nl = text.indexOf('\n');
    const span = { start: 0, end: nl < 0 ? Math.min(text.length, 200) : Math.min(nl, 200) };
    const message = `This file has ${text.length.toLocaleString('en-US')} characters, more than the ${MAX_FILE_LENGTH.toLocaleString('en-US')} that are checked; it is not checked. Split it, or check the parts that matter.`;
    const f: Finding = { code: analysisLimitMeta.id, severity: analysisLimitMeta.defaultSeverity, message, span };
    return { uri, text, settings, docs: [], resources: [], findings: finalize(text, [f], settings), summaries: [], tooLarge: { span } };
  }

  const marker = findTemplateMarker(text);
  if (marker) {
    index.removeFile(uri);
    const f: Finding = {
      code: templateFileMeta.id,
      severity: templateFileMeta.defaultSeverity,
      message: `This file is a template (${marker.kind} \`${text.slice(marker.start, marker.end)}\`); render it to check the StatefulSets it makes.`,
      span: { start: marker.start, end: marker.end },
    };
    return { uri, text, settings, docs: [], resources: [], findings: finalize(text, [f], settings), summaries: [], template: { kind: marker.kind, span: f.span } };
  }

  // The rules these settings turn on, decided once rather than per document.
  const active = rules.filter((r) => settings.rules[r.meta.id] !== 'off' && appliesTo(r, settings));
  const docRules = active.filter((r) => r.meta.scope === 'document');
  const wsRules = active.filter((r) => r.meta.scope === 'workspace');
  const cache = options.cache;
  const placedDocs: PlacedDoc[] = [];
  const placedChunks: { readonly start: number; readonly text: string; readonly result: ChunkResult }[] = [];
  const findings: Finding[] = [];
  const summaries: ResourceSummary[] = [];

  const chunks = splitChunks(text);
  const reused = cache ? reuse(chunks, cache.previous(settings.key)) : [];
  const next: CachedChunk[] = [];
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    const result = reused[c] ?? checkChunk(chunk.text, docRules, settings, index, uri);
    next.push({ text: chunk.text, result });
    placedChunks.push({ start: chunk.start, text: chunk.text, result });
    for (const doc of result.docs) placedDocs.push({ offset: chunk.start, doc, chunkText: chunk.text });
    for (const f of result.findings) findings.push(shift(f, chunk.start));
    for (const s of summariesOf(result, uri, chunk.start)) summaries.push(s);
  }
  cache?.replace(next, settings.key);

  const resources: PlacedResource[] = [];
  for (const placed of placedDocs) for (const resource of placed.doc.resources) resources.push({ resource, offset: placed.offset, placed });
  index.setFile(uri, summaries);

  if (wsRules.length > 0) {
    for (const { start, text: chunkText, result } of placedChunks) {
      if (!result.docs.some((d) => d.resources.length > 0)) continue;
      if (result.workspace?.uri !== uri || result.workspace.rules !== rules) result.workspace = { uri, rules, perDoc: [] };
      const runs = result.workspace.perDoc;
      result.docs.forEach((doc, i) => {
        if (doc.resources.length === 0) return;
        let run = runs[i];
        if (!run || !run.reads.stillHolds(index)) {
          const reads = new IndexReads();
          run = { findings: runRules(wsRules, doc, chunkText, settings, reads.view(index), uri), reads };
          runs[i] = run;
        }
        for (const f of run.findings) findings.push(shift(f, start));
      });
    }
  }

  return { uri, text, settings, docs: placedDocs, resources, findings: finalize(text, findings, settings), summaries };
}

/** The chunk's summaries at `offset`: made once per chunk, shifted only when the chunk moved. */
function summariesOf(result: ChunkResult, uri: string, offset: number): readonly ResourceSummary[] {
  let memo = result.summaries;
  if (!memo || memo.uri !== uri) {
    const relative: ResourceSummary[] = [];
    for (const doc of result.docs) for (const r of doc.resources) if (r.name !== undefined) relative.push(summarize(uri, r, 0));
    memo = { uri, relative, placed: relative, offset: 0 };
    result.summaries = memo;
  }
  if (memo.offset !== offset) {
    memo.placed = memo.relative.map((s) => ({ ...s, nameSpan: shiftSpan(s.nameSpan, offset), span: shiftSpan(s.span, offset) }));
    memo.offset = offset;
  }
  return memo.placed;
}

function checkChunk(text: string, rules: readonly Rule[], settings: ResolvedSettings, index: WorkspaceIndex, uri: string): ChunkResult {
  const docs = parseChunk(text);
  const findings: RelativeFinding[] = [];
  // A loop, not push(...): a document with 100,000 duplicate keys has as many findings, too many arguments for one call.
  for (const doc of docs) for (const f of runRules(rules, doc, text, settings, index, uri)) findings.push(f);
  return { docs, findings };
}

/** `rules`: the ones the settings turn on (filtered once per analysis in analyze). */
function runRules(rules: readonly Rule[], doc: ParsedDoc, text: string, settings: ResolvedSettings, index: WorkspaceIndex, uri: string): RelativeFinding[] {
  const out: RelativeFinding[] = [];
  const broken = doc.errors.length > 0;
  for (const rule of rules) {
    if (broken && !rule.meta.onBrokenYaml) continue;
    const ctx: RuleContext = {
      doc,
      text,
      settings,
      index,
      uri,
      report: (r) => {
        out.push({ code: rule.meta.id, severity: r.severity ?? rule.meta.defaultSeverity, message: r.message, span: r.span, path: r.path, fix: r.fix });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule that fails on odd input must not take the others down; say so where it happened.
      out.push({ code: 'internal-error', severity: 'hint', message: `Rule ${rule.meta.id} failed on this document: ${(e as Error).message}`, span: { start: doc.span.start, end: doc.span.start } });
    }
  }
  return out;
}

function appliesTo(rule: Rule, settings: ResolvedSettings): boolean {
  const v = rule.meta.versions;
  if (!v) return true;
  const minor = settings.version.minor;
  if (v.since && minor < Number(v.since.split('.')[1])) return false;
  if (v.until && minor > Number(v.until.split('.')[1])) return false;
  return true;
}

function shift(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return { ...f, span: shiftSpan(f.span, by) };
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/**
 * An offset between the halves of a CRLF or of a surrogate pair is no position an editor has (the
 * parser reports some errors on the LF of a CRLF): move it onto the character's edge, back for a
 * CRLF (the underline stays on its line), `dir` for a surrogate pair (back at a start, on at an end).
 */
function whole(text: string, offset: number, dir: -1 | 1): number {
  if (offset <= 0 || offset >= text.length) return offset;
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  if (before === 13 && at === 10) return offset - 1;
  if ((before & 0xfc00) === 0xd800 && (at & 0xfc00) === 0xdc00) return dir < 0 ? offset - 1 : offset + 1;
  return offset;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function finalize(text: string, findings: Finding[], settings: ResolvedSettings): Finding[] {
  const configured: Finding[] = [];
  for (const f of findings) {
    const s = settings.rules[f.code];
    if (s === 'off') continue;
    const start = whole(text, Math.max(0, Math.min(f.span.start, text.length)), -1);
    const span = { start, end: Math.max(start, whole(text, Math.max(0, Math.min(Math.max(f.span.end, f.span.start), text.length)), 1)) };
    configured.push(s && s !== f.severity ? { ...f, severity: s, span } : span.start === f.span.start && span.end === f.span.end ? f : { ...f, span });
  }
  const kept = applySuppressions(text, configured);
  const byPosition = (a: Finding, b: Finding): number => a.span.start - b.span.start || a.span.end - b.span.end || ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code);
  kept.sort(byPosition);
  return kept.length > MAX_FINDINGS ? capped(kept, byPosition) : kept;
}

/**
 * Generated or damaged files can have a finding per line: an editor would choke on the list and
 * a person cannot use it. Keeps the most severe MAX_FINDINGS - 1 (earliest first among equals) and
 * says how many were left out, where the first of them is.
 */
function capped(sorted: Finding[], byPosition: (a: Finding, b: Finding) => number): Finding[] {
  const rank = new Map(sorted.map((f, i) => [f, i]));
  const bySeverity = [...sorted].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const shown = new Set(bySeverity.slice(0, MAX_FINDINGS - 1));
  const firstLeftOut = sorted.find((f) => !shown.has(f)) as Finding;
  const note: Finding = {
    code: analysisLimitMeta.id,
    severity: analysisLimitMeta.defaultSeverity,
    message: `${(sorted.length - shown.size).toLocaleString('en-US')} more findings in this file are not shown (at most ${MAX_FINDINGS.toLocaleString('en-US')} are); the first of them is here.`,
    span: firstLeftOut.span,
  };
  return [...shown, note].sort(byPosition);
}
