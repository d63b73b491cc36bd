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
import type { BaseSet } from './baseCompare';
import { parseChunk, splitChunks, type Chunk, type ParsedDoc, type Resource } from './parse';
import type { TextSource } from './pieceText';
import { lastAtOrBelow } from './text';
import { RULE_METAS, RULES } from './rules';
import { analysisLimitMeta } from './rules/analysisLimit';
import { findTemplateMarker, templateFileMeta } from './rules/templateFile';
import type { PatchMode, Rule, RuleContext } from './rules/types';
import { readKustomization } from './kustomize/kustomization';
import { looksLikePatch, patchTargetKind } from './kustomize/patches';
import { mayReference } from './references';
import { resolveSettings, type ResolvedSettings, type Settings } from './settings';
import { applySuppressions, mayHoldSuppressions, unusedDisableDirectiveMeta } from './suppress';
import type { Finding, Severity, Span } from './types';
import { IndexReads, placeSummary, sameButPositions, summarize, WorkspaceIndex, type ResourceSummary } from './workspace';

/** A finding with a span relative to its chunk. */
type RelativeFinding = Finding;

interface ChunkResult {
  readonly docs: readonly ParsedDoc[];
  /** Per document, how it is a Kustomize patch (undefined: a whole object). */
  readonly patches: readonly (PatchMode | undefined)[];
  /** Findings of document-scoped rules, relative to the chunk, with the rule's own severity. */
  readonly findings: readonly RelativeFinding[];
  /** Summaries of the chunk's objects, made on first use for a URI; `placed` at the last offset. */
  summaries?: { readonly uri: string; readonly relative: readonly ResourceSummary[]; placed: readonly ResourceSummary[]; offset: number };
  /** Findings of the rules that compare with a base (relative), kept while the base, the settings and what they read from the index stay. */
  baseRun?: { readonly base: BaseSet; readonly rules: readonly Rule[]; readonly settings: ResolvedSettings; readonly run: WorkspaceRun };
  /** Workspace-scoped findings per document (relative), with what they read from the index. */
  workspace?: { readonly uri: string; readonly rules: readonly Rule[]; readonly perDoc: (WorkspaceRun | undefined)[] };
  /** Whether the chunk holds a suppression comment; when none does, suppressions are not looked for. */
  readonly suppresses: boolean;
  /**
   * The chunk's findings as reported (configured severities, whole characters, sorted), relative
   * and `placed` at the last offset; made again when the settings object or the workspace runs
   * they include change (the settings key leaves out severities).
   */
  final?: { readonly settings: ResolvedSettings; readonly runs: readonly (Run | undefined)[]; readonly relative: readonly Finding[]; placed: readonly Finding[]; offset: number };
}

interface Run {
  readonly findings: readonly RelativeFinding[];
}

interface WorkspaceRun extends Run {
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
  /** Set when the file was checked as a Kustomize patch (AnalyzeOptions.patch). */
  readonly patch?: boolean;
  /** A kustomization's inline patches (AnalyzeOptions.kustomization): where each is, and the kinds it holds. */
  readonly inlinePatches?: readonly { readonly span: Span; readonly kinds: readonly string[] }[];
  /** The base the file was compared with (AnalyzeOptions.base), for the preview's difference. */
  readonly base?: BaseSet;
}

/**
 * A file longer than this (UTF-16 units) is not parsed at all: one note instead. A rendered
 * manifest of a whole platform reaches 32 MB. Measured (docs/performance.md, pathological files):
 * a 50 MB manifest is checked in about the time of the `yaml` package's own parse of it and
 * half its memory; twice that would take a server past 2 GB, near the heap Node gives it.
 */
export const MAX_FILE_LENGTH = 64 * 1024 * 1024;

/** At most this many findings per file, the most severe first; a note says how many more there are. */
export const MAX_FINDINGS = 1000;

