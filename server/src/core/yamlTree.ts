/**
 * Our own small, immutable view of a YAML document: what the rules, hovers and the identity
 * engine read. Built once per document from the `yaml` package's AST. Spans are relative to the
 * start of the chunk of text the document was parsed from (see parse.ts), so a document whose
 * text did not change can be reused at another offset after an edit elsewhere in the file.
 *
 * Aliases are not copied: an alias points at the very node its anchor built, so an alias bomb
 * costs one node per anchor, not an exponential tree. Merge keys (`<<`) are applied the way
 * YAML 1.1 decoders do: explicit keys win, then earlier merge sources win over later ones.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node as YamlNode,
  type ParsedNode,
  type Scalar,
} from 'yaml';
import type { Span } from './types';

export type ScalarType = 'str' | 'int' | 'float' | 'bool' | 'null';

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  /** The decoded value, with YAML 1.1 typing (`yes` is `true`, `0755` is 493). */
  readonly value: string | number | boolean | null;
  readonly type: ScalarType;
  /** Source style: PLAIN, QUOTE_SINGLE, QUOTE_DOUBLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  readonly style: string;
  /** Explicit tag as written (`!!str`), if any. */
  readonly tag?: string;
}

export interface YPair {
  readonly key: YNode | null;
  /** The key as a string (non-scalar keys are rendered as `[complex key]`). */
  readonly keyText: string;
  readonly keySpan: Span;
  readonly value: YNode | null;
  /** Span of the whole pair: key start to value end (key span when there is no value). */
  readonly span: Span;
  /** Set when the pair came from a `<<` merge rather than being written in this mapping. */
  readonly merged?: boolean;
}

export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly pairs: readonly YPair[];
  readonly flow: boolean;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly (YNode | null)[];
  readonly flow: boolean;
}

export type YNode = YMap | YSeq | YScalar;

export interface TreeProblem {
  readonly message: string;
  readonly span: Span;
  readonly code: 'alias-cycle' | 'bad-merge' | 'duplicate-key' | 'too-large' | 'too-deep' | 'line-without-key';
}

export interface ConvertResult {
  readonly root: YNode | null;
  readonly problems: TreeProblem[];
}

/** Hard cap on nodes per document, so hostile input stays bounded in memory. */
export const MAX_NODES = 2_000_000;

/**
 * Collections nested deeper than this are not read (parse.ts cuts them from the parser's tokens
 * before the `yaml` package builds a document, whose recursion would otherwise run out of stack),
 * and an alias that would make the tree deeper is dropped here. Every walk over the tree can then
 * recurse without a stack to fear. Kubernetes objects nest about 15 levels; CRD schemas about 60.
 */
export const MAX_DEPTH = 100;

