/**
 * Inline expectations in fixture YAML (rust-analyzer's `//^^^` style), under the line they
 * point at:
 *
 *   spec:
 *     serviceName: web_svc
 *   #              ^^^^^^^ error service-name-invalid
 *
 * The carets give the columns on the nearest line above that is not an annotation. When the
 * `#` is followed directly by `^`, the carets are read as starting at the `#`'s own column, so a
 * finding on columns 0-7 is written `#^^^^^^^^ error some-rule` (eight carets). A finding that spans several lines is marked
 * by its part on the first line. An optional ` -- text` after the rule id must occur in the message.
 */
import { LineIndex, type Finding } from '../../server/src/core';

export interface Expectation {
  readonly line: number; // 0-based
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
  readonly contains?: string;
}

const ANNOTATION = /^(\s*)#(\s*)(\^+)\s+(error|warning|info|hint)\s+([a-z0-9-]+)(?:\s+--\s+(.*))?\s*$/;

export function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n|\r/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const hash = m[1].length;
    const caretStart = hash + 1 + m[2].length;
    const start = m[2].length === 0 ? hash : caretStart;
    const end = start + m[3].length;
    out.push({ line: target, start, end, severity: m[4], code: m[5], contains: m[6] });
  });
  return out;
}

export interface Actual {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** Findings clipped to their first line, the form annotations describe. */
export function actualsOf(text: string, findings: readonly Finding[]): Actual[] {
  const idx = new LineIndex(text);
  return findings.map((f) => {
    const s = idx.positionAt(f.span.start);
    const e = idx.positionAt(f.span.end);
    const end = e.line === s.line ? e.character : idx.lineText(s.line).length;
    return { line: s.line, start: s.character, end, severity: f.severity, code: f.code, message: f.message };
  });
}

const fmt = (x: { line: number; start: number; end: number; severity: string; code: string }): string => `${x.line + 1}:${x.start + 1}-${x.end + 1} ${x.severity} ${x.code}`;

/** Compares exactly; returns a readable report of what is missing and unexpected, or ''. */
export function compare(expected: readonly Expectation[], actual: readonly Actual[]): string {
  const left = [...actual];
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((a) => a.line === e.line && a.start === e.start && a.end === e.end && a.severity === e.severity && a.code === e.code && (e.contains === undefined || a.message.includes(e.contains)));
    if (i < 0) missing.push(fmt(e) + (e.contains ? ` -- ${e.contains}` : ''));
    else left.splice(i, 1);
  }
  if (missing.length === 0 && left.length === 0) return '';
  let r = '';
  if (missing.length) r += `missing:\n  ${missing.join('\n  ')}\n`;
  if (left.length) r += `unexpected:\n  ${left.map((a) => `${fmt(a)}: ${a.message}`).join('\n  ')}\n`;
  return r;
}
