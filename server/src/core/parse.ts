/**
 * Text -> documents -> resources. Never throws.
 *
 * A file is first cut into chunks at `---` lines. A line that starts with `---` (or `...`)
 * followed by a blank or the end of the line is a document marker wherever it stands, as YAML
 * forbids it inside scalars and flow collections at column 0, so the cut is always safe. Each chunk
 * is parsed on its own; an edit re-parses only the chunk it touches (see analyze.ts).
 */
import { parseAllDocuments, type Document } from 'yaml';
import { convertDocument, pairOf, strValue, asMap, asSeq, type TreeProblem, type YMap, type YNode } from './yamlTree';
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
  let lineStart = 0;
  const n = text.length;
  while (lineStart < n) {
    if (text.charCodeAt(lineStart) === 45 /* - */ && lineStart > 0 && text.startsWith('---', lineStart)) {
      const after = text.charCodeAt(lineStart + 3);
      if (lineStart + 3 >= n || after === 32 || after === 9 || after === 10 || after === 13) {
        cuts.push(directiveStart(text, lineStart));
      }
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
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

/** Parses one chunk. Every span in the result is relative to the chunk's start. */
export function parseChunk(text: string): ParsedDoc[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS) as unknown as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    return [{ span: { start: 0, end: text.length }, root: null, errors: [{ code: 'PARSER_FAILURE', message: `The YAML parser failed: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, 1) } }], problems: [], resources: [] }];
  }
  return docs.map((d) => parsedDocOf(d, text.length));
}

function parsedDocOf(d: Document.Parsed, textLength: number): ParsedDoc {
  const errors: YamlError[] = d.errors.map((e) => {
    const [s, t] = e.pos ?? [0, 0];
    const start = Math.max(0, Math.min(s, textLength));
    return { code: String(e.code), message: firstLine(e.message), span: { start, end: Math.max(start, Math.min(t, textLength)) } };
  });
  let root: YNode | null = null;
  let problems: TreeProblem[] = [];
  try {
    const converted = convertDocument(d);
    root = converted.root;
    problems = converted.problems;
  } catch (e) {
    errors.push({ code: 'CONVERT_FAILURE', message: `Could not read the document: ${(e as Error).message}`, span: { start: d.range[0], end: d.range[0] } });
  }
  const kind = strValue(pairOf(root, 'kind')?.value);
  const apiVersion = strValue(pairOf(root, 'apiVersion')?.value);
  const resources = root ? resourcesOf(root) : [];
  return { span: { start: d.range[0], end: d.range[2] }, root, errors, problems, resources, kind, apiVersion };
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
  if (!kind || apiVersion === undefined || !(kind in GROUP_OF)) return undefined;
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
