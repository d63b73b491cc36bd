/**
 * The values a kustomize build moves around: plain YAML data in which every key and every value
 * remembers where it was written (file and span in that file's text). Patches and transformers
 * edit these trees in place; the emitter (emit.ts) writes them out with a source map.
 */
import { splitChunks, parseChunk } from '../parse';
import type { Span } from '../types';
import type { YNode, YScalar } from '../yamlTree';

/** Where a key or value was written: a file (path as the caller's reader names it) and a span in its text. */
export interface Origin {
  readonly file: string;
  readonly span: Span;
}

export interface KScalar {
  readonly kind: 'scalar';
  value: string | number | boolean | null;
  /** A float written with an integral value (`1.0`) stays a float when emitted. */
  readonly float?: boolean;
  origin: Origin;
}

export interface KEntry {
  readonly key: string;
  keyOrigin: Origin;
  value: KNode;
}

export interface KMap {
  readonly kind: 'map';
  entries: KEntry[];
  origin: Origin;
}

export interface KSeq {
  readonly kind: 'seq';
  items: KNode[];
  origin: Origin;
}

export type KNode = KMap | KSeq | KScalar;

export function kScalar(value: KScalar['value'], origin: Origin): KScalar {
  return { kind: 'scalar', value, origin };
}

export function kMap(origin: Origin, entries: KEntry[] = []): KMap {
  return { kind: 'map', entries, origin };
}

const YAML12_BOOL = /^(true|True|TRUE|false|False|FALSE)$/;

/**
 * kustomize reads its input as YAML 1.2 (go-yaml v3), not 1.1 as the API server's decoder does,
 * and writes what it read: plain `yes`, `off`, `y` stay strings (written quoted), `1:20` is a
 * string, `0o17` a number. The build reads files as kustomize does (measured with kubectl).
 */
function asKustomizeReads(n: YScalar, source: string): Pick<KScalar, 'value' | 'float'> {
  if (n.style !== 'PLAIN' || n.tag !== undefined) return { value: n.value, ...(n.type === 'float' ? { float: true } : {}) };
  const text = source.slice(n.span.start, n.span.end);
  if (n.type === 'bool' && !YAML12_BOOL.test(text)) return { value: text };
  if ((n.type === 'int' || n.type === 'float') && text.includes(':')) return { value: text };
  if (n.type === 'str' && /^[-+]?0o[0-7]+$/.test(text)) return { value: (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[-+]?0o/, ''), 8) };
  return { value: n.value, ...(n.type === 'float' ? { float: true } : {}) };
}

/** Converts a parsed YAML node; `offset` places its chunk-relative spans in the file, `source` is the chunk's text. */
export function fromYNode(n: YNode | null, file: string, offset: number, fallback: Span, source: string): KNode {
  const at = (s: Span): Origin => ({ file, span: { start: s.start + offset, end: s.end + offset } });
  if (!n) return kScalar(null, at(fallback));
  if (n.kind === 'scalar') return { kind: 'scalar', ...asKustomizeReads(n, source), origin: at(n.span) };
  if (n.kind === 'seq') return { kind: 'seq', items: n.items.map((i) => fromYNode(i, file, offset, n.span, source)), origin: at(n.span) };
  const entries: KEntry[] = [];
  for (const p of n.pairs) {
    const value = fromYNode(p.value, file, offset, p.keySpan, source);
    const read = p.key?.kind === 'scalar' ? asKustomizeReads(p.key, source).value : undefined;
    const key = read === undefined || read === null ? p.keyText : String(read);
    const i = entries.findIndex((e) => e.key === key);
    // A later duplicate key wins, as in Kubernetes' decoder.
    if (i >= 0) entries.splice(i, 1);
    entries.push({ key, keyOrigin: at(p.keySpan), value });
  }
  return { kind: 'map', entries, origin: at(n.span) };
}

export interface FileDoc {
  readonly root: KNode;
  /** True when the document has YAML syntax errors (the build does not trust it). */
  readonly broken: boolean;
}

/** Every non-empty document of a file's text, as trees with origins in `file`. */
export function readDocs(text: string, file: string): FileDoc[] {
  const out: FileDoc[] = [];
  for (const chunk of splitChunks(text)) {
    for (const d of parseChunk(chunk.text)) {
      if (!d.root) continue;
      out.push({ root: fromYNode(d.root, file, chunk.start, d.span, chunk.text), broken: d.errors.length > 0 || d.problems.length > 0 });
    }
  }
  if (!text.endsWith('\n') && out.length > 0) dropFinalBreak(out[out.length - 1]!.root, text.length);
  return out;
}

/**
 * A block scalar that ends the file without a final line break has none in its value for
 * kustomize's YAML reader; the `yaml` package adds one. Kustomize's output is what we build.
 */
function dropFinalBreak(n: KNode, end: number): void {
  if (n.kind === 'scalar') {
    if (typeof n.value === 'string' && n.value.endsWith('\n') && n.origin.span.end === end) n.value = n.value.slice(0, -1);
    return;
  }
  const last = n.kind === 'map' ? n.entries[n.entries.length - 1]?.value : n.items[n.items.length - 1];
  if (last) dropFinalBreak(last, end);
}

export function clone<T extends KNode>(n: T): T {
  if (n.kind === 'scalar') return { ...n };
  if (n.kind === 'seq') return { ...n, items: n.items.map(clone) } as T;
  return { ...n, entries: n.entries.map((e) => ({ key: e.key, keyOrigin: e.keyOrigin, value: clone(e.value) })) } as T;
}

/** The plain JSON value of a tree. */
export function toJson(n: KNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toJson);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = toJson(e.value);
  return o;
}

export function entryOf(n: KNode | undefined, key: string): KEntry | undefined {
  return n?.kind === 'map' ? n.entries.find((e) => e.key === key) : undefined;
}

export function get(n: KNode | undefined, ...path: string[]): KNode | undefined {
  let cur = n;
  for (const k of path) cur = entryOf(cur, k)?.value;
  return cur;
}

export function str(n: KNode | undefined): string | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** Sets `key` in `map`, keeping the key's place (and origin) when it exists. */
export function setEntry(map: KMap, key: string, value: KNode, keyOrigin: Origin): void {
  const e = map.entries.find((x) => x.key === key);
  if (e) e.value = value;
  else map.entries.push({ key, keyOrigin, value });
}

export function deleteEntry(map: KMap, key: string): void {
  map.entries = map.entries.filter((e) => e.key !== key);
}

/** The map at `key` in `map`, created (with `origin`) when absent or not a map. */
export function mapAt(map: KMap, key: string, origin: Origin): KMap {
  const e = entryOf(map, key);
  if (e?.value.kind === 'map') return e.value;
  const m = kMap(origin);
  setEntry(map, key, m, origin);
  return m;
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqualJson(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const bo = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqualJson((a as Record<string, unknown>)[k], bo[k]));
}
