/**
 * The only place where the core's UTF-16 offsets become LSP positions and back. LSP's default
 * position encoding is UTF-16 too, so `TextDocument.positionAt` maps them one to one (an astral
 * character counts two columns on both sides); we never negotiate another encoding.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location, type Position, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleMeta, type Finding, type FixData, type RuleMeta, type Severity, type Span } from '../core';
import { ruleDocsUrl } from '../version';

export const DIAGNOSTIC_SOURCE = 'statefulset';

/** Anything that maps offsets to positions: an open TextDocument or a snapshot read from disk. */
export type PositionMapper = Pick<TextDocument, 'positionAt' | 'offsetAt' | 'uri'>;

export function positionOf(doc: PositionMapper, offset: number): Position {
  return doc.positionAt(offset);
}

export function rangeOf(doc: PositionMapper, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function offsetOf(doc: PositionMapper, position: Position): number {
  return doc.offsetAt(position);
}

export function spanOf(doc: PositionMapper, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

export function locationOf(doc: PositionMapper, span: Span): Location {
  return { uri: doc.uri, range: rangeOf(doc, span) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Diagnostic tags change how editors draw the underlined text. Ids are listed, not guessed from
 * names, so a renamed rule shows up in review.
 * Deprecated (struck through): an apiVersion the API server stopped serving.
 * Unnecessary (faded): fields the StatefulSet controller replaces, so they have no effect.
 */
const TAGS: Readonly<Record<string, DiagnosticTag>> = {
  'api-version-removed': DiagnosticTag.Deprecated,
  'volume-shadowed-by-claim': DiagnosticTag.Unnecessary,
  'pod-identity-overwritten': DiagnosticTag.Unnecessary,
};

/**
 * What `diagnostic.data` carries: quick fixes read `fix`, keyed with `diagnostic.code`; a client
 * beside another YAML server reads `layer` (the rule's own), so it needs no list of rule ids.
 */
export interface DiagnosticData {
  readonly fix?: FixData;
  readonly path?: string;
  readonly layer?: RuleMeta['layer'];
}

export function toDiagnostic(doc: PositionMapper, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: rangeOf(doc, f.span),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
  };
  if (ruleMeta(f.code)) d.codeDescription = { href: ruleDocsUrl(f.code) };
  const tag = TAGS[f.code];
  if (tag !== undefined) d.tags = [tag];
  const layer = ruleMeta(f.code)?.layer;
  if (f.fix !== undefined || f.path !== undefined || layer !== undefined) {
    const data: DiagnosticData = { fix: f.fix, path: f.path, layer };
    d.data = data;
  }
  return d;
}

/** Reads back what `toDiagnostic` put in `data` (clients echo it in code action requests). */
export function diagnosticData(d: Diagnostic): DiagnosticData {
  const data: unknown = d.data;
  if (typeof data !== 'object' || data === null) return {};
  const o = data as { fix?: unknown; path?: unknown };
  const fix = typeof o.fix === 'object' && o.fix !== null && typeof (o.fix as { kind?: unknown }).kind === 'string' ? (o.fix as FixData) : undefined;
  return { fix, path: typeof o.path === 'string' ? o.path : undefined };
}
