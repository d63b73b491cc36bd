/**
 * Minimal text edits on YAML that keep everything else as it was: comments, key order, quoting
 * and indentation style. Each function returns edits with absolute spans; nothing here re-prints
 * a document.
 */
import type { Span } from './types';
import type { YMap, YNode, YPair, YSeq } from './yamlTree';

export interface TextEditData {
  /** Another file's URI; absent for the file being fixed. */
  readonly uri?: string;
  readonly span: Span;
  readonly newText: string;
}

/** A document's text with the offset its tree's spans are relative to. */
export interface EditSource {
  readonly text: string;
  /** Add to a tree span to get an offset in `text`. */
  readonly offset: number;
}

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** The offset of the line break ending the line that holds `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** The offset just after the line break ending the line that holds `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const e = lineEnd(text, offset);
  if (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10) return e + 2;
  return e < text.length ? e + 1 : e;
}

/** Column of an offset (spaces before it on its line). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function abs(src: EditSource, s: Span): Span {
  return { start: s.start + src.offset, end: s.end + src.offset };
}

/** Characters that make a plain scalar need quotes, plus YAML 1.1 words that would change type. */
const NEEDS_QUOTES = /^(?:$|[\s\-?:,[\]{}#&*!|>'"%@`]|.*(?:: |\s#|\s$))|^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|\d+:[0-5]?\d(?::[0-5]?\d)*)$/;

export type Plain = string | number | boolean | null | readonly Plain[] | { readonly [k: string]: Plain };

/** The quotes a file writes its string values in (see quoteStyleOf); keys stay plain. */
export type Quote = '"' | "'" | undefined;

/** A small JSON value as block YAML lines (column 0), for inserted fields. */
export function toYamlBlock(value: Plain, quote?: Quote): string {
  if (value === null || typeof value !== 'object') return yamlScalar(value, quote);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length ? `- ${toYamlBlock(v, quote).split('\n').join('\n  ')}` : `- ${toYamlInline(v, quote)}`)).join('\n');
  }
  const entries = Object.entries(value as Record<string, Plain>);
  if (entries.length === 0) return '{}';
  return entries.map(([k, v]) => pairText(k, v, quote)).join('\n');
}

/** `key: value` with a nested block indented under the key. */
export function pairText(key: string, value: Plain, quote?: Quote): string {
  if (value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 && value.some((v) => v !== null && typeof v === 'object') : Object.keys(value).length > 0)) {
    const inner = toYamlBlock(value, quote).split('\n');
    return `${yamlScalar(key)}:\n${inner.map((l) => `  ${l}`).join('\n')}`;
  }
  return `${yamlScalar(key)}: ${toYamlInline(value, quote)}`;
}

/** A value on one line: scalars as they are, collections in flow style. */
export function toYamlInline(value: Plain, quote?: Quote): string {
  if (value === null || typeof value !== 'object') return yamlScalar(value, quote);
  if (Array.isArray(value)) return `[${value.map((v) => toYamlInline(v, quote)).join(', ')}]`;
  return `{${Object.entries(value as Record<string, Plain>).map(([k, v]) => `${yamlScalar(k)}: ${toYamlInline(v, quote)}`).join(', ')}}`;
}

/** A scalar value as YAML text: numbers and booleans as they are, strings quoted when needed or in `quote`. */
export function yamlScalar(value: string | number | boolean | null, quote?: Quote): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  return quote === '"' || NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
}

/** Replaces a scalar node's text, keeping its quote style when the new value is a string. */
export function replaceScalar(src: EditSource, node: YNode, value: string | number | boolean | null): TextEditData {
  const span = abs(src, node.span);
  const old = src.text.slice(span.start, span.end);
  let newText = yamlScalar(value);
  if (typeof value === 'string') {
    if (old.startsWith('"')) newText = JSON.stringify(value);
    else if (old.startsWith("'")) newText = `'${value.replace(/'/g, "''")}'`;
  }
  return { span, newText: separated(src.text, span, newText) };
}

