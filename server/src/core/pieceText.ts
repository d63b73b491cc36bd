/**
 * An immutable text kept in pieces of about PIECE_SIZE characters, each ending a line. The
 * server keeps an open document this way: a keystroke replaces one piece (a few kilobytes copied)
 * where a flat string would copy the whole file, which for a 4 MB manifest costs milliseconds per
 * keystroke and, worse, a large object per keystroke for the garbage collector. The analysis reads
 * it through TextSource: the chunks near an edit as slices, the whole text only when asked.
 *
 * Lines follow LSP (and vscode-languageserver-textdocument): `\r\n`, `\r` and `\n` end a line,
 * and a position never falls between the `\r` and the `\n` of a line break. Offsets are UTF-16
 * code units, as everywhere in the core.
 */
import { lastNumberAtOrBelow as lastAtOrBelow, type LineCol } from './text';

/** Read access to a text, whole or in slices, without requiring it as one string. */
export interface TextSource {
  readonly length: number;
  /** As String.prototype.slice with both ends in range. */
  slice(start: number, end: number): string;
  /** The whole text as one string (made on the first call, then kept). */
  toString(): string;
}

/** Pieces are cut at the first line end after this many characters. */
export const PIECE_SIZE = 16 * 1024;

interface Piece {
  readonly text: string;
  /** Where each line starts in the piece: 0, then one past each line break (the piece's length last, when it ends with one). */
  readonly lines: readonly number[];
}

function isEol(c: number): boolean {
  return c === 10 || c === 13;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** `text` in pieces; every piece but the last ends with `\n`, so no line break spans two pieces. */
function cut(text: string, size: number): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.length;
    if (text.length - from > size + size / 2) {
      const nl = text.indexOf('\n', from + size - 1);
      if (nl >= 0) to = nl + 1;
    }
    const piece = text.slice(from, to);
    out.push({ text: piece, lines: lineStarts(piece) });
    from = to;
  }
  return out;
}

const EMPTY: Piece = { text: '', lines: [0] };


export class PieceText implements TextSource {
  private joined?: string;

  private constructor(
    private readonly pieces: readonly Piece[],
    /** Offset of each piece's first character. */
    private readonly starts: readonly number[],
    /** Line number of each piece's first line. */
    private readonly firstLines: readonly number[],
    readonly length: number,
    readonly lineCount: number,
    private readonly size: number,
  ) {}

  /** `pieceSize`: for tests, which need many pieces in a small text. */
  static of(text: string, pieceSize = PIECE_SIZE): PieceText {
    const size = Math.max(1, Math.floor(pieceSize));
    const p = PieceText.from(cut(text, size), size);
    p.joined = text;
    return p;
  }

  private static from(pieces: Piece[], size: number, known = 0, base?: PieceText): PieceText {
    if (pieces.length === 0) pieces.push(EMPTY);
    // Offsets and first lines of the first `known` pieces are those of `base`.
    const starts = base ? base.starts.slice(0, known) : [];
    const firstLines = base ? base.firstLines.slice(0, known) : [];
    let offset = known > 0 ? starts[known - 1] + pieces[known - 1].text.length : 0;
    let line = known > 0 ? firstLines[known - 1] + pieces[known - 1].lines.length - 1 : 0;
    for (let i = known; i < pieces.length; i++) {
      starts.push(offset);
      firstLines.push(line);
      offset += pieces[i].text.length;
      line += pieces[i].lines.length - 1;
    }
    const last = pieces[pieces.length - 1];
    return new PieceText(pieces, starts, firstLines, offset, firstLines[pieces.length - 1] + last.lines.length, size);
  }

  /** How many pieces (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /** The piece that holds `offset` (at a boundary, the later one). */
  private pieceAt(offset: number): number {
    return lastAtOrBelow(this.starts, offset);
  }

  private charCodeAt(offset: number): number {
    const i = this.pieceAt(offset);
    return this.pieces[i].text.charCodeAt(offset - this.starts[i]);
  }

  /** This text with [start, end) replaced by `insert`: the pieces the change touches are cut again, the others shared. */
  replace(start: number, end: number, insert: string): PieceText {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const first = this.pieceAt(from);
    let last = to > from ? this.pieceAt(to - 1) : first;
    let region = '';
    for (let i = first; i <= last; i++) region += this.pieces[i].text;
    const base = this.starts[first];
    region = region.slice(0, from - base) + insert + region.slice(to - base);
    // A piece other than the last ends a line: take the next one in until it does.
    while (last + 1 < this.pieces.length && region.charCodeAt(region.length - 1) !== 10) region += this.pieces[++last].text;
    const pieces = this.pieces.slice(0, first);
    for (const p of cut(region, this.size)) pieces.push(p);
    for (let i = last + 1; i < this.pieces.length; i++) pieces.push(this.pieces[i]);
    return PieceText.from(pieces, this.size, first, this);
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    const first = this.pieceAt(from);
    const last = to > from ? this.pieceAt(to - 1) : first;
    if (first === last) return this.pieces[first].text.slice(from - this.starts[first], to - this.starts[first]);
    let out = this.pieces[first].text.slice(from - this.starts[first]);
    for (let i = first + 1; i < last; i++) out += this.pieces[i].text;
    return out + this.pieces[last].text.slice(0, to - this.starts[last]);
  }

  toString(): string {
    this.joined ??= this.pieces.map((p) => p.text).join('');
    return this.joined;
  }

  /** Back over a line break, so that no position falls inside one (as TextDocument does). */
  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.length));
    const i = this.pieceAt(o);
    const lines = this.pieces[i].lines;
    const lo = lastAtOrBelow(lines, o - this.starts[i]);
    const lineStart = this.starts[i] + lines[lo];
    return { line: this.firstLines[i] + lo, character: this.beforeEol(o, lineStart) - lineStart };
  }

  offsetAt(position: LineCol): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const f = this.firstLines;
    const lo = lastAtOrBelow(f, position.line);
    const lines = this.pieces[lo].lines;
    const k = position.line - f[lo];
    const lineStart = this.starts[lo] + lines[k];
    if (position.character <= 0) return lineStart;
    const next = k + 1 < lines.length ? this.starts[lo] + lines[k + 1] : this.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }
}
