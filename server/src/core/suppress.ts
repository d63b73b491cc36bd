/**
 * In-file suppression comments:
 *   # statefulset-tools-disable-file [rule-id, ...]       the whole file (every rule without ids)
 *   # statefulset-tools-disable-next-line [rule-id, ...]  the line after the comment
 *   # statefulset-tools-disable-line [rule-id, ...]       the comment's own line
 */
import { LineIndex } from './text';
import type { Finding } from './types';

/** Every suppression comment holds this; a text without it has none. */
export const SUPPRESSION_MARK = 'statefulset-tools-disable';
const DIRECTIVE = /#\s*statefulset-tools-disable(-file|-next-line|-line)\b([^\n\r#]*)/g;

interface Suppressions {
  readonly file: Set<string> | 'all' | undefined;
  readonly lines: Map<number, Set<string> | 'all'>;
}

function idsOf(s: string): Set<string> | 'all' {
  const ids = s.split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 ? 'all' : new Set(ids);
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  if (!a) return b;
  return new Set([...a, ...b]);
}

function collect(text: string, lines: LineIndex): Suppressions {
  let file: Set<string> | 'all' | undefined;
  const byLine = new Map<number, Set<string> | 'all'>();
  for (const m of text.matchAll(DIRECTIVE)) {
    const ids = idsOf(m[2]);
    if (m[1] === '-file') {
      file = merge(file, ids);
      continue;
    }
    const line = lines.positionAt(m.index ?? 0).line + (m[1] === '-next-line' ? 1 : 0);
    byLine.set(line, merge(byLine.get(line), ids));
  }
  return { file, lines: byLine };
}

function covers(s: Set<string> | 'all' | undefined, id: string): boolean {
  return s === 'all' || (s !== undefined && s.has(id));
}

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (text.indexOf(SUPPRESSION_MARK) < 0) return findings;
  const lines = new LineIndex(text);
  const s = collect(text, lines);
  return findings.filter((f) => {
    if (covers(s.file, f.code)) return false;
    return !covers(s.lines.get(lines.positionAt(f.span.start).line), f.code);
  });
}