/**
 * Text for a value right after its indicator: an empty one (`storage:` at the end of a file, `- `
 * cut short), or one that starts with its line break (`name:` then a lone \r): a space first, or
 * `storage:1Gi` would be one plain string.
 */
export function separated(text: string, span: Span, newText: string): string {
  if (span.start === 0 || /^\s/.test(newText)) return newText;
  const before = text.charCodeAt(span.start - 1);
  const spaced = before === 32 || before === 9 || before === 10 || before === 13;
  return spaced || (span.start !== span.end && before !== 58 /* : */) ? newText : ` ${newText}`;
}

/** Removes a pair: its lines in a block mapping, or the entry and a comma in a flow mapping. */
export function removePair(src: EditSource, map: YMap, pair: YPair): TextEditData {
  const { text } = src;
  const keyStart = pair.keySpan.start + src.offset;
  const end = Math.max(pair.span.end, pair.keySpan.end) + src.offset;
  if (map.flow) {
    let s = keyStart;
    let e = end;
    const after = /^\s*,\s*/.exec(text.slice(e));
    if (after) e += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, s));
      if (before) s -= before[0].length;
    }
    return { span: { start: s, end: e }, newText: '' };
  }
  const ls = lineStart(text, keyStart);
  const prefix = text.slice(ls, keyStart);
  // Only indentation before the key, or its own tag or anchor (`!!str key:`, `&k key:`): the whole lines go.
  if (/^\s*(?:[!&]\S*\s+)*$/.test(prefix)) return { span: { start: ls, end: nextLineStart(text, end) }, newText: '' };
  // The pair opens a sequence item (`- name: x`): let the next pair take its place after the dash.
  const idx = map.pairs.indexOf(pair);
  const next = map.pairs.slice(idx + 1).find((p) => !p.merged);
  if (next) return { span: { start: keyStart, end: next.keySpan.start + src.offset }, newText: '' };
  return { span: { start: ls, end: nextLineStart(text, end) }, newText: '' };
}

/** Text to add `block` (YAML lines relative to column 0) after the last entry of a block mapping. */
export function appendToMap(src: EditSource, map: YMap, block: string): TextEditData | undefined {
  const own = map.pairs.filter((p) => !p.merged);
  if (map.flow || own.length === 0) return undefined;
  const { text } = src;
  const eol = eolOf(text);
  const childCol = columnOf(text, own[0].keySpan.start + src.offset);
  const last = own[own.length - 1];
  const at = lineEnd(text, Math.max(last.span.end, last.keySpan.end) + src.offset);
  return { span: { start: at, end: at }, newText: eol + indentBlock(block, childCol, eol) };
}

/** Text to add `entry` (`key: value` on one line) at the end of a flow mapping: `{a: 1}` -> `{a: 1, entry}`. */
export function appendToFlowMap(src: EditSource, map: YMap, entry: string): TextEditData | undefined {
  if (!map.flow) return undefined;
  const own = map.pairs.filter((p) => !p.merged);
  if (own.length === 0) return { span: abs(src, map.span), newText: `{${entry}}` };
  const end = own[own.length - 1].span.end + src.offset;
  return { span: { start: end, end }, newText: `, ${entry}` };
}

/**
 * Text to add `block` (YAML lines relative to column 0) as children of the pair `parent`, after
 * its existing children. Works for a block mapping value, an empty value (`spec:`), and `{}`.
 */
export function insertIntoPair(src: EditSource, parent: YPair, block: string): TextEditData {
  const { text } = src;
  const eol = eolOf(text);
  const parentCol = columnOf(text, parent.keySpan.start + src.offset);
  const value = parent.value;
  const appended = value && value.kind === 'map' ? appendToMap(src, value, block) : undefined;
  if (appended) return appended;
  const childCol = parentCol + 2;
  if (value && value.kind === 'map' && value.flow && value.pairs.length === 0) {
    // `key: {}` becomes a block mapping.
    const vs = abs(src, value.span);
    const from = parent.keySpan.end + src.offset;
    const colon = text.indexOf(':', from);
    return { span: { start: colon + 1, end: vs.end }, newText: eol + indentBlock(block, childCol, eol) };
  }
  // No value yet: insert after the key's colon line (keeping a trailing comment on that line).
  const at = lineEnd(text, parent.keySpan.end + src.offset);
  // An explicit `null`/`~` is replaced; an empty value gets the block after its line.
  if (value && value.kind === 'scalar' && value.value === null && value.span.end > value.span.start) {
    const vs = abs(src, value.span);
    const from = lineStart(text, vs.start) === lineStart(text, at) ? text.lastIndexOf(':', vs.start) + 1 : vs.start;
    return { span: { start: from, end: vs.end }, newText: eol + indentBlock(block, childCol, eol) };
  }
  return { span: { start: at, end: at }, newText: eol + indentBlock(block, childCol, eol) };
}

