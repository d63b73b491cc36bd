/**
 * The open documents. vscode-languageserver's TextDocuments keeps them; we give it our own
 * document type, PieceDocument, whose text is a core PieceText: an edit replaces the piece it
 * falls in instead of copying the whole file (a flat string of a 4 MB manifest cost milliseconds
 * and a large garbage object per keystroke). Each edit is also reported in offsets (core
 * TextChange), so the analysis cuts only the text near a change into documents again. Changes
 * in one notification are applied, and reported, one at a time, each against the text the
 * previous one left. Positions behave as vscode-languageserver-textdocument's (the LSP tests
 * run every feature through this class).
 */
import { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { PieceText, type TextChange } from '../core';

/** `undefined`: the whole text was replaced, so nothing is known about what changed. */
export type ChangeListener = (uri: string, change: TextChange | undefined) => void;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export class PieceDocument implements TextDocument {
  private current: PieceText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private versionValue: number,
    content: string,
    /** For tests: small pieces, so that small texts have many. */
    private readonly pieceSize?: number,
  ) {
    this.current = PieceText.of(content, pieceSize);
  }

  get version(): number {
    return this.versionValue;
  }

  /** The text of this version, immutable: an analysis made from it stays true to it after later edits. */
  get source(): PieceText {
    return this.current;
  }

  get lineCount(): number {
    return this.current.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.current.toString();
    return this.current.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    return this.current.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.current.offsetAt(position);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const l = Math.min(line, this.lineCount - 1);
    const start = this.offsetAt({ line: l, character: 0 });
    return { start: { line: l, character: 0 }, end: { line: l, character: this.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER }) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const eol = this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
    const next = line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.current.length;
    return this.current.slice(eol, next);
  }

  /** Applies the changes in order; returns what each changed, in offsets of the text before it. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): (TextChange | undefined)[] {
    const out: (TextChange | undefined)[] = [];
    for (const change of changes) {
      if ('range' in change) {
        // As TextDocument.update reads a range: ends in either order, positions clamped by offsetAt.
        const { start, end } = change.range;
        const [from, to] = before(start, end) ? [start, end] : [end, start];
        const startOffset = this.offsetAt(from);
        const endOffset = this.offsetAt(to);
        this.current = this.current.replace(startOffset, endOffset, change.text);
        out.push({ start: startOffset, oldEnd: endOffset, newEnd: startOffset + change.text.length });
      } else {
        this.current = PieceText.of(change.text, this.pieceSize);
        out.push(undefined);
      }
    }
    this.versionValue = version;
    return out;
  }
}

export function createDocuments(onChange: ChangeListener): TextDocuments<PieceDocument> {
  return new TextDocuments<PieceDocument>({
    create: (uri, languageId, version, content) => new PieceDocument(uri, languageId, version, content),
    update: (document, changes, version) => {
      for (const change of document.update(changes, version)) onChange(document.uri, change);
      return document;
    },
  });
}
