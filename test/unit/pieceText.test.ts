/**
 * PieceDocument (the server's open document, a PieceText in pieces) must behave exactly as
 * vscode-languageserver-textdocument's TextDocument, which every LSP client's positions are
 * written against: random texts with every kind of line break and astral characters, random
 * edits, tiny pieces (so that line breaks, CRLF pairs and edits fall on piece boundaries), and
 * every position compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../server/src/core';
import { PieceDocument } from '../../server/src/lsp/documents';
import { SEED } from '../support/randomEdits';

const ATOMS = ['a', 'b', ' ', '-', '\n', '\r', '\r\n', '😀', 'é', '\n---\n'];
const textArb = fc.array(fc.constantFrom(...ATOMS), { maxLength: 40 }).map((a) => a.join(''));
const editArb = fc.record({ a: fc.nat(60), b: fc.nat(60), text: textArb.map((t) => t.slice(0, 6)) });

function compare(piece: PieceDocument, ref: TextDocument, what: string): void {
  const text = ref.getText();
  assert.equal(piece.getText(), text, `${what}: text`);
  assert.equal(piece.lineCount, ref.lineCount, `${what}: lineCount`);
  assert.equal(piece.source.length, text.length, `${what}: length`);
  for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(piece.positionAt(o), ref.positionAt(o), `${what}: positionAt(${o})`);
  for (let line = -1; line <= ref.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 3, 1000]) assert.equal(piece.offsetAt({ line, character }), ref.offsetAt({ line, character }), `${what}: offsetAt(${line}:${character})`);
    assert.deepEqual(piece.getLineRange(line), ref.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.equal(piece.getEOLCharacters(line), ref.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
  }
  for (let a = 0; a <= text.length; a += 3) for (let b = a; b <= text.length; b += 5) assert.equal(piece.source.slice(a, b), text.slice(a, b), `${what}: slice(${a}, ${b})`);
}

test('PieceDocument answers as TextDocument after random edits, whatever the piece size', () => {
  fc.assert(
    fc.property(textArb, fc.array(editArb, { maxLength: 8 }), fc.integer({ min: 1, max: 6 }), (initial, edits, size) => {
      const piece = new PieceDocument('file:///t.yaml', 'yaml', 1, initial, size);
      const ref = TextDocument.create('file:///t.yaml', 'yaml', 1, initial);
      compare(piece, ref, 'initial');
      edits.forEach((e, i) => {
        const len = ref.getText().length;
        const start = ref.positionAt(Math.min(e.a, len));
        const end = ref.positionAt(Math.min(e.b, len));
        // Ends in either order, as a client may send them.
        const change = { range: { start, end }, text: e.text };
        const reported = piece.update([change], i + 2);
        TextDocument.update(ref, [change], i + 2);
        assert.equal(piece.version, ref.version);
        compare(piece, ref, `edit ${i}`);
        // What the edit changed, in offsets: the old text with that range replaced is the new text.
        assert.equal(reported.length, 1);
        assert.ok(reported[0]);
      });
    }),
    { seed: SEED, numRuns: 150 },
  );
});

test('a change without a range replaces the whole text and reports nothing known', () => {
  const piece = new PieceDocument('file:///t.yaml', 'yaml', 1, 'a\nb\n', 2);
  assert.deepEqual(piece.update([{ text: 'x\r\ny' }], 2), [undefined]);
  const ref = TextDocument.create('file:///t.yaml', 'yaml', 2, 'x\r\ny');
  compare(piece, ref, 'replaced');
});

test('the reported change describes the edit, and several changes apply in order', () => {
  const piece = new PieceDocument('file:///t.yaml', 'yaml', 1, 'one\ntwo\nthree\n', 3);
  const before = piece.getText();
  const [c] = piece.update([{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 0 } }, text: 'TWO' }], 2);
  assert.ok(c);
  assert.equal(before.slice(0, c.start) + piece.getText().slice(c.start, c.newEnd) + before.slice(c.oldEnd), piece.getText());
  assert.equal(piece.getText(), 'one\nTWO\nthree\n');
  piece.update(
    [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, text: '1' },
      { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: ' ' },
    ],
    3,
  );
  assert.equal(piece.getText(), '1 TWO\nthree\n');
});

test('an edit replaces only the pieces it touches; the others are shared', () => {
  const text = Array.from({ length: 10000 }, (_, i) => `line ${i}\n`).join('');
  const a = PieceText.of(text);
  assert.ok(a.pieceCount > 1);
  const mid = Math.floor(text.length / 2);
  const b = a.replace(mid, mid, 'x');
  assert.equal(b.pieceCount, a.pieceCount);
  assert.equal(b.toString(), `${text.slice(0, mid)}x${text.slice(mid)}`);
  // The old version is untouched: an analysis made from it still reads its own text.
  assert.equal(a.toString(), text);
});
