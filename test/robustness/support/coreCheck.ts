/**
 * What must hold for any text the core is given, however broken: nothing throws, no rule fails,
 * and every span, offset and edit that comes back lies inside the text. And for quick fixes, what
 * "a fix loses nothing" means: the fixed text parses, the finding is gone, no new error appears,
 * and every line outside the edit is byte for byte what it was.
 */
import { analyze, identitiesOf, scalePlan, WorkspaceIndex, type Analysis, type Finding, type Settings } from '../../../server/src/core';
import { completionsAt } from '../../../server/src/core/completion';
import { applyEdits, fixesFor, type CodeFix } from '../../../server/src/core/fixes';
import { hoverAt } from '../../../server/src/core/hover';
import { previewEntries } from '../../../server/src/core/identities';
import { codeLensesOf, definitionAt, inlayHintsIn, prepareRenameAt, referencesAt, renameAt } from '../../../server/src/core/navigation';
import { refactorsAt } from '../../../server/src/core/refactors';

/** True when `offset` falls between the halves of a CRLF or a surrogate pair: no editor position. */
function splitsCharacter(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const at = text.charCodeAt(offset);
  return (before === 13 && at === 10) || ((before & 0xfc00) === 0xd800 && (at & 0xfc00) === 0xdc00);
}

/** Findings must start and end on positions an editor has. */
export function boundaryProblems(findings: readonly Finding[], text: string): string[] {
  return findings.filter((f) => splitsCharacter(text, f.span.start) || splitsCharacter(text, f.span.end)).map((f) => `${f.code}: span ${f.span.start}..${f.span.end} splits a CRLF or a surrogate pair`);
}

/** Every `{start, end}` and every hint `offset` inside `value` must lie in [0, length], start <= end. */
export function spanProblems(value: unknown, length: number, where: string): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const stack: { v: unknown; path: string }[] = [{ v: value, path: where }];
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      const { start, end } = o as { start: number; end: number };
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) out.push(`${path}: span ${start}..${end} outside [0, ${length}]`);
    }
    for (const [k, c] of Object.entries(o)) {
      if (k === 'offset' && path.includes('inlayHints') && typeof c === 'number' && !(c >= 0 && c <= length)) out.push(`${path}.offset: ${c} outside [0, ${length}]`);
      if (typeof c === 'object' && c !== null) stack.push({ v: c, path: `${path}.${k}` });
    }
  }
  return out;
}

/**
 * Offsets to ask hovers, completions and navigation at: both ends, and spread over the text, line
 * starts, the places just after a colon, and a few inside words.
 */
export function probeOffsets(text: string, max = 24): number[] {
  const out = new Set<number>([0, text.length]);
  for (let i = 0; i < max; i++) {
    const from = Math.floor((i * text.length) / max);
    const target = i % 3 === 0 ? text.indexOf('\n', from) : i % 3 === 1 ? text.indexOf(':', from) : from + 2;
    if (target >= 0) out.add(Math.min(text.length, target + 1));
  }
  return [...out].sort((a, b) => a - b);
}

/** Fixes are asked for the first findings only: an editor asks for the few under the cursor. */
const MAX_FIXED_FINDINGS = 50;

export interface CoreRun {
  readonly analysis: Analysis;
  /** Quick fixes offered, with the finding each answers. */
  readonly fixes: { readonly finding: Finding; readonly fix: CodeFix }[];
  readonly problems: string[];
}