/** Indents every non-empty line of a block by `col` spaces. */
export function indentBlock(block: string, col: number, eol: string): string {
  const pad = ' '.repeat(col);
  return block
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((l) => (l.length ? pad + l : l))
    .join(eol);
}

/** Appends a new document after the document that ends at `docEnd` (absolute offset). */
export function insertDocumentAfter(text: string, docEnd: number, block: string): TextEditData {
  const eol = eolOf(text);
  let at = docEnd;
  // After the document's last line, before the next `---` if there is one.
  at = nextLineStart(text, Math.max(0, at - 1));
  const needsBreak = at > 0 && text.charCodeAt(at - 1) !== 10;
  const body = block.replace(/\r?\n$/, '').split(/\r?\n/).join(eol);
  // After a `...` end marker the next document needs no `---`: give it one, or it would run on into ours.
  const closing = opensDocument(text, at) ? '' : `---${eol}`;
  return { span: { start: at, end: at }, newText: `${needsBreak ? eol : ''}---${eol}${body}${eol}${closing}` };
}

/** True when only blank lines and comments stand between `at` and the end or a `---` line. */
function opensDocument(text: string, at: number): boolean {
  let i = at;
  while (i < text.length) {
    const end = lineEnd(text, i);
    const line = text.slice(i, end).trim();
    if (line !== '' && !line.startsWith('#')) return /^---(?:\s|$)/.test(line);
    i = nextLineStart(text, i);
    if (i === end) break;
  }
  return true;
}

/** Text to add `item` (YAML lines of one entry, column 0, without the dash) after a block sequence's last item. */
export function appendToSeq(src: EditSource, seq: YSeq, item: string): TextEditData | undefined {
  const last = [...seq.items].reverse().find((i): i is YNode => i !== null);
  if (seq.flow || !last) return undefined;
  const { text } = src;
  const eol = eolOf(text);
  const firstItem = seq.items.find((i): i is YNode => i !== null) ?? last;
  // The dash sits before the item's content on the item's first line.
  const dashLine = lineStart(text, firstItem.span.start + src.offset);
  const dashCol = text.slice(dashLine, firstItem.span.start + src.offset).indexOf('-');
  const contentCol = columnOf(text, firstItem.span.start + src.offset);
  if (dashCol < 0) return undefined;
  const at = lineEnd(text, last.span.end + src.offset);
  const lines = item.replace(/\r?\n$/, '').split(/\r?\n/);
  const body = lines.map((l, i) => (i === 0 ? `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, contentCol - dashCol - 1))}${l}` : l.length ? ' '.repeat(contentCol) + l : l)).join(eol);
  return { span: { start: at, end: at }, newText: eol + body };
}

/** Removes one item of a block sequence: from its dash's line to the end of its last line. */
export function removeSeqItem(src: EditSource, item: YNode): TextEditData {
  const { text } = src;
  const start = item.span.start + src.offset;
  const ls = lineStart(text, start);
  return { span: { start: ls, end: nextLineStart(text, item.span.end + src.offset - 1) }, newText: '' };
}

/** Applies non-overlapping edits of one file. */
export function applyEditsTo(text: string, edits: readonly TextEditData[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** One edit that turns `before` into `after`, trimmed to the lines that differ. */
export function diffEdit(before: string, after: string): TextEditData | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  s = lineStart(before, s);
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  return { span: { start: s, end: before.length - e }, newText: after.slice(s, after.length - e) };
}
