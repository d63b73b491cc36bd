/**
 * Writes built objects as block YAML (one document each) and keeps a source map: for every key,
 * value and collection written, its span in the output and the origin it was built from. The
 * output is plain YAML that the analysis reads like any file; findings on it are mapped back to
 * the innermost origin.
 */
import type { Span } from '../types';
import type { KNode, KScalar, Origin } from './tree';

export interface MappedSpan {
  readonly emitted: Span;
  readonly origin: Origin;
}

export interface Emitted {
  readonly text: string;
  readonly map: readonly MappedSpan[];
  /** The span of each object's document in `text`. */
  readonly documents: readonly Span[];
}

const YAML11_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

function quoteIfNeeded(s: string): string {
  return /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(s) && !YAML11_WORDS.test(s) ? s : JSON.stringify(s);
}

function scalarText(n: KScalar): string {
  const v = n.value;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '.inf' : '-.inf';
    return n.float && Number.isInteger(v) ? `${v}.0` : String(v);
  }
  return quoteIfNeeded(v);
}

export function emitObjects(roots: readonly KNode[]): Emitted {
  let text = '';
  const map: MappedSpan[] = [];
  const documents: Span[] = [];
  const write = (s: string, origin?: Origin): Span => {
    const span = { start: text.length, end: text.length + s.length };
    text += s;
    if (origin) map.push({ emitted: span, origin });
    return span;
  };

  /** Writes `n` after a key or a dash already on the line; `indent` is the indentation of its children. */
  const value = (n: KNode, indent: number, inline: boolean): void => {
    const start = text.length;
    if (n.kind === 'scalar') {
      write(`${inline ? ' ' : ''}${scalarText(n)}`);
      map.push({ emitted: { start: inline ? start + 1 : start, end: text.length }, origin: n.origin });
      write('\n');
      return;
    }
    if ((n.kind === 'map' ? n.entries.length : n.items.length) === 0) {
      write(`${inline ? ' ' : ''}${n.kind === 'map' ? '{}' : '[]'}`);
      map.push({ emitted: { start: inline ? start + 1 : start, end: text.length }, origin: n.origin });
      write('\n');
      return;
    }
    if (inline) write('\n');
    const bodyStart = text.length + indent;
    if (n.kind === 'map') {
      n.entries.forEach((e) => {
        write(' '.repeat(indent));
        write(quoteIfNeeded(e.key), e.keyOrigin);
        write(':');
        value(e.value, indent + 2, true);
      });
    } else {
      n.items.forEach((item) => {
        write(`${' '.repeat(indent)}-`);
        if (item.kind === 'map' && item.entries.length > 0) {
          const itemStart = text.length + 1;
          item.entries.forEach((e, i) => {
            write(i === 0 ? ' ' : ' '.repeat(indent + 2));
            write(quoteIfNeeded(e.key), e.keyOrigin);
            write(':');
            value(e.value, indent + 4, true);
          });
          map.push({ emitted: { start: itemStart, end: text.length - 1 }, origin: item.origin });
        } else if (item.kind === 'seq' && item.items.length > 0) {
          write('\n');
          value(item, indent + 2, false);
        } else {
          value(item, indent + 2, true);
        }
      });
    }
    map.push({ emitted: { start: bodyStart, end: text.length - 1 }, origin: n.origin });
  };

  roots.forEach((root, i) => {
    if (i > 0) write('---\n');
    const start = text.length;
    value(root, 0, false);
    documents.push({ start, end: text.length });
  });
  return { text, map, documents };
}

/** The origin of the smallest written span that holds `span` (undefined outside every written span). */
export function originOf(emitted: Emitted, span: Span): Origin | undefined {
  let best: MappedSpan | undefined;
  for (const m of emitted.map) {
    if (m.emitted.start <= span.start && span.end <= Math.max(m.emitted.end, m.emitted.start + 1)) {
      if (!best || m.emitted.end - m.emitted.start < best.emitted.end - best.emitted.start) best = m;
    }
  }
  return best?.origin;
}