/**
 * What changed between the text a DocumentCache last saw and the next one: [start, oldEnd) of the
 * old text became [start, newEnd) of the new one, everything else is as it was. Editors send
 * their changes as ranges; with one, the next analysis looks for chunk boundaries only near the
 * change, instead of cutting and comparing the whole text again.
 */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** No change at all: the same text again (settings or other files changed). */
export const NO_CHANGE: TextChange = { start: 0, oldEnd: 0, newEnd: 0 };

/** One change for `first` followed by `then` (each in the coordinates of the text it applied to). */
export function composeChanges(first: TextChange | undefined, then: TextChange): TextChange {
  if (!first) return then;
  // `first` left the text with [first.start, first.newEnd) new; `then` replaces [then.start, then.oldEnd) of that.
  const start = Math.min(first.start, then.start);
  const end = Math.max(first.newEnd, then.oldEnd);
  return { start, oldEnd: first.oldEnd + (end - first.newEnd), newEnd: end + (then.newEnd - then.oldEnd) };
}

/**
 * Per-file cache of chunk results (json-language-features' language model cache, per chunk).
 * Owned by the caller: the server keeps one per open document and drops it on close.
 */
export class DocumentCache {
  /** The chunks of the latest version, in order. */
  private chunks: readonly CachedChunk[] = [];
  private textLength = 0;
  private settingsKey = '';
  /**
   * What the last analysis gave the index: per chunk with documents its summaries (relative),
   * and the list set for the file. When the index still holds that list and every chunk's
   * summaries say the same, an edit only moved things, and the index need not compare them.
   */
  given?: { readonly uri: string; readonly relatives: readonly (readonly ResourceSummary[])[]; readonly summaries: readonly ResourceSummary[] };
  /** How the last analysis found its chunks: near a change only, or by cutting the whole text (for tests and the benchmark). */
  lastCut: 'window' | 'whole' = 'whole';

  /** @internal The latest version's chunks; none when they were made with other settings. */
  previous(settingsKey: string): readonly CachedChunk[] {
    if (settingsKey !== this.settingsKey) {
      this.chunks = [];
      this.settingsKey = settingsKey;
    }
    return this.chunks;
  }

  /** @internal The length of the text the chunks cover. */
  get length(): number {
    return this.textLength;
  }

  /** @internal Replaces the cache with exactly the chunks of the latest version. */
  replace(next: readonly CachedChunk[], textLength: number, settingsKey: string): void {
    this.chunks = next;
    this.textLength = textLength;
    this.settingsKey = settingsKey;
  }

  get size(): number {
    return this.chunks.length;
  }
}

interface CachedChunk {
  readonly start: number;
  readonly text: string;
  readonly result: ChunkResult;
}

interface Split {
  readonly chunks: readonly Chunk[];
  /** Per chunk, the previous version's result when its text did not change. */
  readonly reused: readonly (ChunkResult | undefined)[];
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
  if (front + back < n && front + back < m) reuseByText(chunks, front, n - back, prev, front, m - back, out);
  return out;
}

function reuseByText(chunks: readonly Chunk[], from: number, to: number, prev: readonly CachedChunk[], prevFrom: number, prevTo: number, out: (ChunkResult | undefined)[]): void {
  const byText = new Map<string, ChunkResult>();
  for (let i = prevFrom; i < prevTo; i++) byText.set(prev[i].text, prev[i].result);
  for (let i = from; i < to; i++) out[i] = byText.get(chunks[i].text);
}

