/**
 * The expectation format of the conformance cases and the comparison with our findings.
 *
 *   # expect: valid
 *   # expect: spec.replicas@7, spec.template.spec.containers[0].image@15
 *
 * `valid` means no finding of severity error. Otherwise each `path@line` (1-based) needs an error
 * on that line whose path is the field, a parent or a child of it, and no error may stand on a line
 * that is not expected. Lines follow the house convention: the bad value, the key of a wrong
 * field, the nearest existing parent key for a missing one.
 */
import { analyze, LineIndex, type Finding } from '../../server/src/core';

export interface Expected {
  readonly path: string;
  readonly line: number;
}

/** The expectation in a case's header; undefined when the header has none. */
export function readExpect(text: string): 'valid' | Expected[] | undefined {
  const m = /^# expect: (.*)$/m.exec(text);
  if (!m) return undefined;
  const body = m[1].trim();
  if (body === 'valid') return 'valid';
  return body.split(/\s*,\s*/).map((item) => {
    const at = item.lastIndexOf('@');
    return { path: item.slice(0, at).trim(), line: Number(item.slice(at + 1)) };
  });
}

/** One spelling for map keys in paths: `a["b.c"]`, `a[b.c]` and `a.b.c` all become `a.b.c`. */
function normalise(path: string): string {
  return path.replace(/\["([^"]*)"\]/g, '.$1').replace(/\[([^\]\d][^\]]*)\]/g, '.$1');
}

/** Equal, or one is a parent of the other at a field or index boundary. */
export function pathsMatch(expected: string, actual: string): boolean {
  const a = normalise(expected);
  const b = normalise(actual);
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && (long[short.length] === '.' || long[short.length] === '[');
}

interface Placed {
  readonly line: number;
  readonly finding: Finding;
}

function describe(p: Placed): string {
  return `line ${p.line} ${p.finding.code} [${p.finding.path ?? ''}] ${p.finding.message}`;
}

/** What disagrees with the expectation; empty when the case agrees. */
export function disagreements(text: string, expected: 'valid' | readonly Expected[]): string[] {
  const idx = new LineIndex(text);
  const errors: Placed[] = analyze(text, { uri: 'conformance.yaml' })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => ({ line: idx.positionAt(f.span.start).line + 1, finding: f }));
  if (expected === 'valid') return errors.map((e) => `unexpected error: ${describe(e)}`);
  const out: string[] = [];
  for (const e of expected) {
    const onLine = errors.filter((x) => x.line === e.line);
    if (!onLine.some((x) => x.finding.path !== undefined && pathsMatch(e.path, x.finding.path))) {
      const there = onLine.length ? ` (found there: ${onLine.map(describe).join('; ')})` : '';
      out.push(`missing: ${e.path}@${e.line}${there}`);
    }
  }
  const lines = new Set(expected.map((e) => e.line));
  for (const x of errors) if (!lines.has(x.line)) out.push(`error on an unexpected line: ${describe(x)}`);
  return out;
}