/** Runs every core entry point on `text` and lists what went wrong (empty when all is well). */
export function runCore(text: string, options: { settings?: Settings; uri?: string; probes?: number } = {}): CoreRun {
  const { settings, uri = 'file:///fuzz/input.yaml', probes = 24 } = options;
  const problems: string[] = [];
  const index = new WorkspaceIndex();
  const attempt = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      problems.push(`${what} threw: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}`);
      return undefined;
    }
  };
  const analysis = attempt('analyze', () => analyze(text, { uri, index, settings }));
  if (!analysis) return { analysis: analyze('', { uri }), fixes: [], problems };
  const n = text.length;
  problems.push(...spanProblems(analysis.findings, n, 'findings'), ...boundaryProblems(analysis.findings, text));
  for (const f of analysis.findings) if (f.code === 'internal-error') problems.push(`internal-error: ${f.message}`);
  for (let i = 1; i < analysis.findings.length; i++) {
    if (analysis.findings[i].span.start < analysis.findings[i - 1].span.start) problems.push('findings are not sorted by position');
  }
  const ids = attempt('identitiesOf', () => identitiesOf(analysis)) ?? [];
  problems.push(...spanProblems(ids, n, 'identities'));
  for (const id of ids) {
    attempt('scalePlan', () => scalePlan(id, 0));
    attempt('scalePlan', () => scalePlan(id, id.replicas + 3));
  }
  problems.push(...spanProblems(attempt('previewEntries', () => previewEntries(analysis, index)), n, 'preview'));
  for (const o of probeOffsets(text, probes)) {
    problems.push(...spanProblems(attempt(`hoverAt(${o})`, () => hoverAt(analysis, o, index)), n, `hover@${o}`));
    problems.push(...spanProblems(attempt(`completionsAt(${o})`, () => completionsAt(analysis, o, index)), n, `completion@${o}`));
    problems.push(...spanProblems(attempt(`definitionAt(${o})`, () => definitionAt(analysis, o, index)), n, `definition@${o}`));
    problems.push(...spanProblems(attempt(`referencesAt(${o})`, () => referencesAt(analysis, o, index, true)), n, `references@${o}`));
    problems.push(...spanProblems(attempt(`prepareRenameAt(${o})`, () => prepareRenameAt(analysis, o)), n, `prepareRename@${o}`));
    problems.push(...spanProblems(attempt(`renameAt(${o})`, () => renameAt(analysis, o, 'renamed')), n, `rename@${o}`));
    problems.push(...spanProblems(attempt(`refactorsAt(${o})`, () => refactorsAt(analysis, { start: o, end: o })), n, `refactors@${o}`));
  }
  problems.push(...spanProblems(attempt('inlayHintsIn', () => inlayHintsIn(analysis, { start: 0, end: n })), n, 'inlayHints'));
  problems.push(...spanProblems(attempt('codeLensesOf', () => codeLensesOf(analysis)), n, 'codeLenses'));
  const fixes: CoreRun['fixes'] = [];
  for (const finding of analysis.findings.filter((f) => f.fix).slice(0, MAX_FIXED_FINDINGS)) {
    for (const fix of attempt(`fixesFor(${finding.code})`, () => fixesFor(analysis, finding)) ?? []) {
      problems.push(...spanProblems(fix.edits, n, `fix ${finding.code}`));
      fixes.push({ finding, fix });
    }
  }
  return { analysis, fixes, problems };
}

/** A finding's identity that survives edits elsewhere: rule, field path and message, not position. */
export function findingKey(f: Finding): string {
  return `${f.code}|${f.path ?? ''}|${f.message}`;
}

function counts(findings: readonly Finding[], keep: (f: Finding) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (keep(f)) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
  return m;
}

/** The parser's errors (and the lines it could not read as YAML), by code and message. */
function parserErrors(a: Analysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const { doc } of a.docs) {
    for (const e of doc.errors) m.set(`${e.code}|${e.message}`, (m.get(`${e.code}|${e.message}`) ?? 0) + 1);
    for (const p of doc.problems) if (p.code === 'line-without-key') m.set(p.code, (m.get(p.code) ?? 0) + 1);
  }
  return m;
}

function total(errors: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of errors.values()) n += c;
  return n;
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

