/**
 * Suppressions, in comments and in an annotation:
 *   # statefulset-tools-disable-file [rule-id, ...]       the whole file (every rule without ids)
 *   # statefulset-tools-disable-next-line [rule-id, ...]  the line after the comment
 *   # statefulset-tools-disable-line [rule-id, ...]       the comment's own line
 *   metadata.annotations["statefulset-tools.io/disable"]: "rule-id, ..."
 *                                                        every finding inside that object
 * The annotation is part of the object, so it survives `helm template` and `kustomize build`,
 * which drop comments. With `reportUnusedDisableDirectives`, an id (or a comment without ids)
 * that silenced nothing is reported, as ESLint's `--report-unused-disable-directives` does.
 */
import type { PlacedDoc } from './analyze';
import type { ParsedDoc } from './parse';
import type { RuleMeta } from './rules/types';
import { LineIndex } from './text';
import type { Finding, Severity, SeveritySetting, Span } from './types';
import { asMap, asSeq, at, pairOf, strValue, type YMap, type YScalar } from './yamlTree';

/** Every suppression comment holds this; a text without it has none. */
export const SUPPRESSION_MARK = 'statefulset-tools-disable';
/** The annotation key: a valid qualified name (DNS subdomain prefix, name of at most 63 characters). */
export const DISABLE_ANNOTATION = 'statefulset-tools.io/disable';
const DIRECTIVE = /#\s*statefulset-tools-disable(-file|-next-line|-line)\b([^\n\r#]*)/g;

/** Not a rule that runs: the finding made for a directive that silenced nothing. */
export const unusedDisableDirectiveMeta: RuleMeta = {
  id: 'unused-disable-directive',
  defaultSeverity: 'warning',
  scope: 'document',
  summary: 'A disable comment or statefulset-tools.io/disable annotation silences nothing (reported with reportUnusedDisableDirectives).',
  docs: 'With the setting `reportUnusedDisableDirectives: true` in .statefulset-tools.yaml, or the CLI flag `--report-unused-disable-directives`, every rule id of a `# statefulset-tools-disable...` comment or of the `statefulset-tools.io/disable` annotation that silenced no finding is reported, and so is a comment without ids that silenced nothing. Such a suppression is left over from a problem fixed since, and would hide the next one. Remove the id, or the whole comment or annotation.',
  example: 'metadata:\n  name: web\n  annotations:\n    # pdb-missing fires for this StatefulSet: the annotation is used\n    statefulset-tools.io/disable: "pdb-missing"',
};

export interface DirectiveId {
  readonly id: string;
  /** Absolute span of the id as written. */
  readonly span: Span;
}

export interface Directive {
  readonly kind: 'file' | 'line' | 'next-line' | 'annotation';
  /** Absolute span of the comment, or of the annotation's value. */
  readonly span: Span;
  /** The rule ids; none in a comment means every rule. */
  readonly ids: readonly DirectiveId[];
  /** What it covers: a 0-based line, or (annotation) the object's absolute span. */
  readonly line?: number;
  readonly object?: Span;
}

/** Whether a chunk of text may hold a suppression; a chunk without either word holds none. */
export function mayHoldSuppressions(text: string): boolean {
  return text.includes(SUPPRESSION_MARK) || text.includes(DISABLE_ANNOTATION);
}

/** The comment directives of `text`, with spans and lines of `text` plus `offset`. */
export function commentDirectives(text: string, lines: LineIndex, offset = 0, from = 0, to = text.length): Directive[] {
  const out: Directive[] = [];
  if (text.indexOf(SUPPRESSION_MARK, from) < 0) return out;
  DIRECTIVE.lastIndex = from;
  for (let m = DIRECTIVE.exec(text); m && m.index < to; m = DIRECTIVE.exec(text)) {
    const kind = m[1] === '-file' ? 'file' : m[1] === '-line' ? 'line' : 'next-line';
    const idsStart = m.index + m[0].length - m[2].length;
    const ids = tokens(m[2]).map((t) => ({ id: t.text, span: { start: offset + idsStart + t.at, end: offset + idsStart + t.at + t.text.length } }));
    const line = lines.positionAt(m.index).line + (kind === 'next-line' ? 1 : 0);
    out.push({ kind, span: { start: offset + m.index, end: offset + idsStart + m[2].trimEnd().length }, ids, line: kind === 'file' ? undefined : line });
  }
  return out;
}