/** `mapOffset` turns offsets of the text that was parsed into offsets of the original text. */
export function convertDocument(doc: Document.Parsed | Document, mapOffset: (o: number) => number = (o) => o): ConvertResult {
  const problems: TreeProblem[] = [];
  const anchors = new Map<string, YNode | null>();
  const done = new Map<YamlNode, YNode | null>();
  const inProgress = new Set<YamlNode>();
  /** Collection levels at and below each node (a scalar has 0). */
  const heights = new Map<YNode, number>();
  const heightOf = (n: YNode | null): number => (n ? (heights.get(n) ?? 0) : 0);
  let budget = MAX_NODES;
  let tooDeep = false;

  const rangeOf = (n: { range?: [number, number, number] | null }): Span =>
    n.range ? { start: mapOffset(n.range[0]), end: mapOffset(n.range[1]) } : { start: 0, end: 0 };

  const scalarOf = (s: Scalar): YScalar => {
    const raw = s.value;
    let value: YScalar['value'];
    let type: ScalarType;
    if (raw === null || raw === undefined) {
      value = null;
      type = 'null';
    } else if (typeof raw === 'boolean') {
      value = raw;
      type = 'bool';
    } else if (typeof raw === 'number') {
      value = raw;
      type = Number.isInteger(raw) && isIntegerSource(s) ? 'int' : 'float';
    } else if (typeof raw === 'bigint') {
      value = Number(raw);
      type = 'int';
    } else if (typeof raw === 'string') {
      value = raw;
      type = 'str';
    } else if (raw instanceof Date) {
      // YAML 1.1 timestamps: Kubernetes' decoder ends up with a string for these.
      value = String(s.source ?? raw.toISOString());
      type = 'str';
    } else if (typeof raw === 'symbol') {
      value = raw.description ?? '';
      type = 'str';
    } else {
      value = String(raw);
      type = 'str';
    }
    return { kind: 'scalar', span: rangeOf(s), value, type, style: String(s.type ?? 'PLAIN'), tag: s.tag };
  };

  const keyTextOf = (k: YNode | null): string => {
    if (!k) return '';
    if (k.kind === 'scalar') return k.value === null ? '' : String(k.value);
    return '[complex key]';
  };

  /** `depth`: the collections around `n`. */
  const conv = (n: unknown, depth: number): YNode | null => {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const a = n as Alias;
      if (!anchors.has(a.source)) return null; // the yaml package already reports unresolved aliases
      const target = anchors.get(a.source) ?? null;
      if (target === null && [...inProgress].some((p) => (p as { anchor?: string }).anchor === a.source)) {
        problems.push({ code: 'alias-cycle', message: `Alias *${a.source} refers to the node that contains it.`, span: rangeOf(a) });
      }
      if (depth + heightOf(target) > MAX_DEPTH) {
        // Aliases nest anchors inside anchors: the tree they make can be far deeper than the text.
        if (!tooDeep) problems.push({ code: 'too-deep', message: `Alias *${a.source} here nests collections more than ${MAX_DEPTH} levels deep; it is not read.`, span: rangeOf(a) });
        tooDeep = true;
        return null;
      }
      return target;
    }
    const node = n as YamlNode;
    const memo = done.get(node);
    if (memo !== undefined) return memo;
    if (--budget < 0) {
      if (budget === -1) problems.push({ code: 'too-large', message: 'Document too large to analyse; the rest is skipped.', span: rangeOf(node) });
      return null;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, null);
    inProgress.add(node);
    let out: YNode | null = null;
    if (isScalar(node)) {
      out = scalarOf(node);
    } else if (isMap(node)) {
      out = convertMap(node as unknown as { items: unknown[]; range?: [number, number, number]; flow?: boolean }, depth + 1);
      let h = 0;
      for (const p of out.pairs) h = Math.max(h, heightOf(p.key), heightOf(p.value));
      heights.set(out, h + 1);
    } else if (isSeq(node)) {
      const items = (node.items as unknown[]).map((it) => conv(it, depth + 1));
      const flow = Boolean(node.flow);
      out = { kind: 'seq', span: flow ? rangeOf(node) : blockSpan(rangeOf(node), items.map((i) => i?.span)), items, flow };
      let h = 0;
      for (const i of items) h = Math.max(h, heightOf(i));
      heights.set(out, h + 1);
    }
    inProgress.delete(node);
    done.set(node, out);
    if (anchor) anchors.set(anchor, out);
    return out;
  };

  /** `depth`: the collections around the map's keys and values (the map itself included). */
  const convertMap = (m: { items: unknown[]; range?: [number, number, number]; flow?: boolean }, depth: number): YMap => {
    const own: YPair[] = [];
    const mergeSources: YMap[] = [];
    for (const item of m.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as ParsedNode | null;
      const isMergeKey = isScalar(keyNode) && typeof keyNode.value === 'symbol' && (keyNode.type ?? 'PLAIN') === 'PLAIN';
      if (isMergeKey) {
        const v = conv(item.value, depth);
        const sources = v && v.kind === 'seq' ? v.items : [v];
        for (const s of sources) {
          if (s && s.kind === 'map') mergeSources.push(s);
          else if (s) problems.push({ code: 'bad-merge', message: 'A merge key (<<) takes a mapping or a list of mappings.', span: s.span });
        }
        continue;
      }
      const key = conv(keyNode, depth);
      const value = conv(item.value, depth);
      const keySpan = key ? key.span : keyNode ? rangeOf(keyNode as never) : value ? { start: value.span.start, end: value.span.start } : { start: 0, end: 0 };
      own.push({ key, keyText: keyTextOf(key), keySpan, value, span: { start: keySpan.start, end: value ? Math.max(value.span.end, keySpan.end) : keySpan.end } });
    }
    let pairs: YPair[] = own;
    if (mergeSources.length > 0) {
      const seen = new Set(own.map((p) => p.keyText));
      pairs = [...own];
      for (const src of mergeSources) {
        for (const p of src.pairs) {
          if (seen.has(p.keyText)) continue;
          seen.add(p.keyText);
          pairs.push({ ...p, merged: true });
        }
      }
    }
    const flow = Boolean(m.flow);
    return { kind: 'map', span: flow ? rangeOf(m) : blockSpan(rangeOf(m), own.map((p) => p.span)), pairs, flow };
  };

  const root = conv(doc.contents, 0);
  return { root, problems };
}

/**
 * A block collection's range runs on to the start of the next line (and over trailing comments);
 * its span here ends where its last entry's text ends, so edits and underlines stay on its lines.
 */
function blockSpan(range: Span, children: (Span | undefined)[]): Span {
  let end = range.start;
  for (const c of children) if (c && c.end > end) end = c.end;
  return end > range.start ? { start: range.start, end: Math.min(end, range.end) } : range;
}

function isIntegerSource(s: Scalar): boolean {
  const src = s.source;
  if (typeof src !== 'string') return true;
  return /^[-+]?0x/i.test(src) || !/[.eEnN]/.test(src);
}

/**
 * Calls `visit` for every key written a second (or later) time in one mapping anywhere under
 * `root`. Only scalar keys written in the mapping count: merged pairs and complex keys do not.
 */