/** Where the text after an edit ending at `offset` starts to be untouched: the next line, or `offset` if it starts one. */
function tailStartOf(text: string, offset: number): number {
  if (offset === 0 || text.charCodeAt(offset - 1) === 10) return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Where each edit's new text lies in the text after all edits are applied (removals write nothing). */
function editedRegions(edits: readonly { span: { start: number; end: number }; newText: string }[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let shift = 0;
  const out: { start: number; end: number }[] = [];
  for (const e of sorted) {
    const start = e.span.start + shift;
    shift += e.newText.length - (e.span.end - e.span.start);
    if (e.newText.length > 0) out.push({ start, end: start + e.newText.length });
  }
  return out;
}

function overlaps(a: { start: number; end: number }, r: { start: number; end: number }): boolean {
  if (a.start === a.end) return a.start >= r.start && a.start < r.end;
  return a.start < r.end && a.end > r.start;
}

/**
 * Why applying `fix` loses something, or [] when it does not. Edits for other files are left out
 * (only the edits of this file are applied and judged); `others` are the files indexed with it.
 */
export function fixProblems(analysis: Analysis, finding: Finding, fix: CodeFix, settings?: Settings, others: readonly { uri: string; text: string }[] = []): string[] {
  const text = analysis.text;
  const edits = fix.edits.filter((e) => e.uri === undefined || e.uri === analysis.uri);
  if (edits.length === 0) return [];
  const out: string[] = [];
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].span.start < sorted[i - 1].span.end) out.push('edits overlap');
  if (out.length) return out;
  const fixed = applyEdits(text, edits);
  const index = new WorkspaceIndex();
  for (const o of others) analyze(o.text, { uri: o.uri, index, settings });
  const after = analyze(fixed, { uri: analysis.uri, settings, index });
  const label = `"${fix.title}" for ${finding.code}`;

  // What the parser says, not which of it the yaml-syntax rule shows: the rule shows the first few
  // per document, so a fix that mends one broken construct may bring a later one into view.
  const before = parserErrors(analysis);
  const afterErrors = parserErrors(after);
  // A line the parser could not place, once the errors around it are gone, is reported as a line
  // with no key: the same broken line named anew, not one the fix wrote, when the errors went down.
  const fewer = total(afterErrors) < total(before);
  for (const [k, c] of afterErrors) {
    if (c > (before.get(k) ?? 0) && !(k === 'line-without-key' && fewer)) out.push(`${label}: the fixed text does not parse: ${k}`);
  }
  const key = findingKey(finding);
  const had = counts(analysis.findings).get(key) ?? 0;
  const has = counts(after.findings).get(key) ?? 0;
  if (has >= had) out.push(`${label}: the finding is still there (${key})`);
  // An error the fix writes: new, and on the text the fix inserted. Errors elsewhere that appear
  // were there all along, hidden until now (a document that parses at last, an apiVersion that is
  // served, a field with its right name gets its contents checked).
  const written = editedRegions(edits);
  // A field renamed to its right name has its contents checked for the first time.
  const renamedTo = finding.fix?.kind === 'rename-key' && typeof finding.fix.to === 'string' && finding.path ? finding.path.replace(/[^.\]]+$/, finding.fix.to) : undefined;
  const checkedAtLast = (f: Finding): boolean => renamedTo !== undefined && f.path !== undefined && (f.path === renamedTo || f.path.startsWith(`${renamedTo}.`) || f.path.startsWith(`${renamedTo}[`));
  const errorsBefore = counts(analysis.findings, (f) => f.severity === 'error');
  const seen = new Map<string, number>();
  for (const f of after.findings) {
    if (f.severity !== 'error' || f.code === 'yaml-syntax' || checkedAtLast(f)) continue;
    const k = findingKey(f);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if ((seen.get(k) ?? 0) > (errorsBefore.get(k) ?? 0) && written.some((r) => overlaps(f.span, r))) out.push(`${label}: a new error on the text it wrote: ${k}`);
  }
  const first = Math.min(...edits.map((e) => e.span.start));
  const last = Math.max(...edits.map((e) => e.span.end));
  const head = lineStartOf(text, first);
  const tail = tailStartOf(text, last);
  if (fixed.slice(0, head) !== text.slice(0, head)) out.push(`${label}: changed text before the edited lines`);
  const tailText = text.slice(tail);
  if (!fixed.endsWith(tailText) || fixed.length - tailText.length < head) out.push(`${label}: changed text after the edited lines`);
  return out;
}
