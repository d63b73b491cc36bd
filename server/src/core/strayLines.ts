/**
 * Lines with no key. A word typed on a line of its own (`Dark Modern` above `apiVersion:`, or
 * `oops` between two keys of `spec`) is not `key: value`, not a `- ` item and not a comment, and
 * the YAML parser then reports every token after it, often a hundred errors for one mistake. When
 * a chunk fails to parse, the lines at its first errors are tried: one that holds no key is blanked
 * (spaces, so every offset stays) and the chunk parsed again, up to MAX_STRAY_LINES times, kept
 * only when the errors go down. The caller reports each blanked line once and reads the rest of the
 * file from the repaired text; the file is still invalid YAML, which that one report says.
 */
import type { Document } from 'yaml';
import type { ParsedDoc } from './parse';
import type { Span } from './types';

/** More stray lines than this and the text is not YAML with a slip in it: report what the parser says. */
const MAX_STRAY_LINES = 3;

export interface StrayLineRepair {
  readonly docs: Document.Parsed[];
  /** The blanked lines, without their indentation, in the order found. */
  readonly lines: readonly Span[];
}

/** `compose` parses a text of the same length; `docs` is its answer for `text`. */
export function withoutStrayLines(text: string, docs: Document.Parsed[], compose: (text: string) => Document.Parsed[] | undefined): StrayLineRepair | undefined {
  let current = text;
  let best = docs;
  const lines: Span[] = [];
  while (lines.length < MAX_STRAY_LINES && errorCount(best) > 0) {
    const stray = candidates(current, best).find((s) => isStray(current, s));
    if (!stray) break;
    const next = current.slice(0, stray.start) + ' '.repeat(stray.end - stray.start) + current.slice(stray.end);
    const parsed = compose(next);
    if (!parsed || errorCount(parsed) >= errorCount(best)) break;
    lines.push(stray);
    current = next;
    best = parsed;
  }
  return lines.length > 0 ? { docs: best, lines } : undefined;
}

/**
 * True for a document read with lines blanked: its tree is good enough to check, not to edit from
 * (an edit next to the stray line would run into it), so fixes and refactors wait until it is gone.
 */
export function readWithoutStrayLines(doc: ParsedDoc): boolean {
  return doc.problems.some((p) => p.code === 'line-without-key');
}

function errorCount(docs: readonly Document.Parsed[]): number {
  return docs.reduce((n, d) => n + d.errors.length, 0);
}

/**
 * Lines that may hold the slip: the line of the first error, and, when a document's whole content
 * is one scalar (the parser took the stray words for the document and every key after them for
 * stray tokens), that scalar's line.
 */
function candidates(text: string, docs: readonly Document.Parsed[]): Span[] {
  const out: Span[] = [];
  for (const d of docs) {
    const first = d.errors[0];
    if (!first) continue;
    const c = d.contents;
    if (c && 'value' in c && typeof c.value !== 'object' && c.range) out.push(lineAt(text, c.range[0]));
    out.push(lineAt(text, first.pos[0]));
  }
  return out;
}

/** The text of the line holding `offset`, without its indentation and line break. */
function lineAt(text: string, offset: number): Span {
  const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', start);
  let end = nl < 0 ? text.length : nl;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let s = start;
  while (s < end && (text[s] === ' ' || text[s] === '\t')) s++;
  return { start: s, end };
}

/**
 * Plain words alone on their line (letters, digits, spaces, `-_./`, a comment after them): no
 * `key:`, no `- ` item, no quote or bracket (the line may be the rest of a flow collection or a
 * quoted value the parser lost track of), no document marker.
 */
function isStray(text: string, line: Span): boolean {
  const s = text.slice(line.start, line.end).replace(/\s+#.*$/, '');
  return /^[\p{L}\p{N}][\p{L}\p{N} _./-]*$/u.test(s) && !/^-(\s|$)|^(---|\.\.\.)/.test(s);
}
