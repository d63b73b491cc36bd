/**
 * Text -> documents -> resources. Never throws.
 *
 * A file is first cut into chunks at `---` lines. A line that starts with `---` (or `...`)
 * followed by a blank or the end of the line is a document marker wherever it stands, as YAML
 * forbids it inside scalars and flow collections at column 0, so the cut is always safe. Each chunk
 * is parsed on its own; an edit re-parses only the chunk it touches (see analyze.ts).
 */
import { Composer, Parser, type CST, type Document } from 'yaml';
import { fastParseChunk } from './fastYaml';
import { convertDocument, pairOf, strValue, asMap, asSeq, MAX_DEPTH, type TreeProblem, type YMap, type YNode } from './yamlTree';
import type { Span } from './types';

export type ResourceKind = 'StatefulSet' | 'Service' | 'StorageClass' | 'PersistentVolumeClaim' | 'PodDisruptionBudget' | 'Deployment';

/** The API group each kind we know lives in ('' is the core group). */
const GROUP_OF: Record<ResourceKind, string> = {
  StatefulSet: 'apps',
  Deployment: 'apps',
  Service: '',
  PersistentVolumeClaim: '',
  StorageClass: 'storage.k8s.io',
  PodDisruptionBudget: 'policy',
};

/** The version of each kind that current API servers serve. */
export const SERVED_VERSION: Record<ResourceKind, string> = {
  StatefulSet: 'apps/v1',
  Deployment: 'apps/v1',
  Service: 'v1',
  PersistentVolumeClaim: 'v1',
  StorageClass: 'storage.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
};

export interface YamlError {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
}

/** A Kubernetes object we recognise. Spans inside are relative to its chunk. */
export interface Resource {
  readonly kind: ResourceKind;
  readonly apiVersion: string;
  /** True when `apiVersion` is the one served today (apps/v1 for a StatefulSet). */
  readonly served: boolean;
  readonly root: YMap;
  readonly name?: string;
  /** `metadata.namespace` as written; undefined when absent (the default namespace applies). */
  readonly namespace?: string;
  /** Index in `items` when the object came from a `kind: List`. */
  readonly listItem?: number;
  /** Kubernetes field path prefix: '' for a top-level object, `items[3].` in a List. */
  readonly pathPrefix: string;
}

export interface ParsedDoc {
  /** Span of the document in its chunk. */
  readonly span: Span;
  readonly root: YNode | null;
  readonly errors: readonly YamlError[];
  readonly problems: readonly TreeProblem[];
  readonly resources: readonly Resource[];
  /** `kind` of the document's top-level object, if any (also for kinds we ignore). */
  readonly kind?: string;
  readonly apiVersion?: string;
}

export interface Chunk {
  readonly start: number;
  readonly text: string;
}

/** Cuts text into chunks at document-start markers. The chunks cover the text exactly. */
export function splitChunks(text: string): Chunk[] {
  const cuts: number[] = [0];
  const n = text.length;
  // From marker to marker, not line by line: a large file has a hundred lines per document.
  for (let nl = text.indexOf('\n---'); nl >= 0; nl = text.indexOf('\n---', nl + 1)) {
    const lineStart = nl + 1;
    const after = text.charCodeAt(lineStart + 3);
    if (lineStart + 3 >= n || after === 32 || after === 9 || after === 10 || after === 13) {
      cuts.push(directiveStart(text, lineStart));
    }
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const end = i + 1 < cuts.length ? cuts[i + 1] : n;
    if (end > start || chunks.length === 0) chunks.push({ start, text: text.slice(start, end) });
  }
  return chunks;
}

/** Directive lines (`%YAML`, `%TAG`) right before a `---` belong to the document it opens. */
function directiveStart(text: string, markerLine: number): number {
  let start = markerLine;
  while (start > 0) {
    const prevEnd = start - 1;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    if (prevStart >= prevEnd || text.charCodeAt(prevStart) !== 37 /* % */) break;
    start = prevStart;
  }
  return start;
}

export const PARSE_OPTIONS = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
  keepSourceTokens: false,
} as const;