/** Whether `text` holds `part` at `offset`. */
function holds(text: string | TextSource, part: string, offset: number): boolean {
  return typeof text === 'string' ? text.startsWith(part, offset) : text.slice(offset, offset + part.length) === part;
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from (V8 keeps a slice's
 * parent alive): flattening a concatenation makes a new string. Chunks of a PieceText are made
 * this way, so they never hold on to a piece that a later edit replaced.
 */
function copyOf(s: string): string {
  return (' ' + s).slice(1);
}

/** The index of the last chunk that starts at or before `offset` (0 when none does). */
function chunkAt(prev: readonly CachedChunk[], offset: number): number {
  return lastAtOrBelow(prev, offset, (c) => c.start);
}

/**
 * The chunks of `text`, knowing it is the previous text with `change` made: only a window around
 * the change is cut again; the chunks outside it keep their results and move by the change's
 * length. The window reaches one chunk before the change and one after it, because whether a
 * line starts a document depends on the line (a `---`) and on the directive lines above it; the
 * boundaries at the window's edges depend only on text outside the change. Undefined when the
 * change does not describe this text (then the caller cuts it all).
 */
function resplit(text: string | TextSource, prev: readonly CachedChunk[], prevLength: number, change: TextChange): Split | undefined {
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  const m = prev.length;
  if (m === 0 || start < 0 || oldEnd < start || newEnd < start || oldEnd > prevLength || prevLength + delta !== text.length) return undefined;
  const first = Math.max(0, chunkAt(prev, start) - 1);
  const last = Math.min(m, chunkAt(prev, oldEnd) + 2);
  const windowStart = prev[first].start;
  const windowEnd = (last < m ? prev[last].start : prevLength) + delta;
  // The chunks on either side of the window must be where the change says (a cheap check of a promise).
  if (first > 0 && !holds(text, prev[first - 1].text, prev[first - 1].start)) return undefined;
  if (last < m && !holds(text, prev[last].text, windowEnd)) return undefined;
  const flat = typeof text === 'string';

  const chunks: Chunk[] = [];
  const reused: (ChunkResult | undefined)[] = [];
  for (let c = 0; c < first; c++) {
    const p = prev[c];
    // Sliced again from a new flat text, so that no chunk keeps an old version of the file alive
    // (a TextSource's chunks are copies of their own already).
    chunks.push({ start: p.start, text: flat ? text.slice(p.start, p.start + p.text.length) : p.text });
    reused.push(p.result);
  }
  const from = chunks.length;
  const window = text.slice(windowStart, windowEnd);
  for (const w of splitChunks(flat ? window : copyOf(window))) {
    // Only the file's first chunk may be empty.
    if (w.text.length === 0 && windowStart > 0) continue;
    chunks.push({ start: windowStart + w.start, text: w.text });
    reused.push(undefined);
  }
  reuseByText(chunks, from, chunks.length, prev, first, last, reused);
  for (let c = last; c < m; c++) {
    const p = prev[c];
    const s = p.start + delta;
    chunks.push({ start: s, text: flat ? text.slice(s, s + p.text.length) : p.text });
    reused.push(p.result);
  }
  return { chunks, reused };
}

export interface AnalyzeOptions {
  readonly uri?: string;
  readonly settings?: Settings | ResolvedSettings;
  /** Updated with this file's objects before workspace rules run. */
  readonly index?: WorkspaceIndex;
  readonly cache?: DocumentCache;
  /** For tests and docs: the rules to run (all by default). */
  readonly rules?: readonly Rule[];
  /**
   * What changed since the text `cache` last saw (the server knows it from the editor's ranged
   * changes). Optional: without it the whole text is cut and compared with the cached chunks. A
   * change that does not fit the text is ignored.
   */
  readonly change?: TextChange;
  /**
   * The file is a Kustomize patch: a kustomization names it. Rules that need a whole object do
   * not run on it, and its objects are not in the index. Without it, a document that reads as a
   * partial StatefulSet is still checked as a patch (kustomize/patches.ts looksLikePatch).
   */
  readonly patch?: boolean;
  /** For a patch: the kind of object it patches, when every entry naming it targets the same (kustomize/patches.ts patchTargetKind). */
  readonly patchTarget?: string;
  /** The file is a kustomization: its inline patches are checked as patches, their findings placed in this file. */
  readonly kustomization?: boolean;
  /**
   * What is deployed (a git base, read by the caller): the `base` rules compare the file's
   * StatefulSets with the objects of the same kind, namespace and name in it. Without one they
   * do not run.
   */
  readonly base?: BaseSet;
}

function isResolved(s: Settings | ResolvedSettings | undefined): s is ResolvedSettings {
  return s !== undefined && 'key' in s && 'version' in s;
}

/**
 * `input`: the file's text, as a string or as a TextSource (the server's PieceText, so that an
 * edit of a large file never needs the whole text as one string; the analysis's `text` is then
 * made when first read).
 */
export function analyze(input: string | TextSource, options: AnalyzeOptions = {}): Analysis {
  const uri = options.uri ?? 'untitled:stdin';
  const settings = isResolved(options.settings) ? options.settings : resolveSettings(options.settings);
  const index = options.index ?? new WorkspaceIndex();
  const rules = options.rules ?? RULES;
  const length = input.length;
  const cache = options.cache;

  if (length > MAX_FILE_LENGTH) {
    const text = String(input);
    index.removeFile(uri);
    cache?.replace([], length, settings.key);
    const nl = text.indexOf('\n');
    const span = { start: 0, end: nl < 0 ? Math.min(text.length, 200) : Math.min(nl, 200) };
    const message = `This file has ${text.length.toLocaleString('en-US')} characters, more than the ${MAX_FILE_LENGTH.toLocaleString('en-US')} that are checked; it is not checked. Split it, or check the parts that matter.`;
    const f: Finding = { code: analysisLimitMeta.id, severity: analysisLimitMeta.defaultSeverity, message, span };
    return { uri, text, settings, docs: [], resources: [], findings: finalize(text, [f], settings), summaries: [], tooLarge: { span } };
  }

  // A file's findings depend on whether it is a patch: its chunks are kept apart from the same text's as a whole file.
  const cacheKey = options.patch ? `${settings.key}\u0000patch\u0000${options.patchTarget ?? ''}` : settings.key;
  const prev = cache ? cache.previous(cacheKey) : [];
  const split = cache && options.change ? resplit(input, prev, cache.length, options.change) : undefined;
  const chunks = split ? split.chunks : splitChunks(String(input));
  const reused = split ? split.reused : prev.length > 0 ? reuse(chunks, prev) : [];

  // A template marker anywhere makes the file a template. A chunk with a result had none, so only new chunks are searched.
  for (let c = 0; c < chunks.length; c++) {
    if (reused[c]) continue;
    const found = findTemplateMarker(chunks[c].text);
    if (!found) continue;
    const text = String(input);
    const marker = { start: chunks[c].start + found.start, end: chunks[c].start + found.end, kind: found.kind };
    index.removeFile(uri);
    cache?.replace([], length, settings.key);
    const f: Finding = {
      code: templateFileMeta.id,
      severity: templateFileMeta.defaultSeverity,
      message: `This file is a template (${marker.kind} \`${text.slice(marker.start, marker.end)}\`); render it to check the StatefulSets it makes.`,
      span: { start: marker.start, end: marker.end },
    };
    return { uri, text, settings, docs: [], resources: [], findings: finalize(text, [f], settings), summaries: [], template: { kind: marker.kind, span: f.span } };
  }

  const { docRules, wsRules, baseRules } = activeRules(rules, settings);
  const base = baseRules.length > 0 ? options.base : undefined;
  const placedDocs: PlacedDoc[] = [];
  const summaries: ResourceSummary[] = [];
  const relatives: (readonly ResourceSummary[])[] = [];
  const results: ChunkResult[] = new Array<ChunkResult>(chunks.length);
  const next: CachedChunk[] = new Array<CachedChunk>(chunks.length);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    const result = reused[c] ?? checkChunk(chunk.text, docRules, settings, index, uri, options.patch === true, options.patchTarget);
    results[c] = result;
    next[c] = { start: chunk.start, text: chunk.text, result };
    for (const doc of result.docs) placedDocs.push({ offset: chunk.start, doc, chunkText: chunk.text });
    if (result.docs.length > 0) {
      const memo = summariesOf(result, uri, chunk.start);
      relatives.push(memo.relative);
      for (const s of memo.placed) summaries.push(s);
    }
  }
  if (cache) {
    cache.replace(next, length, cacheKey);
    cache.lastCut = split ? 'window' : 'whole';
  }

  const resources: PlacedResource[] = [];
  for (const placed of placedDocs) for (const resource of placed.doc.resources) resources.push({ resource, offset: placed.offset, placed });
  const given = cache?.given;
  const movedOnly = given !== undefined && given.uri === uri && index.fileSummaries(uri) === given.summaries && sameRelatives(given.relatives, relatives);
  index.setFile(uri, summaries, movedOnly);
  if (cache) cache.given = { uri, relatives, summaries };

  const findings: Finding[] = [];
  let suppressing = false;
  for (let c = 0; c < chunks.length; c++) {
    const { start, text: chunkText } = chunks[c];
    const result = results[c];
    let runs: readonly (Run | undefined)[] = NO_RUNS;
    if (wsRules.length > 0 && result.docs.some(checkedAgainstIndex)) {
      if (result.workspace?.uri !== uri || result.workspace.rules !== rules) result.workspace = { uri, rules, perDoc: [] };
      const perDoc = result.workspace.perDoc;
      result.docs.forEach((doc, i) => {
        if (!checkedAgainstIndex(doc)) return;
        const run = perDoc[i];
        if (!run || !run.reads.stillHolds(index)) {
          const reads = new IndexReads();
          perDoc[i] = { findings: runRules(wsRules, doc, chunkText, settings, reads.view(index), uri, result.patches[i], options.patchTarget), reads };
        }
      });
      runs = perDoc;
    }
    if (base && result.docs.some((d) => d.resources.length > 0)) runs = [...runs, baseRunOf(result, chunkText, base, baseRules, settings, index, uri)];
    for (const f of placedFindings(result, runs, chunkText, start, settings)) findings.push(f);
    if (result.suppresses) suppressing = true;
  }

  let reported = finish(input, findings, suppressing, settings, placedDocs);
  let inlinePatches: Analysis['inlinePatches'];
  if (options.kustomization) {
    const inline = inlinePatchFindings(String(input), options, settings, index, rules);
    if (inline.patches.length > 0) {
      reported = reported.concat(inline.findings).sort(byPosition);
      inlinePatches = inline.patches;
    }
  }
  const done = { uri, settings, docs: placedDocs, resources, findings: reported, summaries, ...(options.patch ? { patch: true } : {}), ...(inlinePatches ? { inlinePatches } : {}), ...(options.base ? { base: options.base } : {}) };
  if (typeof input === 'string') return { ...done, text: input };
  // Made when somebody reads it (a quick fix, a refactor); an edit's diagnostics never do.
  return Object.defineProperty(done, 'text', { get: () => String(input), enumerable: true }) as unknown as Analysis;
}