function tokens(s: string): { text: string; at: number }[] {
  return [...s.matchAll(/[^\s,]+/g)].map((m) => ({ text: m[0], at: m.index ?? 0 }));
}

/** The objects of a document: its root mapping, or the items of a `kind: List`. */
export function objectsOf(doc: ParsedDoc): YMap[] {
  const root = asMap(doc.root);
  if (!root) return [];
  if (strValue(pairOf(root, 'kind')?.value) === 'List') return (asSeq(pairOf(root, 'items')?.value)?.items ?? []).map(asMap).filter((m): m is YMap => m !== undefined);
  return [root];
}

/** The annotation's value node on an object, when it is a string. */
export function disableAnnotationOf(object: YMap): YScalar | undefined {
  const v = at(object, 'metadata', 'annotations', DISABLE_ANNOTATION);
  return v && v.kind === 'scalar' && v.type === 'str' ? v : undefined;
}

/** The ids in the annotation's value, each at its place in `text` (relative spans). */
export function annotationIds(text: string, value: YScalar): DirectiveId[] {
  const source = text.slice(value.span.start, value.span.end);
  let from = 0;
  return tokens(String(value.value)).map((t) => {
    const i = source.indexOf(t.text, from);
    if (i < 0) return { id: t.text, span: value.span };
    from = i + t.text.length;
    return { id: t.text, span: { start: value.span.start + i, end: value.span.start + i + t.text.length } };
  });
}

function annotationDirectives(docs: readonly PlacedDoc[]): Directive[] {
  const out: Directive[] = [];
  for (const p of docs) {
    if (!p.chunkText.includes(DISABLE_ANNOTATION)) continue;
    for (const object of objectsOf(p.doc)) {
      const value = disableAnnotationOf(object);
      if (!value) continue;
      const shift = (s: Span): Span => ({ start: s.start + p.offset, end: s.end + p.offset });
      const ids = annotationIds(p.chunkText, value).map((d) => ({ id: d.id, span: shift(d.span) }));
      out.push({ kind: 'annotation', span: shift(value.span), ids, object: shift(object.span) });
    }
  }
  return out;
}

function covers(d: Directive, f: Finding, lineOf: (offset: number) => number): boolean {
  if (d.kind === 'file') return true;
  if (d.kind === 'annotation') return d.object !== undefined && f.span.start >= d.object.start && f.span.start <= d.object.end;
  return lineOf(f.span.start) === d.line;
}

function silences(d: Directive, f: Finding, lineOf: (offset: number) => number): boolean {
  return (d.ids.length === 0 || d.ids.some((x) => x.id === f.code)) && covers(d, f, lineOf);
}

export interface SuppressionOptions {
  /** Report ids that silenced nothing, with this severity (from the rules setting; off: not at all). */
  readonly reportUnused?: SeveritySetting;
  /** Unknown ids are reported by the disable-unknown-rule rule, not as unused. */
  readonly isRule?: (id: string) => boolean;
}

/** The findings no directive silences, and (when asked) one for each directive id that silenced nothing. */
export function applySuppressions(text: string, findings: Finding[], docs: readonly PlacedDoc[] = [], options: SuppressionOptions = {}): Finding[] {
  const lines = new LineIndex(text);
  const directives = [...commentDirectives(text, lines), ...annotationDirectives(docs)];
  if (directives.length === 0) return findings;
  const lineOf = (o: number): number => lines.positionAt(o).line;
  const kept = findings.filter((f) => !directives.some((d) => silences(d, f, lineOf)));
  const severity = options.reportUnused;
  if (!severity || severity === 'off') return kept;
  const unused: Finding[] = [];
  for (const d of directives) {
    const silenced = findings.filter((f) => covers(d, f, lineOf));
    if (d.ids.length === 0) {
      if (silenced.length === 0) unused.push(unusedFinding(severity, d.span, 'This disable comment silences nothing: no finding is reported where it applies.'));
      continue;
    }
    for (const x of d.ids) {
      if (options.isRule && !options.isRule(x.id)) continue;
      if (!silenced.some((f) => f.code === x.id)) unused.push(unusedFinding(severity, x.span, `Unused disable of ${x.id}: that rule reports nothing ${d.kind === 'annotation' ? 'in this object' : d.kind === 'file' ? 'in this file' : 'on that line'}.`));
    }
  }
  return unused.length === 0 ? kept : [...kept, ...unused].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function unusedFinding(severity: Severity, span: Span, message: string): Finding {
  return { code: unusedDisableDirectiveMeta.id, severity, message, span };
}