/**
 * A document longer than this (in UTF-16 units) that the fast reader does not take is not parsed:
 * the `yaml` package's time grows faster than the length on large flow collections (measured:
 * a one-line JSON-style map of 0.44 MB took 3.7 s, 0.9 MB 9.8 s, 1.8 MB 42 s, 8 MB over five minutes), and an editor re-parses
 * the document on every keystroke. Block YAML the fast reader takes has no limit but the file's
 * (analyze.ts MAX_FILE_LENGTH): its time is linear. Real objects are far smaller (the API server
 * takes at most 3 MiB per request).
 */
export const MAX_DOCUMENT_LENGTH = 1024 * 1024;

/** Error codes for what the parser was not given (reported by the analysis-limit rule). */
export const TOO_LARGE = 'TOO_LARGE';
export const TOO_DEEP = 'TOO_DEEP';

/** Parses one chunk. Every span in the result is relative to the chunk's start. */
export function parseChunk(text: string): ParsedDoc[] {
  // Most manifests are plain block YAML, which fastYaml reads exactly as the `yaml` package does, several times faster.
  const fast = fastParseChunk(text);
  if (fast) return fast.map((d) => docOf(d.span, d.root, [], []));
  return parseChunkWithYaml(text);
}

/** parseChunk without the fast path: the `yaml` package's reading, which the fast path must equal. */
export function parseChunkWithYaml(text: string): ParsedDoc[] {
  if (text.length > MAX_DOCUMENT_LENGTH) return [tooLarge(text)];
  let parsed: Composed;
  try {
    parsed = compose(text);
  } catch (e) {
    return [{ span: { start: 0, end: text.length }, root: null, errors: [{ code: 'PARSER_FAILURE', message: `The YAML parser failed: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, 1) } }], problems: [], resources: [] }];
  }
  const { docs, deep } = parsed;
  if (deep === undefined && docs.some((d) => d.errors.length > 0)) {
    const lenient = parseLeniently(text);
    if (lenient) return lenient;
  }
  const out = docs.map((d) => parsedDocOf(d, text));
  if (deep !== undefined) markTooDeep(out, deep);
  return out;
}

export interface Composed {
  readonly docs: Document.Parsed[];
  /** Offset of the first collection left out for nesting deeper than MAX_DEPTH. */
  readonly deep?: number;
}

/**
 * What `parseAllDocuments` does, in its two steps: the parser's tokens (made without recursion),
 * then documents composed from them (by recursion), with collections nested deeper than MAX_DEPTH
 * taken out in between. The composer does catch a stack overflow, but V8 can abort the whole
 * process instead when it compiles a regular expression on an almost exhausted stack.
 */
function compose(text: string, options: ComposeOptions = PARSE_OPTIONS): Composed {
  const tokens = Array.from(new Parser().parse(text));
  const deep = cutDeepCollections(tokens);
  const docs = Array.from(new Composer(options).compose(tokens)) as Document.Parsed[];
  return deep === undefined ? { docs } : { docs, deep };
}

type ComposeOptions = ConstructorParameters<typeof Composer>[0];

/**
 * Documents of `text` read with other options (configuration files are YAML 1.2), as safely as
 * manifests: collections nested deeper than MAX_DEPTH are left out, and `deep` says where.
 */
export function composeDocuments(text: string, options: ComposeOptions): Composed {
  return compose(text, options);
}

type Slot = { key?: CST.Token | null; value?: CST.Token };

/** Removes collections nested deeper than MAX_DEPTH from the tokens; the offset of the first, if any. */
function cutDeepCollections(tokens: CST.Token[]): number | undefined {
  let first: number | undefined;
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  const visit = (holder: Slot, depth: number): void => {
    for (const k of ['key', 'value'] as const) {
      const t = holder[k];
      if (!t) continue;
      if (isCollectionToken(t) && depth + 1 > MAX_DEPTH) {
        first = first === undefined ? t.offset : Math.min(first, t.offset);
        if (k === 'key') holder.key = null;
        else delete holder.value;
      } else {
        stack.push({ token: t, depth });
      }
    }
  };
  while (stack.length) {
    const { token, depth } = stack.pop() as { token: CST.Token; depth: number };
    if (token.type === 'document') visit(token, depth);
    else if (isCollectionToken(token)) for (const item of token.items) visit(item as Slot, depth + 1);
  }
  return first;
}

function isCollectionToken(t: CST.Token): t is CST.BlockMap | CST.BlockSequence | CST.FlowCollection {
  return t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection';
}

/** The document holding `offset` gets an error: its tree has holes, so only YAML-level rules judge it. */
function markTooDeep(docs: ParsedDoc[], offset: number): void {
  const i = Math.max(0, docs.findIndex((d) => offset >= d.span.start && offset <= d.span.end));
  const d = docs[i];
  if (!d) return;
  const error: YamlError = { code: TOO_DEEP, message: `Collections nest more than ${MAX_DEPTH} levels deep here; this document is checked as YAML only.`, span: { start: offset, end: offset + 1 } };
  docs[i] = { ...d, errors: [...d.errors, error] };
}

/**
 * A document too long to parse: one error, and the kind read from its top-level `kind:` line, so
 * a front end still knows whose document it is.
 */
function tooLarge(text: string): ParsedDoc {
  const kind = /^kind:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)/m.exec(text)?.[1];
  const apiVersion = /^apiVersion:[ \t]*["']?([A-Za-z0-9./-]+)/m.exec(text)?.[1];
  const message = `This document has ${text.length.toLocaleString('en-US')} characters, more than the ${MAX_DOCUMENT_LENGTH.toLocaleString('en-US')} that are parsed in a document that is not plain block YAML (flow collections over several lines, anchors, tags, multi-line strings); it is not checked.`;
  return { span: { start: 0, end: text.length }, root: null, errors: [{ code: TOO_LARGE, message, span: { start: 0, end: lineEndOf(text, 0) } }], problems: [], resources: [], kind, apiVersion };
}

function lineEndOf(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/**
 * Kubernetes reads YAML with go-yaml, which accepts a multi-line quoted scalar whose continuation
 * lines are indented no deeper than its key (common in old JSON annotations); the YAML spec and
 * the `yaml` package do not. When a chunk fails to parse, indent such lines in a copy, parse that,
 * and map every offset back. Used only if the copy parses without errors.
 */
function parseLeniently(text: string): ParsedDoc[] | undefined {
  const repair = indentQuotedContinuations(text);
  if (!repair) return undefined;
  let docs: Document.Parsed[];
  try {
    const composed = compose(repair.text);
    if (composed.deep !== undefined) return undefined;
    docs = composed.docs;
  } catch {
    return undefined;
  }
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  const { at, added } = repair;
  // `at[i]` is where (in the repaired text) the i-th insertion ends; `added[i]` counts inserted characters so far.
  const mapOffset = (o: number): number => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] <= o) lo = mid + 1;
      else hi = mid;
    }
    return o - (lo > 0 ? added[lo - 1] : 0);
  };
  return docs.map((d) => parsedDocOf(d, text, mapOffset));
}

interface Repair {
  readonly text: string;
  readonly at: number[];
  readonly added: number[];
}

/** Indents the under-indented continuation lines of quoted scalars; undefined when there are none. */
export function indentQuotedContinuations(text: string): Repair | undefined {
  const lines = text.split(/(?<=\n)/);
  let quote: '"' | "'" | undefined;
  let quoteIndent = 0;
  let blockIndent = -1;
  let out = '';
  const at: number[] = [];
  const added: number[] = [];
  let total = 0;
  for (const raw of lines) {
    let line = raw;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const blank = line.trim() === '';
    if (quote === undefined && blockIndent >= 0) {
      if (blank || indent > blockIndent) {
        out += line;
        continue;
      }
      blockIndent = -1;
    }
    let i = 0;
    if (quote !== undefined) {
      if (!blank && indent <= quoteIndent) {
        const pad = quoteIndent + 1 - indent;
        total += pad;
        out += ' '.repeat(pad);
        at.push(out.length);
        added.push(total);
      }
      i = closeQuote(line, 0, quote);
      if (i < 0) {
        out += line;
        continue;
      }
      quote = undefined;
    }
    // Outside quotes: find a quote that opens a scalar, or a block scalar indicator, or a comment.
    for (; i < line.length; i++) {
      const c = line[i];
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if ((c === "'" || c === '"') && opensScalar(line, i)) {
        const end = closeQuote(line, i + 1, c);
        if (end < 0) {
          quote = c;
          quoteIndent = indent;
          break;
        }
        i = end - 1;
      }
    }
    if (quote === undefined && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?\r?\n?$/.test(line)) blockIndent = indent;
    out += line;
    line = '';
  }
  return at.length > 0 ? { text: out, at, added } : undefined;
}

/** The index just past the closing quote on this line, or -1 when the scalar goes on. */
function closeQuote(line: string, from: number, q: '"' | "'"): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) {
      if (q === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** A quote opens a scalar at the start of a value: after indentation, `- `, `: `, `? `, `[`, `{` or `,`. */
function opensScalar(line: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
  if (j < 0) return true;
  const p = line[j];
  if (p === '[' || p === '{' || p === ',') return true;
  return (p === ':' || p === '-' || p === '?') && j < i - 1;
}

function parsedDocOf(d: Document.Parsed, text: string, mapOffset: (o: number) => number = (o) => o): ParsedDoc {
  const errors: YamlError[] = d.errors.map((e) => {
    const [s, t] = (e.pos ?? [0, 0]).map(mapOffset);
    const start = Math.max(0, Math.min(s, text.length));
    return { code: String(e.code), message: firstLine(e.message), span: visibleSpan(text, { start, end: Math.max(start, Math.min(t, text.length)) }) };
  });
  let root: YNode | null = null;
  let problems: TreeProblem[] = [];
  try {
    const converted = convertDocument(d, mapOffset);
    root = converted.root;
    problems = converted.problems;
  } catch (e) {
    errors.push({ code: 'CONVERT_FAILURE', message: `Could not read the document: ${(e as Error).message}`, span: { start: mapOffset(d.range[0]), end: mapOffset(d.range[0]) } });
  }
  return docOf({ start: mapOffset(d.range[0]), end: mapOffset(d.range[2]) }, root, errors, problems);
}

function docOf(span: Span, root: YNode | null, errors: YamlError[], problems: TreeProblem[]): ParsedDoc {
  const kind = strValue(pairOf(root, 'kind')?.value);
  const apiVersion = strValue(pairOf(root, 'apiVersion')?.value);
  const resources = root ? resourcesOf(root) : [];
  return { span, root, errors, problems, resources, kind, apiVersion };
}

/**
 * The parser reports an unterminated collection or scalar at the end of the input, often an empty
 * span at the start of a line after the document: move it back onto the last character written, so
 * the editor underlines something on a line the user wrote.
 */
function visibleSpan(text: string, span: Span): Span {
  if (span.end > span.start) return span;
  const atLineStart = span.start === 0 || text.charCodeAt(span.start - 1) === 10 || span.start >= text.length;
  if (!atLineStart) return span;
  let i = span.start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (i < 0) return span;
  return { start: i, end: i + 1 };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The recognised Kubernetes object at `node`, if it is one of ours. */
export function recognise(node: YNode | null | undefined, pathPrefix = '', listItem?: number): Resource | undefined {
  const root = asMap(node);
  if (!root) return undefined;
  const kind = strValue(pairOf(root, 'kind')?.value);
  const apiVersion = strValue(pairOf(root, 'apiVersion')?.value);
  if (!kind || apiVersion === undefined || !Object.hasOwn(GROUP_OF, kind)) return undefined;
  const k = kind as ResourceKind;
  if (groupOf(apiVersion) !== GROUP_OF[k]) return undefined;
  const metadata = pairOf(root, 'metadata')?.value;
  return {
    kind: k,
    apiVersion,
    served: apiVersion === SERVED_VERSION[k],
    root,
    name: strValue(pairOf(metadata, 'name')?.value),
    namespace: strValue(pairOf(metadata, 'namespace')?.value),
    listItem,
    pathPrefix,
  };
}

function resourcesOf(root: YNode): Resource[] {
  const top = recognise(root);
  if (top) return [top];
  const m = asMap(root);
  if (!m) return [];
  const kind = strValue(pairOf(m, 'kind')?.value);
  if (kind !== 'List' || strValue(pairOf(m, 'apiVersion')?.value) !== 'v1') return [];
  const items = asSeq(pairOf(m, 'items')?.value);
  if (!items) return [];
  const out: Resource[] = [];
  items.items.forEach((it, i) => {
    const r = recognise(it, `items[${i}].`, i);
    if (r) out.push(r);
  });
  return out;
}