const RULE_IDS: ReadonlySet<string> = new Set(RULE_METAS.map((m) => m.id));
const isRule = (id: string): boolean => RULE_IDS.has(id);

const NO_RUNS: readonly (Run | undefined)[] = [];

/**
 * The base rules' findings for a chunk: made again when the base or the settings changed, or
 * something they read from the index (StorageClasses for a plan, Services), as workspace runs
 * are; else the same run object, so the chunk's placed findings are reused too.
 */
function baseRunOf(result: ChunkResult, chunkText: string, base: BaseSet, rules: readonly Rule[], settings: ResolvedSettings, index: WorkspaceIndex, uri: string): Run {
  const memo = result.baseRun;
  if (memo && memo.base === base && memo.rules === rules && memo.settings === settings && memo.run.reads.stillHolds(index)) return memo.run;
  const reads = new IndexReads();
  const view = reads.view(index);
  const findings: RelativeFinding[] = [];
  // A Kustomize patch is no deployed object of its own: its overlay is what gets compared.
  result.docs.forEach((doc, i) => {
    if (doc.resources.length === 0 || result.patches[i]) return;
    for (const f of runRules(rules, doc, chunkText, settings, view, uri, undefined, undefined, base)) findings.push(f);
  });
  const run = { findings, reads };
  result.baseRun = { base, rules, settings, run };
  return run;
}

