/**
 * Where an offset falls: its document, the object around it, and the YAML path under it. Two
 * readers with different jobs:
 *
 * - `nodeAt` reads the parsed tree, for hovers and navigation: the text under the cursor exists and
 *   is usually well formed.
 * - `cursorContext` reads the lines around the cursor by their indentation, for completion: the
 *   cursor is mostly where the YAML is being typed and broken (`  replicas:` with no value, a line
 *   holding only `    stor`, an empty line inside a mapping), and the parser folds such lines
 *   into their neighbours (`stor` plus the next key becomes one key), so the tree cannot be trusted
 *   there.
 *
 * Both answer with paths from the object's root (`['spec', 'volumeClaimTemplates', 0,
 * 'metadata', 'name']`), so a StatefulSet inside a `kind: List` reads like a top-level one.
 */
import type { Analysis, PlacedDoc, PlacedResource } from './analyze';
import type { Resource } from './parse';
import type { Span } from './types';
import { lastAtOrBelow } from './text';
import { at, strValue, type YNode, type YPair, type YScalar } from './yamlTree';

export type PathStep = string | number;

/** The document and object an offset falls in. */
export interface Place {
  readonly docIndex: number;
  readonly placed: PlacedDoc;
  /** The recognised object around the offset, if any. */
  readonly resource?: PlacedResource;
  /** The offset relative to the document's chunk (where the tree's spans live). */
  readonly rel: number;
}

/** The document holding `offset`: the last one starting at or before it. */
export function placeAt(analysis: Analysis, offset: number): Place | undefined {
  const docs = analysis.docs;
  if (docs.length === 0) return undefined;
  const lo = lastAtOrBelow(docs, offset, startOf);
  const placed = docs[lo];
  const rel = offset - placed.offset;
  return { docIndex: lo, placed, resource: resourceIn(analysis, placed, rel), rel };
}

function startOf(p: PlacedDoc): number {
  return p.offset + p.doc.span.start;
}

/** The top-level object, or the List item whose span holds `rel`. */
function resourceIn(analysis: Analysis, placed: PlacedDoc, rel: number): PlacedResource | undefined {
  const r = placed.doc.resources.find((x) => x.listItem === undefined || (x.root.span.start <= rel && rel <= x.root.span.end));
  return r && placedResource(analysis, r);
}

function placedResource(analysis: Analysis, r: Resource): PlacedResource | undefined {
  return analysis.resources.find((pr) => pr.resource === r);
}

/** `spec.volumeClaimTemplates[].metadata.name`: the path with sequence indices folded to `[]`. */
export function fieldPath(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += '[]';
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}

// ---- Tree reader ------------------------------------------------------------------------------

export interface NodeHit {
  readonly place: Place;
  /** Path from the object's root (the document's root when there is no object). */
  readonly path: readonly PathStep[];
  /** `key` on a mapping key; `value` on a scalar value or a scalar sequence item. */
  readonly on: 'key' | 'value';
  /** The pair whose key or value is under the offset; undefined for sequence items. */
  readonly pair?: YPair;
  /** The scalar under the offset, when there is one (a key or value may be empty). */
  readonly scalar?: YScalar;
  /** Absolute span of the key or value under the offset. */
  readonly span: Span;
  /** The collections from the object's root down to the one holding the hit, outermost first. */
  readonly parents: readonly YNode[];
}

