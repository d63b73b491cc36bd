/** Positions in test texts, found by searching, so expectations do not hard-code line numbers. */
import assert from 'node:assert/strict';
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol/node';

/** The position of the `nth` (0-based) occurrence of `needle`, `shift` UTF-16 units into it. */
export function positionOf(text: string, needle: string, shift = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" #${nth} not in the text`);
  }
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** The range the `nth` occurrence of `needle` covers. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  return { start: positionOf(text, needle, 0, nth), end: positionOf(text, needle, needle.length, nth) };
}

/** `text` with LSP edits applied (LF line ends). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