/** Objects we know, and documents of any kind that may use a StatefulSet's names (references.ts). */
function checkedAgainstIndex(doc: ParsedDoc): boolean {
  return doc.resources.length > 0 || mayReference(doc);
}

/**
 * A chunk's findings at `offset`, as reported: its document findings and its workspace runs',
 * configured, sorted and placed. Made again only when a run changed; shifted only when the chunk moved.
 */
function placedFindings(result: ChunkResult, runs: readonly (Run | undefined)[], chunkText: string, offset: number, settings: ResolvedSettings): readonly Finding[] {
  let memo = result.final;
  if (!memo || memo.settings !== settings || !sameRuns(memo.runs, runs)) {
    const all: Finding[] = result.findings.slice();
    for (const run of runs) if (run) for (const f of run.findings) all.push(f);
    const relative = configure(chunkText, all, settings).sort(byPosition);
    memo = { settings, runs: runs.slice(), relative, placed: relative, offset: 0 };
    result.final = memo;
  }
  if (memo.offset !== offset) {
    memo.placed = memo.relative.map((f) => shift(f, offset));
    memo.offset = offset;
  }
  return memo.placed;
}

function sameRuns(a: readonly (Run | undefined)[], b: readonly (Run | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRelatives(a: readonly (readonly ResourceSummary[])[], b: readonly (readonly ResourceSummary[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameButPositions(a[i], b[i])) return false;
  return true;
}

/** The chunk's summaries at `offset`: made once per chunk, shifted only when the chunk moved. */
function summariesOf(result: ChunkResult, uri: string, offset: number): NonNullable<ChunkResult['summaries']> {
  let memo = result.summaries;
  if (!memo || memo.uri !== uri) {
    const relative: ResourceSummary[] = [];
    // A patch is no object of its own: nothing elsewhere may resolve to it or count it.
    result.docs.forEach((doc, i) => {
      if (result.patches[i]) return;
      for (const r of doc.resources) if (r.name !== undefined) relative.push(summarize(uri, r, 0));
    });
    memo = { uri, relative, placed: relative, offset: 0 };
    result.summaries = memo;
  }
  if (memo.offset !== offset) {
    memo.placed = memo.relative.map((s) => placeSummary(s, offset));
    memo.offset = offset;
  }
  return memo;
}

function checkChunk(text: string, rules: readonly Rule[], settings: ResolvedSettings, index: WorkspaceIndex, uri: string, filePatch: boolean, patchTarget: string | undefined): ChunkResult {
  const docs = parseChunk(text);
  const patches = docs.map((doc): PatchMode | undefined => (filePatch ? 'named' : looksLikePatch(doc) ? 'guessed' : undefined));
  const findings: RelativeFinding[] = [];
  // A loop, not push(...): a document with 100,000 duplicate keys has as many findings, too many arguments for one call.
  docs.forEach((doc, i) => {
    for (const f of runRules(rules, doc, text, settings, index, uri, patches[i], patchTarget)) findings.push(f);
  });
  return { docs, patches, findings, suppresses: mayHoldSuppressions(text) };
}

/** `rules`: the ones the settings turn on (filtered once per analysis in analyze). */
function runRules(rules: readonly Rule[], doc: ParsedDoc, text: string, settings: ResolvedSettings, index: WorkspaceIndex, uri: string, patch: PatchMode | undefined, patchTarget?: string, base?: BaseSet): RelativeFinding[] {
  const out: RelativeFinding[] = [];
  const broken = doc.errors.length > 0;
  for (const rule of rules) {
    if (broken && !rule.meta.onBrokenYaml) continue;
    if (patch && rule.meta.wholeObject) continue;
    const ctx: RuleContext = {
      doc,
      text,
      settings,
      index,
      uri,
      patch,
      patchTarget: patch === 'named' ? patchTarget : undefined,
      base,
      report: (r) => {
        out.push({ code: rule.meta.id, severity: r.severity ?? rule.meta.defaultSeverity, message: r.message, span: r.span, path: r.path, fix: r.fix });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule that fails on odd input must not take the others down; say so where it happened.
      const message = `Rule ${rule.meta.id} failed on this document: ${(e as Error).message}`;
      out.push({ code: 'internal-error', severity: 'hint', message, span: { start: doc.span.start, end: doc.span.start }, path: undefined, fix: undefined });
    }
  }
  return out;
}

interface ActiveRules {
  readonly settingsKey: string;
  readonly docRules: readonly Rule[];
  readonly wsRules: readonly Rule[];
  readonly baseRules: readonly Rule[];
}

const ACTIVE = new WeakMap<readonly Rule[], ActiveRules>();

/** The rules these settings turn on, decided once per rule list and settings rather than per analysis. */
function activeRules(rules: readonly Rule[], settings: ResolvedSettings): ActiveRules {
  const known = ACTIVE.get(rules);
  if (known?.settingsKey === settings.key) return known;
  const active = rules.filter((r) => settings.rules[r.meta.id] !== 'off' && !(settings.leaveYamlFindings && r.meta.layer === 'yaml') && appliesTo(r, settings));
  const result = { settingsKey: settings.key, docRules: active.filter((r) => r.meta.scope === 'document'), wsRules: active.filter((r) => r.meta.scope === 'workspace'), baseRules: active.filter((r) => r.meta.scope === 'base') };
  ACTIVE.set(rules, result);
  return result;
}

function appliesTo(rule: Rule, settings: ResolvedSettings): boolean {
  const v = rule.meta.versions;
  if (!v) return true;
  const minor = settings.version.minor;
  if (v.since && minor < Number(v.since.split('.')[1])) return false;
  if (v.until && minor > Number(v.until.split('.')[1])) return false;
  return true;
}

/** Every finding the rules report has these six keys, so a shifted copy is one literal (spreads were the slow part of an edit). */
function shift(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return { code: f.code, severity: f.severity, message: f.message, span: { start: f.span.start + by, end: f.span.end + by }, path: f.path, fix: f.fix };
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

function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code);
}

/**
 * Severities as configured (a rule turned off drops its findings) and spans on whole characters.
 * `text` is what the spans index into: the file, or the chunk for chunk-relative findings (a
 * chunk starts a line, so a character's edge is the same in either).
 */
function configure(text: string, findings: readonly Finding[], settings: ResolvedSettings): Finding[] {
  const configured: Finding[] = [];
  for (const f of findings) {
    const s = settings.rules[f.code];
    if (s === 'off') continue;
    const start = whole(text, Math.max(0, Math.min(f.span.start, text.length)), -1);
    const span = { start, end: Math.max(start, whole(text, Math.max(0, Math.min(Math.max(f.span.end, f.span.start), text.length)), 1)) };
    configured.push(s && s !== f.severity ? { ...f, severity: s, span } : span.start === f.span.start && span.end === f.span.end ? f : { ...f, span });
  }
  return configured;
}

/** The findings of a file not cut into chunks (a template, a file too large). */
function finalize(text: string, findings: Finding[], settings: ResolvedSettings): Finding[] {
  return finish(text, configure(text, findings, settings).sort(byPosition), true, settings, []);
}

/**
 * The file's findings from its chunks' (each configured and sorted): in order already, unless
 * two chunks' findings meet at their boundary; then suppressions and the cap.
 */
function finish(text: string | TextSource, findings: Finding[], suppressing: boolean, settings: ResolvedSettings, docs: readonly PlacedDoc[]): Finding[] {
  for (let i = 1; i < findings.length; i++) {
    if (byPosition(findings[i - 1], findings[i]) > 0) {
      findings.sort(byPosition);
      break;
    }
  }
  const reportUnused = settings.reportUnusedDisableDirectives ? (settings.rules[unusedDisableDirectiveMeta.id] ?? unusedDisableDirectiveMeta.defaultSeverity) : undefined;
  const kept = suppressing ? applySuppressions(String(text), findings, docs, { reportUnused, isRule }) : findings;
  return kept.length > MAX_FINDINGS ? capped(kept) : kept;
}

/**
 * Generated or damaged files can have a finding per line: an editor would choke on the list and
 * a person cannot use it. Keeps the most severe MAX_FINDINGS - 1 (earliest first among equals) and
 * says how many were left out, where the first of them is. Linear: counts per severity say where
 * the budget runs out.
 */
function capped(sorted: readonly Finding[]): Finding[] {
  const counts = [0, 0, 0, 0];
  for (const f of sorted) counts[ORDER[f.severity]]++;
  let budget = MAX_FINDINGS - 1;
  let cut = counts.length;
  for (let s = 0; s < counts.length; s++) {
    if (counts[s] <= budget) {
      budget -= counts[s];
      continue;
    }
    cut = s;
    break;
  }
  const shown: Finding[] = [];
  let firstLeftOut: Finding | undefined;
  for (const f of sorted) {
    const o = ORDER[f.severity];
    if (o < cut || (o === cut && budget > 0)) {
      if (o === cut) budget--;
      shown.push(f);
    } else firstLeftOut ??= f;
  }
  const left = sorted.length - shown.length;
  const note: Finding = {
    code: analysisLimitMeta.id,
    severity: analysisLimitMeta.defaultSeverity,
    message: `${left.toLocaleString('en-US')} more findings in this file are not shown (at most ${MAX_FINDINGS.toLocaleString('en-US')} are); the first of them is here.`,
    span: (firstLeftOut as Finding).span,
  };
  // After every shown finding that does not sort after it, as a stable sort of [...shown, note] puts it.
  let at = shown.length;
  while (at > 0 && byPosition(shown[at - 1], note) > 0) at--;
  shown.splice(at, 0, note);
  return shown;
}

/**
 * A kustomization's inline patches, each checked as a patch file of its own, with the findings
 * moved into the kustomization (InlinePatch.toFile); a finding whose place cannot be mapped
 * (inside an escape of a double-quoted patch) goes on the whole scalar.
 */
function inlinePatchFindings(text: string, options: AnalyzeOptions, settings: ResolvedSettings, index: WorkspaceIndex, rules: readonly Rule[]): { findings: Finding[]; patches: { span: Span; kinds: string[] }[] } {
  const findings: Finding[] = [];
  const patches: { span: Span; kinds: string[] }[] = [];
  const k = readKustomization(text);
  const uri = options.uri ?? 'untitled:stdin';
  k?.patches.forEach((entry, i) => {
    const inline = entry.inline;
    if (!inline) return;
    const a = analyze(inline.text, { uri: `${uri}#patch-${i}`, settings, index, rules, patch: true, patchTarget: patchTargetKind([{ kustomization: uri, entry }]) });
    patches.push({ span: inline.span, kinds: a.docs.flatMap((d) => (d.doc.kind ? [d.doc.kind] : [])) });
    for (const f of a.findings) {
      const start = inline.toFile(f.span.start);
      const end = inline.toFile(f.span.end);
      const span = start !== undefined && end !== undefined ? { start, end: Math.max(start, end) } : inline.span;
      findings.push({ ...f, span });
    }
  });
  return { findings, patches };
}