/** The key or scalar value under `offset` (the end of a word counts as on it). */
export function nodeAt(analysis: Analysis, offset: number): NodeHit | undefined {
  const place = placeAt(analysis, offset);
  if (!place) return undefined;
  const root = place.resource?.resource.root ?? place.placed.doc.root;
  if (!root) return undefined;
  const rel = place.rel;
  const abs = (s: Span): Span => ({ start: s.start + place.placed.offset, end: s.end + place.placed.offset });
  const inside = (s: Span): boolean => s.start <= rel && rel <= s.end;
  const path: PathStep[] = [];
  const parents: YNode[] = [];
  let node: YNode = root;
  for (;;) {
    parents.push(node);
    let next: YNode | undefined;
    if (node.kind === 'map') {
      for (const p of node.pairs) {
        if (p.merged) continue; // written elsewhere (under its anchor), found there
        if (inside(p.keySpan)) {
          return { place, path: [...path, p.keyText], on: 'key', pair: p, scalar: p.key?.kind === 'scalar' ? p.key : undefined, span: abs(p.keySpan), parents };
        }
        const v = p.value;
        if (v && inside(v.span)) {
          if (v.kind === 'scalar') return { place, path: [...path, p.keyText], on: 'value', pair: p, scalar: v, span: abs(v.span), parents };
          path.push(p.keyText);
          next = v;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        if (!item || !inside(item.span)) continue;
        if (item.kind === 'scalar') return { place, path: [...path, i], on: 'value', scalar: item, span: abs(item.span), parents };
        path.push(i);
        next = item;
        break;
      }
    }
    if (!next) return undefined;
    node = next;
  }
}

// ---- Line reader ------------------------------------------------------------------------------

/** One structural element of a line: a `- ` item marker, a `key:`, or a bare word. */
interface Element {
  readonly kind: 'item' | 'key' | 'word';
  /** 0-based column in UTF-16 code units. */
  readonly col: number;
  readonly text: string;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly elements: readonly Element[];
  /** True for `---` and `...` lines. */
  readonly marker: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},:][^#]*?|[^\s#'"{[\]},:]?)[ \t]*:(?=[ \t]|$)/;

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\(.)/g, '$1');
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** Reads the structure of `text[start, end)` (one line, without its break). */
function readLine(text: string, start: number, end: number): Line {
  const elements: Element[] = [];
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i === start && (text.startsWith('---', start) || text.startsWith('...', start))) {
    const after = text.charCodeAt(start + 3);
    if (start + 3 >= end || after === 32 || after === 9) return { start, end, elements, marker: true };
  }
  for (;;) {
    if (i < end && text.charCodeAt(i) === 45 /* - */ && (i + 1 >= end || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      elements.push({ kind: 'item', col: i - start, text: '-' });
      i++;
      while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      continue;
    }
    break;
  }
  if (i < end && text.charCodeAt(i) !== 35 /* # */) {
    const rest = text.slice(i, end);
    const m = KEY_RE.exec(rest);
    if (m) elements.push({ kind: 'key', col: i - start, text: unquote(m[1].trim()) });
    else elements.push({ kind: 'word', col: i - start, text: rest.replace(/\s+#.*$/, '').trimEnd() });
  }
  return { start, end, elements, marker: false };
}

function lineEndAt(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const e = n < 0 ? text.length : n;
  return e > from && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

function lineStartAt(text: string, offset: number): number {
  // lastIndexOf reads a negative start as 0: at offset 0 it would find a newline at 0 and return 1.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

export interface CursorContext {
  readonly place: Place;
  /** The object's kind as written (also when the object is not recognised yet). */
  readonly kind?: string;
  /**
   * `key`: a key is being typed; `path` is the mapping it goes into.
   * `value`: a value is being typed; `path` is the field it belongs to (with the index for a flow
   * sequence item, as in `accessModes: [ReadWriteOnce, |]`).
   */
  readonly mode: 'key' | 'value';
  readonly path: readonly PathStep[];
  /** What has been typed of the key or value before the cursor (quotes stripped). */
  readonly prefix: string;
  /** Absolute span a completion replaces: the word under the cursor, both sides. */
  readonly replace: Span;
  /** Keys already present in the mapping (key mode). */
  readonly siblings: readonly string[];
  /**
   * Key mode: the word is the first thing after a `- ` marker, so it may be either a key of a new
   * item in a list of objects or a value in a list of scalars (`- ReadWriteOnce`).
   */
  readonly bareItem: boolean;
  /** Key mode: the column where the key starts (snippets indent their bodies from it). */
  readonly column: number;
}

const MAX_LINES_UP = 20_000;

/**
 * The completion context at `offset`, read from the lines above and below by indentation. Undefined
 * inside comments, block scalars and flow mappings, where no key or field value is being typed.
 */
export function cursorContext(analysis: Analysis, absolute: number): CursorContext | undefined {
  const place = placeAt(analysis, absolute);
  if (!place) return undefined;
  // Read in the document's chunk, not in the file: completion runs on every keystroke, and the
  // whole text of a large file is not one string then (PieceText). Offsets below are the chunk's.
  const inChunk = absolute - place.placed.offset <= place.placed.chunkText.length;
  const base = inChunk ? place.placed.offset : 0;
  const text = inChunk ? place.placed.chunkText : analysis.text;
  const offset = absolute - base;
  const docStart = startOf(place.placed) - base;
  const ls = lineStartAt(text, offset);
  const le = lineEndAt(text, offset);
  const before = text.slice(ls, offset);
  if (/(^|\s)#/.test(before)) return undefined;
  if (insideBlockScalar(place)) return undefined;

  const line = readLine(text, ls, le);
  if (line.marker) return undefined;
  const col = offset - ls;
  // Elements up to the cursor: what follows on the line does not change what is being typed.
  const own = line.elements.filter((e) => e.col <= col);
  const last = own[own.length - 1];

  let mode: 'key' | 'value' = 'key';
  let prefix = '';
  let replace: Span = { start: offset, end: offset };
  let keyCol = col;
  let flowIndex: number | undefined;
  const chain: Element[] = [...own];

  if (last && last.kind === 'key' && col > last.col + rawKeyLength(text, ls + last.col, le)) {
    mode = 'value';
    const valueText = text.slice(ls + last.col, offset).replace(/^[^:]*?:\s*/, '');
    const afterColon = offset - valueText.length;
    if (valueText.startsWith('{')) return undefined;
    if (valueText.startsWith('[')) {
      const cut = Math.max(valueText.lastIndexOf('['), valueText.lastIndexOf(','));
      flowIndex = (valueText.match(/,/g) ?? []).length;
      const token = valueText.slice(cut + 1).replace(/^\s*/, '');
      prefix = stripQuote(token);
      const end = /^["']/.test(token) ? closingQuoteEnd(text, offset, le, token[0]) : scanTokenEnd(text, offset, le, true);
      replace = { start: offset - token.length, end };
    } else {
      prefix = stripQuote(valueText);
      replace = { start: afterColon, end: trimEnd(text, afterColon, le) };
    }
    keyCol = last.col;
  } else if (last && (last.kind === 'word' || last.kind === 'key')) {
    // A word (or the key part of a pair) under the cursor: a key being typed or edited.
    const wordStart = ls + last.col;
    prefix = stripQuote(text.slice(wordStart, offset));
    if (/[\s{}[\],]/.test(prefix)) return undefined;
    const end = last.kind === 'key' ? wordStart + rawKeyLength(text, wordStart, le) : scanTokenEnd(text, offset, le, false);
    replace = { start: wordStart, end: Math.max(end, offset) };
    keyCol = last.col;
    chain.pop();
  } else if (before.trim() !== '' && !(last && last.kind === 'item')) {
    return undefined;
  }
  // The element being typed sits at `keyCol`; `chain` holds the item markers before it.
  const bareItem = mode === 'key' && chain.length > 0 && chain[chain.length - 1].kind === 'item';

  const walk = walkUp(text, docStart, ls, chain, { kind: 'key', col: keyCol, text: '' }, mode === 'key');
  const siblings = mode === 'key' ? [...walk.siblings, ...siblingsBelow(text, le, keyCol, bareItem)] : [];
  let docPath = walk.path;
  if (mode === 'value') docPath = [...docPath, own[own.length - 1].text, ...(flowIndex !== undefined ? [flowIndex] : [])];

  if (place.placed.doc.kind === 'List') {
    // The item is known by its path: the cursor is often past the end of the item's parsed span.
    const item = docPath[1];
    if (docPath[0] !== 'items' || typeof item !== 'number') return undefined;
    const r = place.placed.doc.resources.find((x) => x.listItem === item);
    const itemPlace: Place = { ...place, resource: r && placedResource(analysis, r) };
    const kind = strValue(at(place.placed.doc.root, 'items', item, 'kind'));
    return { place: itemPlace, kind, mode, path: docPath.slice(2), prefix, replace: { start: replace.start + base, end: replace.end + base }, siblings: dedupe(siblings), bareItem, column: keyCol };
  }
  const kind = place.resource?.resource.kind ?? place.placed.doc.kind;
  return { place, kind, mode, path: docPath, prefix, replace: { start: replace.start + base, end: replace.end + base }, siblings: dedupe(siblings), bareItem, column: keyCol };
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function stripQuote(s: string): string {
  return s.replace(/^["']/, '');
}

/** Length of the `key` part (through the last character before the colon) of a key element. */
function rawKeyLength(text: string, from: number, lineEnd: number): number {
  const m = KEY_RE.exec(text.slice(from, lineEnd));
  return m ? m[1].trimEnd().length : 0;
}

function trimEnd(text: string, from: number, lineEnd: number): number {
  const hash = text.slice(from, lineEnd).search(/(^|\s)#/);
  let e = hash < 0 ? lineEnd : from + hash;
  while (e > from && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Just past the quote closing a quoted flow item (spaces and commas may sit inside), else the token's end. */
function closingQuoteEnd(text: string, from: number, lineEnd: number, quote: string): number {
  const close = text.slice(from, lineEnd).search(quote === '"' ? /(?<!\\)"/ : /'(?!')/);
  return close < 0 ? scanTokenEnd(text, from, lineEnd, true) : from + close + 1;
}

function scanTokenEnd(text: string, from: number, lineEnd: number, flow: boolean): number {
  let e = from;
  const stop = flow ? /[\s,\]}#]/ : /[\s#]/;
  while (e < lineEnd && !stop.test(text[e])) e++;
  return e;
}

/** True when the offset is inside the text of a `|` or `>` scalar (below its header line). */
function insideBlockScalar(place: Place): boolean {
  const rel = place.rel;
  const visit = (n: YNode | null | undefined): boolean => {
    if (!n || rel < n.span.start || rel > n.span.end) return false;
    if (n.kind === 'scalar') return n.style === 'BLOCK_LITERAL' || n.style === 'BLOCK_FOLDED' ? place.placed.chunkText.lastIndexOf('\n', rel - 1) >= n.span.start : false;
    if (n.kind === 'seq') return n.items.some(visit);
    return n.pairs.some((p) => !p.merged && visit(p.value));
  };
  return visit(place.placed.doc.root);
}

interface Walk {
  readonly path: PathStep[];
  readonly siblings: string[];
}

/**
 * Climbs from the element being typed to the document's root. `chain` holds the elements before it
 * on its own line (outermost first); the lines above are read innermost element first. An element
 * is contained by the nearest element above it at a smaller column, and a `- ` item also by a key
 * at its own column (`key:` followed by `- item` at the same indentation).
 */
function walkUp(text: string, docStart: number, lineStart: number, chain: readonly Element[], typed: Element, collectSiblings: boolean): Walk {
  const path: PathStep[] = [];
  const siblings: string[] = [];
  let cur: Element = typed;
  let level = 0;
  let itemIndex = 0;

  const climb = (e: Element): void => {
    if (cur.kind === 'item') path.unshift(itemIndex);
    if (e.kind === 'key') path.unshift(e.text);
    itemIndex = 0;
    cur = e;
    level++;
  };
  const visit = (e: Element): void => {
    if (cur.kind === 'item') {
      if (e.col > cur.col) return;
      if (e.col === cur.col) {
        if (e.kind === 'item') itemIndex++;
        else if (e.kind === 'key') climb(e);
        return;
      }
      if (e.kind !== 'word') climb(e);
      return;
    }
    if (e.col > cur.col) return;
    if (e.col === cur.col) {
      if (e.kind === 'key' && level === 0 && collectSiblings) siblings.push(e.text);
      return;
    }
    if (e.kind !== 'word') climb(e);
  };

  for (let i = chain.length - 1; i >= 0; i--) visit(chain[i]);
  let end = lineStart - 1;
  let lines = 0;
  while (end >= docStart && lines++ < MAX_LINES_UP) {
    const start = lineStartAt(text, end);
    const l = readLine(text, start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (l.marker) break;
    for (let i = l.elements.length - 1; i >= 0; i--) visit(l.elements[i]);
    if (cur.col === 0 && cur.kind === 'key' && level > 0) break;
    end = start - 1;
  }
  if (cur.kind === 'item') path.unshift(itemIndex);
  return { path, siblings };
}

/** Keys at `col` on the lines below, up to the end of the mapping. */
function siblingsBelow(text: string, lineEnd: number, col: number, bareItem: boolean): string[] {
  const out: string[] = [];
  let start = lineEnd + 1;
  if (text.charCodeAt(lineEnd) === 13) start++;
  let lines = 0;
  while (start < text.length && lines++ < MAX_LINES_UP) {
    const end = lineEndAt(text, start);
    const l = readLine(text, start, end);
    if (l.marker) break;
    const first = l.elements[0];
    if (first) {
      if (first.col < col) break;
      if (first.col === col && first.kind === 'item' && !bareItem) break;
      if (first.col === col && first.kind === 'key') out.push(first.text);
    }
    start = end + 1;
    if (text.charCodeAt(end) === 13) start++;
  }
  return out;
}