export function eachDuplicateKey(root: YNode | null | undefined, visit: (pair: YPair) => void): void {
  // Scalars hold no keys: only collections are walked. `seen`: an alias repeats a node.
  const seen = new Set<YNode>();
  const stack: YNode[] = root && root.kind !== 'scalar' ? [root] : [];
  while (stack.length > 0) {
    const n = stack.pop() as YNode;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'seq') {
      for (const it of n.items) if (it && it.kind !== 'scalar') stack.push(it);
    } else if (n.kind === 'map') {
      const pairs = n.pairs;
      // Most mappings have a handful of keys: comparing with the earlier ones beats building a set.
      const keys = pairs.length > SMALL_MAP ? new Set<string>() : undefined;
      for (let i = 0; i < pairs.length; i++) {
        const p = pairs[i];
        if (p.value && p.value.kind !== 'scalar') stack.push(p.value);
        if (!countsAsKey(p)) continue;
        if (keys ? keys.has(p.keyText) : seenBefore(pairs, i)) visit(p);
        keys?.add(p.keyText);
      }
    }
  }
}

/** The keys written twice, in the order found (see eachDuplicateKey). */
export function duplicateKeysIn(root: YNode | null | undefined): string[] {
  const out: string[] = [];
  eachDuplicateKey(root, (p) => out.push(p.keyText));
  return out;
}

const SMALL_MAP = 16;

function countsAsKey(p: YPair): boolean {
  return !p.merged && p.key !== null && p.key.kind === 'scalar';
}

function seenBefore(pairs: readonly YPair[], i: number): boolean {
  const text = pairs[i].keyText;
  for (let j = 0; j < i; j++) if (pairs[j].keyText === text && countsAsKey(pairs[j])) return true;
  return false;
}

// ---- Small accessors the whole core uses ----------------------------------------------------

export function pairOf(map: YNode | null | undefined, key: string): YPair | undefined {
  if (!map || map.kind !== 'map') return undefined;
  for (const p of map.pairs) if (p.keyText === key) return p;
  return undefined;
}

export function child(node: YNode | null | undefined, key: string): YNode | null | undefined {
  return pairOf(node, key)?.value;
}

/** Follows a path of map keys and sequence indices; undefined where the path does not exist. */
export function at(node: YNode | null | undefined, ...path: (string | number)[]): YNode | null | undefined {
  let cur: YNode | null | undefined = node;
  for (const step of path) {
    if (!cur) return undefined;
    if (typeof step === 'number') {
      if (cur.kind !== 'seq') return undefined;
      cur = cur.items[step];
    } else {
      cur = child(cur, step);
    }
  }
  return cur;
}

export function asMap(n: YNode | null | undefined): YMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

export function asSeq(n: YNode | null | undefined): YSeq | undefined {
  return n && n.kind === 'seq' ? n : undefined;
}

export function asScalar(n: YNode | null | undefined): YScalar | undefined {
  return n && n.kind === 'scalar' ? n : undefined;
}

/** The value as a string if it is a string scalar (YAML 1.1 typed: `yes` is not a string). */
export function strValue(n: YNode | null | undefined): string | undefined {
  return n && n.kind === 'scalar' && n.type === 'str' ? (n.value as string) : undefined;
}

/** The value as an integer if it is an int scalar. */
export function intValue(n: YNode | null | undefined): number | undefined {
  return n && n.kind === 'scalar' && n.type === 'int' ? (n.value as number) : undefined;
}

/** Any scalar rendered as text (for messages and names), undefined for collections. */
export function scalarText(n: YNode | null | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

/** A plain JS value of a subtree, bounded (for selectors, labels and other small maps). */
export function toPlain(n: YNode | null | undefined, budget = { left: 10_000 }): unknown {
  if (!n || budget.left-- <= 0) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map((i) => toPlain(i, budget));
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[p.keyText] = toPlain(p.value, budget);
  return o;
}

/**
 * The quotes an object writes its string values in, when most of them are quoted one way; else
 * undefined (plain). Inserted values follow it, so a file that quotes stays quoted. An alias is
 * the node its anchor built, not a copy: each node is read once.
 */
export function quoteStyleOf(root: YNode | null | undefined): '"' | "'" | undefined {
  const counts = { PLAIN: 0, QUOTE_DOUBLE: 0, QUOTE_SINGLE: 0 };
  const seen = new Set<YNode>();
  const visit = (n: YNode | null | undefined): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'scalar') {
      if (n.type === 'str' && n.style in counts) counts[n.style as keyof typeof counts]++;
    } else if (n.kind === 'seq') n.items.forEach(visit);
    else for (const p of n.pairs) if (!p.merged) visit(p.value);
  };
  visit(root);
  if (counts.QUOTE_DOUBLE > counts.PLAIN && counts.QUOTE_DOUBLE >= counts.QUOTE_SINGLE) return '"';
  if (counts.QUOTE_SINGLE > counts.PLAIN) return "'";
  return undefined;
}
