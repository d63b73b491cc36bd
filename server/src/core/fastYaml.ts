/**
 * A fast path for the block-style YAML that Kubernetes manifests are written in: block mappings
 * and sequences, single-line plain and quoted scalars, literal and folded block scalars, one-line
 * flow collections, comments and a leading `---`. It builds the same `YNode` tree (spans, values,
 * YAML 1.1 types, styles) and document span as the `yaml` package and `convertDocument` do, in one
 * pass over the text, without the lexer's tokens or the composer's `Document`.
 *
 * Anything outside that subset (anchors, aliases, tags, merge keys, directives, `?` keys,
 * multi-line plain, quoted or flow scalars, tabs, `...`, block scalar indentation indicators, an
 * empty last value, whose document end the `yaml` package places by its token layout) makes it
 * give up on the chunk: `fastParseChunk` returns undefined and the caller parses the chunk with
 * the `yaml` package. So it only answers for text the `yaml` package reads without an error, and
 * test/unit/fastYaml.test.ts holds it to that package's result on every fixture, the corpus, the
 * benchmark workloads, mutations of them and generated YAML.
 */
import { isScalar, Schema } from 'yaml';
import { MAX_DEPTH, MAX_NODES, type ScalarType, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './yamlTree';
import type { Span } from './types';

/** A document read by the fast path: its span in the chunk and its tree. */
export interface FastDoc {
  readonly span: Span;
  readonly root: YNode;
}

/** Thrown to leave the parse for anything outside the subset; caught in fastParseChunk. */
const GIVE_UP = new Error('outside the fast YAML subset');

function giveUp(): never {
  throw GIVE_UP;
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const CR = 13;
const LF = 10;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const COMMA = 44;
const PIPE = 124;
const GT = 62;
const PLUS = 43;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/**
 * Characters the fast path does not read at all: tabs (indentation and separation rules differ
 * for them), control characters, a byte order mark, the line breaks YAML 1.1 knew beyond \n and
 * \r\n, and a \r that is not part of a \r\n.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSUPPORTED_CHARS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|\r(?!\n)/;

/** Collections deeper than this leave the text to the `yaml` path, well inside its MAX_DEPTH guard. */
const MAX_FAST_DEPTH = Math.min(64, MAX_DEPTH);

/** An implicit key longer than this is an error for the `yaml` package (1024) or close to it. */
const MAX_KEY_LENGTH = 1000;

interface ResolvingTag {
  readonly test: RegExp;
  resolve(value: string, onError: (message: string) => void, options: { intAsBigInt: boolean }): unknown;
}

/**
 * The scalar tags the `yaml` package tries on a plain scalar under `version: '1.1'`, in its order
 * (compose-scalar.js, findScalarTagByTest), taken from the package itself so the typing is its own.
 */
const PLAIN_TAGS: readonly ResolvingTag[] = new Schema({ schema: 'yaml-1.1', resolveKnownTags: false, merge: true }).tags.filter(
  (t) => t.default === true && !t.collection && t.test instanceof RegExp,
) as unknown as ResolvingTag[];

const RESOLVE_OPTIONS = { intAsBigInt: false };

function onTagError(): void {
  giveUp();
}

/**
 * Whether a plain scalar can be anything but a string: numbers, timestamps and sexagesimals start
 * with a sign, a dot, a digit or an exponent's `e`; nulls (`~`, `null`) and booleans (`y`, `no`, `TRUE`, `off`...) are
 * at most five characters and start with one of `~nNyYtTfFoO`. That holds for the tags the
 * `yaml` package has today (TAGS_AS_KNOWN); any other set of tags has every scalar tried.
 */
function mayBeTyped(s: string): boolean {
  if (s.length === 0 || !TAGS_AS_KNOWN) return true;
  const c = s.charCodeAt(0);
  // `e3` is a float to the `yaml` package (NaN), as its exponent form makes the digits before it optional.
  if (c === 43 || c === DASH || c === 46 || (c >= 48 && c <= 57) || c === 101 || c === 69) return true;
  if (s.length > 5) return false;
  switch (c) {
    case 126: // ~
    case 110: // n
    case 78: // N
    case 121: // y
    case 89: // Y
    case 116: // t
    case 84: // T
    case 102: // f
    case 70: // F
    case 111: // o
    case 79: // O
      return true;
    default:
      return false;
  }
}

const TAGS_AS_KNOWN =
  PLAIN_TAGS.map((t) => (t as unknown as { tag: string }).tag.replace('tag:yaml.org,2002:', '')).join(' ') ===
  'null bool bool int int int int float float float int float timestamp';

/**
 * Typed plain scalars seen so far (`3`, `true`, `name`...): the tags' regular expressions are the
 * costly part of reading a manifest's short values and keys. Bounded; the typing is a function of
 * the text alone.
 */
const TYPED = new Map<string, { readonly value: string | number | boolean | null; readonly type: ScalarType }>();
const TYPED_MAX = 4096;

/** Chunk text → documents, or undefined when any part of it is outside the subset. */
/** A chunk that is a document marker and blank lines: an empty document, the commonest chunk of a file of `---` lines. */
const EMPTY_DOCUMENT = /^(?:\r?\n)*---( *)(?:\r?\n *)*$/;

export function fastParseChunk(text: string): FastDoc[] | undefined {
  const empty = text.length < 256 ? EMPTY_DOCUMENT.exec(text) : null;
  if (empty) {
    const end = text.indexOf('---') + 3 + empty[1].length;
    return [{ span: { start: text.indexOf('---'), end }, root: { kind: 'scalar', span: { start: end, end }, value: null, type: 'null', style: 'PLAIN', tag: undefined } }];
  }
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return new FastParser(text).chunk();
  } catch {
    // GIVE_UP, or anything unforeseen: parsing never fails, the `yaml` package takes the chunk.
    return undefined;
  }
}

class FastParser {
  private readonly t: string;
  private readonly n: number;
  /** The current content line: its start, indentation, content start, end (before \r\n) and the next line's start. */
  private ls = 0;
  private ind = 0;
  private cs = 0;
  private le = 0;
  private nx = 0;
  private eof = false;
  /** Whether the last seek passed a comment line on its way to the current line. */
  private afterComment = false;
  /** Whether the last value read was an empty (null) scalar: the document's end then depends on token layout. */
  private lastEmpty = false;
  private nodes = 0;
  /** The scalar just resolved (value and type), to spare an object per scalar. */
  private rv: string | number | boolean | null = null;
  private rt: ScalarType = 'str';

  constructor(text: string) {
    this.t = text;
    this.n = text.length;
  }

  chunk(): FastDoc[] {
    const t = this.t;
    let marker = -1;
    this.seek(0, true);
    if (!this.eof && this.ind === 0 && this.isMarker(this.cs, this.le)) {
      marker = this.cs;
      // `--- # comment` only: content on the marker line has its own rules.
      const rest = this.skipSpaces(this.cs + 3);
      if (rest < this.le && !(t.charCodeAt(rest) === HASH && rest > this.cs + 3)) giveUp();
      this.seek(this.nx);
    }
    if (this.eof) {
      if (marker >= 0) giveUp();
      return [];
    }
    // Without a marker the document starts at its first content line, indentation included.
    const start = marker >= 0 ? marker : this.ls;
    const root = this.block(this.cs, 1);
    if (!this.eof || this.lastEmpty) giveUp();
    return [{ span: { start, end: this.n }, root }];
  }

  // ---- lines ----------------------------------------------------------------------------------

  /** Moves to the first line at or after `from` with content (not blank, not only a comment). */
  private seek(from: number, allowMarker = false): void {
    const t = this.t;
    const n = this.n;
    let ls = from;
    this.afterComment = false;
    while (ls < n) {
      let i = ls;
      while (i < n && t.charCodeAt(i) === SPACE) i++;
      let nl = t.indexOf('\n', i);
      if (nl < 0) nl = n;
      const le = nl > i && t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      if (i < le && t.charCodeAt(i) !== HASH) {
        // A document marker is read only where it opens the chunk (chunk() checks that one).
        if (i === ls && (this.startsWith3(i, DASH) || this.startsWith3(i, 46)) && !(allowMarker && this.isMarker(i, le))) giveUp();
        this.ls = ls;
        this.ind = i - ls;
        this.cs = i;
        this.le = le;
        this.nx = nl + 1;
        this.eof = false;
        return;
      }
      if (i < le) this.afterComment = true;
      ls = nl + 1;
    }
    this.eof = true;
  }

  private startsWith3(i: number, c: number): boolean {
    const t = this.t;
    return t.charCodeAt(i) === c && t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === c;
  }

  /** `---` at `i` followed by a space or the end of its line (which ends at `le`). */
  private isMarker(i: number, le: number): boolean {
    return this.startsWith3(i, DASH) && (i + 3 >= le || this.t.charCodeAt(i + 3) === SPACE);
  }

  private skipSpaces(i: number): number {
    while (i < this.le && this.t.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** After a value that ends its line: nothing but a comment may follow; then on to the next content line. */
  private endLine(i: number): void {
    const j = this.skipSpaces(i);
    if (j < this.le && !(this.t.charCodeAt(j) === HASH && j > i)) giveUp();
    this.seek(this.nx);
  }

  private isSeqStart(i: number): boolean {
    return this.t.charCodeAt(i) === DASH && (i + 1 >= this.le || this.t.charCodeAt(i + 1) === SPACE);
  }

  private count(): void {
    if (++this.nodes > MAX_NODES) giveUp();
  }

  // ---- block structure ------------------------------------------------------------------------

  /** A block collection starting at `pos` on the current line. */
  private block(pos: number, depth: number): YMap | YSeq {
    if (this.isSeqStart(pos)) return this.seq(pos, depth);
    if (this.keyColon(pos) >= 0) return this.map(pos, depth);
    return giveUp();
  }

  /**
   * A value on the lines after its key or `-`, starting at `pos`: a block collection, or a
   * one-line scalar or flow collection (`resources:` then `{}`). A block scalar header there is
   * left to the `yaml` package.
   */
  private nextLineValue(pos: number, depth: number, parentCol: number): YNode {
    const c = this.t.charCodeAt(pos);
    if (c === PIPE || c === GT) giveUp();
    // A comment line between a key and a scalar on a later line: the `yaml` package reads the
    // scalar as a key running on over the next line (an error), so that case is its to decide.
    if (this.afterComment && !this.isSeqStart(pos) && this.keyColon(pos) < 0) giveUp();
    return this.lineNode(pos, depth, parentCol);
  }

  /** A node starting at `pos` in the middle of the current line (after `- `). */
  private lineNode(pos: number, depth: number, seqCol: number): YNode {
    if (this.isSeqStart(pos)) return this.seq(pos, depth);
    if (this.keyColon(pos) >= 0) return this.map(pos, depth);
    return this.inlineValue(pos, depth, seqCol);
  }

  private map(pos: number, depth: number): YMap {
    if (depth > MAX_FAST_DEPTH) giveUp();
    this.count();
    const t = this.t;
    const col = pos - this.ls;
    const pairs: YPair[] = [];
    let p = pos;
    for (;;) {
      const colon = this.keyColon(p);
      if (colon < 0) giveUp();
      const key = this.keyScalar(p, colon);
      const q = this.skipSpaces(colon + 1);
      let value: YNode;
      if (q >= this.le || t.charCodeAt(q) === HASH) {
        this.seek(this.nx);
        if (!this.eof && this.ind > col) value = this.nextLineValue(this.cs, depth + 1, col);
        else if (!this.eof && this.ind === col && this.isSeqStart(this.cs)) value = this.seq(this.cs, depth + 1);
        else value = this.empty(q);
      } else {
        value = this.inlineValue(q, depth + 1, col);
      }
      pairs.push(pairOf(key, value));
      if (this.eof || this.ind < col) break;
      if (this.ind > col || this.isSeqStart(this.cs)) giveUp();
      p = this.cs;
    }
    return { kind: 'map', span: { start: pos, end: pairs[pairs.length - 1].span.end }, pairs, flow: false };
  }

  private seq(pos: number, depth: number): YSeq {
    if (depth > MAX_FAST_DEPTH) giveUp();
    this.count();
    const t = this.t;
    const col = pos - this.ls;
    const items: YNode[] = [];
    let p = pos;
    let end = pos;
    for (;;) {
      const q = this.skipSpaces(p + 1);
      let item: YNode;
      if (q >= this.le || t.charCodeAt(q) === HASH) {
        this.seek(this.nx);
        if (!this.eof && this.ind > col) item = this.nextLineValue(this.cs, depth + 1, col);
        else item = this.empty(q);
      } else {
        item = this.lineNode(q, depth + 1, col);
      }
      items.push(item);
      if (item.span.end > end) end = item.span.end;
      if (this.eof || this.ind < col) break;
      if (this.ind > col) giveUp();
      if (!this.isSeqStart(this.cs)) break;
      p = this.cs;
    }
    return { kind: 'seq', span: { start: pos, end: end > pos ? end : pos }, items, flow: false };
  }

  /**
   * The colon that ends an implicit key starting at `pos` on the current line, or -1 when the
   * line there is no `key: ...`.
   */
  private keyColon(pos: number): number {
    const t = this.t;
    const c = t.charCodeAt(pos);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(pos);
      if (close < 0) return -1;
      return t.charCodeAt(close) === COLON && (close + 1 >= this.le || t.charCodeAt(close + 1) === SPACE) ? close : -1;
    }
    if (!this.plainStart(pos)) return -1;
    for (let i = pos + 1; i < this.le; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 >= this.le || t.charCodeAt(i + 1) === SPACE) return i;
      } else if (ch === HASH && t.charCodeAt(i - 1) === SPACE) {
        return -1;
      }
    }
    return -1;
  }

  private keyScalar(pos: number, colon: number): YScalar {
    const t = this.t;
    if (colon - pos > MAX_KEY_LENGTH) giveUp();
    const c = t.charCodeAt(pos);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(pos, colon);
    // `a : 1` and `<<` (a merge) are valid YAML the fast path leaves to the `yaml` package.
    if (t.charCodeAt(colon - 1) === SPACE) giveUp();
    const source = t.slice(pos, colon);
    if (source === '<<') giveUp();
    return this.plain(source, pos, colon);
  }

  /** A value that starts at `pos` and ends on the current line; moves on to the next content line. */
  private inlineValue(pos: number, depth: number, parentCol: number): YNode {
    const t = this.t;
    const c = t.charCodeAt(pos);
    if (c === PIPE || c === GT) return this.blockScalar(pos, parentCol);
    let node: YNode;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(pos);
      if (close < 0) giveUp();
      node = this.quoted(pos, close);
    } else if (c === LBRACKET || c === LBRACE) {
      node = this.flow(pos, depth);
    } else {
      if (!this.plainStart(pos)) giveUp();
      let end = pos + 1;
      let i = pos + 1;
      for (; i < this.le; i++) {
        const ch = t.charCodeAt(i);
        if (ch === SPACE) continue;
        if (ch === HASH && t.charCodeAt(i - 1) === SPACE) break;
        // `a: b: c` is an error, `a: b:` a key on a value line: the `yaml` package reports both.
        if (ch === COLON && (i + 1 >= this.le || t.charCodeAt(i + 1) === SPACE)) giveUp();
        end = i + 1;
      }
      node = this.plain(t.slice(pos, end), pos, end);
    }
    this.endLine(node.span.end);
    return node;
  }

  /**
   * Whether a plain scalar may start at `pos`: not with an indicator (anchors, tags, aliases,
   * block scalars, directives, reserved characters, flow punctuation), `?`, `:` or `- `.
   */
  private plainStart(pos: number): boolean {
    const c = this.t.charCodeAt(pos);
    switch (c) {
      case 38: // &
      case 42: // *
      case 33: // !
      case 124: // |
      case 62: // >
      case 37: // %
      case 64: // @
      case 96: // `
      case HASH:
      case COMMA:
      case LBRACKET:
      case RBRACKET:
      case LBRACE:
      case RBRACE:
      case DQUOTE:
      case SQUOTE:
      case 63: // ?
      case COLON:
        return false;
      case DASH:
        return pos + 1 < this.le && this.t.charCodeAt(pos + 1) !== SPACE;
      default:
        return true;
    }
  }

  // ---- scalars --------------------------------------------------------------------------------

  private empty(pos: number): YScalar {
    this.count();
    this.lastEmpty = true;
    return { kind: 'scalar', span: { start: pos, end: pos }, value: null, type: 'null', style: 'PLAIN', tag: undefined };
  }

  private plain(source: string, start: number, end: number): YScalar {
    this.count();
    this.lastEmpty = false;
    this.resolvePlain(source);
    return { kind: 'scalar', span: { start, end }, value: this.rv, type: this.rt, style: 'PLAIN', tag: undefined };
  }

  /** The YAML 1.1 value and type of a plain scalar, as the `yaml` package and convertDocument give them. */
  private resolvePlain(s: string): void {
    this.rv = s;
    this.rt = 'str';
    if (!mayBeTyped(s)) return;
    const known = TYPED.get(s);
    if (known) {
      this.rv = known.value;
      this.rt = known.type;
      return;
    }
    this.typeByTags(s);
    if (TYPED.size >= TYPED_MAX) TYPED.clear();
    TYPED.set(s, { value: this.rv, type: this.rt });
  }

  private typeByTags(s: string): void {
    for (const tag of PLAIN_TAGS) {
      if (!tag.test.test(s)) continue;
      const res = tag.resolve(s, onTagError, RESOLVE_OPTIONS);
      const raw = isScalar(res) ? res.value : res;
      if (raw === null || raw === undefined) {
        this.rv = null;
        this.rt = 'null';
      } else if (typeof raw === 'boolean') {
        this.rv = raw;
        this.rt = 'bool';
      } else if (typeof raw === 'number') {
        this.rv = raw;
        this.rt = Number.isInteger(raw) && (/^[-+]?0x/i.test(s) || !/[.eEnN]/.test(s)) ? 'int' : 'float';
      } else if (typeof raw === 'string' || raw instanceof Date) {
        // Timestamps: convertDocument keeps the text, as Kubernetes' decoder ends up with a string.
        this.rv = s;
        this.rt = 'str';
      } else {
        giveUp();
      }
      return;
    }
  }

  /**
   * A literal or folded block scalar whose header is at `pos`, in a collection at column
   * `parentCol`. Where it ends follows the `yaml` lexer (lexer.js, parseBlockScalar: lines indented
   * at least as deep as the first content line, trailing blank lines not more indented dropped
   * unless the chomping keeps them), its value the composer (resolve-block-scalar.js). Explicit
   * indentation indicators, empty scalars and more-indented leading blank lines are left to the
   * `yaml` package.
   */
  private blockScalar(pos: number, parentCol: number): YScalar {
    this.count();
    this.lastEmpty = false;
    const t = this.t;
    const n = this.n;
    const folded = t.charCodeAt(pos) === GT;
    let h = pos + 1;
    const chomp = t.charCodeAt(h);
    if (chomp === DASH || chomp === PLUS) h++;
    // Then only spaces and a comment; an indentation indicator is left to the `yaml` package.
    const rest = this.skipSpaces(h);
    if (rest < this.le && !(t.charCodeAt(rest) === HASH && rest > h)) giveUp();
    if (h < this.le && t.charCodeAt(h) !== SPACE) giveUp();
    const keep = chomp === PLUS;
    const start = Math.min(this.nx, n);
    // The first line with content sets the indentation.
    let nl = start - 1;
    let indent = 0;
    let i = start;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) indent++;
      else if (c === LF) {
        nl = i;
        indent = 0;
      } else if (!(c === CR && t.charCodeAt(i + 1) === LF)) break;
    }
    if (i >= n || indent <= parentCol) giveUp();
    for (;;) {
      const cs = this.continueBlock(nl + 1, indent);
      if (cs < 0) break;
      nl = t.indexOf('\n', cs);
      if (nl < 0) break;
    }
    if (nl < 0) nl = n;
    if (!keep) {
      for (;;) {
        let j = nl - 1;
        let c = t.charCodeAt(j);
        if (c === CR) c = t.charCodeAt(--j);
        const lastChar = j;
        while (c === SPACE) c = t.charCodeAt(--j);
        if (c === LF && j >= start && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    const end = Math.min(nl + 1, n);
    const value = blockValue(t.slice(start, end), indent, folded, keep ? '+' : chomp === DASH ? '-' : '');
    this.seek(end);
    return { kind: 'scalar', span: { start: pos, end }, value, type: 'str', style: folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', tag: undefined };
  }

  /** lexer.js continueScalar: where a block scalar's next line goes on, or -1 where the scalar ends. */
  private continueBlock(offset: number, indentNext: number): number {
    const t = this.t;
    let indent = 0;
    let c = t.charCodeAt(offset);
    while (c === SPACE) c = t.charCodeAt(++indent + offset);
    if (c === CR && t.charCodeAt(indent + offset + 1) === LF) return offset + indent + 1;
    return c === LF || indent >= indentNext ? offset + indent : -1;
  }

  /** The index of the closing quote of the scalar opening at `pos`, on the same line; -1 if none. */
  private closingQuote(pos: number): number {
    const t = this.t;
    const q = t.charCodeAt(pos);
    for (let i = pos + 1; i < this.le; i++) {
      const c = t.charCodeAt(i);
      if (q === DQUOTE && c === BACKSLASH) {
        i++;
      } else if (c === q) {
        if (q === SQUOTE && t.charCodeAt(i + 1) === SQUOTE && i + 1 < this.le) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  /** A quoted scalar from `pos` to `end` (just past its closing quote), on one line. */
  private quoted(pos: number, end: number): YScalar {
    this.count();
    this.lastEmpty = false;
    const t = this.t;
    const body = t.slice(pos + 1, end - 1);
    if (t.charCodeAt(pos) === SQUOTE) {
      return { kind: 'scalar', span: { start: pos, end }, value: body.indexOf("'") < 0 ? body : body.replace(/''/g, "'"), type: 'str', style: 'QUOTE_SINGLE', tag: undefined };
    }
    return { kind: 'scalar', span: { start: pos, end }, value: body.indexOf('\\') < 0 ? body : unescapeDouble(body), type: 'str', style: 'QUOTE_DOUBLE', tag: undefined };
  }

  // ---- flow collections -----------------------------------------------------------------------

  /** `[a, "b", 1]`, `{k: v, n: [1]}` or `[{name: a}]` on one line, with scalar keys. */
  private flow(pos: number, depth: number): YMap | YSeq {
    if (depth > MAX_FAST_DEPTH) giveUp();
    this.count();
    this.lastEmpty = false;
    const t = this.t;
    const isMap = t.charCodeAt(pos) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    let p = this.skipSpaces(pos + 1);
    if (p >= this.le) giveUp();
    if (t.charCodeAt(p) !== close) {
      for (;;) {
        let end: number;
        if (isMap) {
          const key = this.flowScalar(p, true);
          p = key.span.end;
          if (t.charCodeAt(p) !== COLON || t.charCodeAt(p + 1) !== SPACE || (key.style === 'PLAIN' && key.value === '<<')) giveUp();
          const value = this.flowValue(this.skipSpaces(p + 1), depth);
          pairs.push(pairOf(key, value));
          end = value.span.end;
        } else {
          const item = this.flowValue(p, depth);
          items.push(item);
          end = item.span.end;
        }
        p = this.skipSpaces(end);
        if (p >= this.le) giveUp();
        const c = t.charCodeAt(p);
        if (c === close) break;
        if (c !== COMMA) giveUp();
        p = this.skipSpaces(p + 1);
        if (p >= this.le || t.charCodeAt(p) === close) giveUp();
      }
    }
    const span = { start: pos, end: p + 1 };
    this.lastEmpty = false;
    return isMap ? { kind: 'map', span, pairs, flow: true } : { kind: 'seq', span, items, flow: true };
  }

  private flowValue(pos: number, depth: number): YNode {
    const c = this.t.charCodeAt(pos);
    return c === LBRACKET || c === LBRACE ? this.flow(pos, depth + 1) : this.flowScalar(pos, false);
  }

  /** A scalar inside a flow collection: quoted, or plain up to `,`, `]`, `}` or a key's `: `. */
  private flowScalar(pos: number, isKey: boolean): YScalar {
    const t = this.t;
    if (pos >= this.le) giveUp();
    const c = t.charCodeAt(pos);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(pos);
      if (close < 0) giveUp();
      return this.quoted(pos, close);
    }
    if (!this.plainStart(pos)) giveUp();
    let end = pos + 1;
    for (let i = pos + 1; i < this.le; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE || (isKey && ch === COLON && t.charCodeAt(i + 1) === SPACE)) break;
      // `image: zookeeper:3.9` and `1:30` are plain scalars in flow too; a `:` before a space, the line's end or flow punctuation is not.
      if (ch === COLON && (i + 1 >= this.le || !isFlowScalarChar(t.charCodeAt(i + 1)))) giveUp();
      if (ch === HASH || ch === LBRACKET || ch === LBRACE || ch === DQUOTE || ch === SQUOTE) giveUp();
      if (ch !== SPACE) end = i + 1;
    }
    return this.plain(t.slice(pos, end), pos, end);
  }
}

/**
 * The value of a block scalar from its body (the lines after the header), as resolve-block-scalar.js
 * makes it; `indent` is the first content line's indentation.
 */
function blockValue(source: string, indent: number, folded: boolean, chomp: '' | '-' | '+'): string {
  const lines = splitBlockLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) giveUp();
  const trimIndent = indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [ind, content] = lines[i];
    if (content === '' || content === '\r') {
      if (ind.length > trimIndent) giveUp();
    } else {
      if (ind.length !== trimIndent) giveUp();
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const ind = lines[i][0];
    let content = lines[i][1];
    if (content[content.length - 1] === '\r') content = content.slice(0, -1);
    if (content && ind.length < trimIndent) giveUp();
    if (!folded) {
      value += sep + ind.slice(trimIndent) + content;
      sep = '\n';
    } else if (ind.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + ind.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp === '') {
    value += '\n';
  }
  return value;
}

/** resolve-block-scalar.js splitLines: `[indentation, content]` per line. */
function splitBlockLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}

/** A pair as convertDocument makes it: the key's span shared, the pair from key start to value end. */
function pairOf(key: YScalar, value: YNode): YPair {
  const keySpan = key.span;
  return { key, keyText: key.value === null ? '' : String(key.value), keySpan, value, span: { start: keySpan.start, end: Math.max(value.span.end, keySpan.end) } };
}

function isFlowScalarChar(c: number): boolean {
  return c !== SPACE && c !== COMMA && c !== LBRACKET && c !== RBRACKET && c !== LBRACE && c !== RBRACE;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The body of a one-line double-quoted scalar with its escapes decoded; gives up on a bad escape. */
function unescapeDouble(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    const known = ESCAPES[next];
    if (known !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, next)) {
      out += known;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.substr(i + 1, length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) giveUp();
      out += String.fromCodePoint(code);
      i += length;
    } else {
      giveUp();
    }
  }
  return out;
}
