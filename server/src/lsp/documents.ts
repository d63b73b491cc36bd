/**
 * The open documents, as vscode-languageserver's TextDocuments keeps them, plus what each edit
 * changed in offsets: the analysis then cuts only the text near a change into documents again
 * (core TextChange), instead of the whole file on every keystroke. Changes in one notification
 * are applied, and reported, one at a time, each against the text the previous one left.
 */
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextChange } from '../core';

/** `undefined`: the whole text was replaced, so nothing is known about what changed. */
export type ChangeListener = (uri: string, change: TextChange | undefined) => void;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function createDocuments(onChange: ChangeListener): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes: TextDocumentContentChangeEvent[], version) => {
      for (const change of changes) {
        if ('range' in change) {
          // As TextDocument.update reads a range: ends in either order, positions clamped by offsetAt.
          const { start, end } = change.range;
          const [from, to] = before(start, end) ? [start, end] : [end, start];
          const startOffset = document.offsetAt(from);
          const endOffset = document.offsetAt(to);
          TextDocument.update(document, [change], version);
          onChange(document.uri, { start: startOffset, oldEnd: endOffset, newEnd: startOffset + change.text.length });
        } else {
          TextDocument.update(document, [change], version);
          onChange(document.uri, undefined);
        }
      }
      // A change list can be empty; the version moves all the same.
      if (changes.length === 0) TextDocument.update(document, [], version);
      return document;
    },
  });
}
