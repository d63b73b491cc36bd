/**
 * What the server should say, worked out without the server: the core's findings placed with
 * the core's own LineIndex (not the TextDocument the server converts with), so a conversion
 * mistake in the server cannot hide in both sides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport, Range } from 'vscode-languageserver-protocol/node';
import { analyze, LineIndex, type Settings } from '../../../server/src/core';
import { readExpectations } from '../../support/annotations';
import { FIXTURES } from '../../support/paths';

export const LSP_FIXTURES = join(FIXTURES, 'lsp');

export function fixture(name: string): string {
  return readFileSync(join(LSP_FIXTURES, name), 'utf8');
}

/** A file URI that exists nowhere on disk: the server keeps it as an open document only. */
export function memoryUri(name: string): string {
  return pathToFileURL(join('/nonexistent-statefulset-tests', name)).href;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

export interface ExpectedDiagnostic {
  readonly range: Range;
  readonly severity: number;
  readonly code: string;
  readonly message: string;
  readonly fix?: unknown;
  readonly path?: string;
}

/** The core's findings for `text` as LSP-shaped expectations (0-based lines, UTF-16 columns). */
export function expectedFromCore(text: string, settings?: Settings): ExpectedDiagnostic[] {
  const lines = new LineIndex(text);
  return analyze(text, { uri: 'memory:expected', settings }).findings.map((f) => ({
    range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) },
    severity: SEVERITY[f.severity],
    code: f.code,
    message: f.message,
    // As it travels: JSON drops undefined members.
    fix: f.fix === undefined ? undefined : (JSON.parse(JSON.stringify(f.fix)) as unknown),
    path: f.path,
  }));
}

/** The parts of a diagnostic the expectations describe, in a stable order, for deepEqual. */
export function comparable(ds: readonly Diagnostic[]): ExpectedDiagnostic[] {
  return ds
    .map((d) => {
      const data = (d.data ?? {}) as { fix?: unknown; path?: string };
      return { range: d.range, severity: d.severity ?? 0, code: String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value, fix: data.fix, path: data.path };
    })
    .sort(order);
}

export function sorted(ds: readonly ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  return [...ds].sort(order);
}

function order(a: ExpectedDiagnostic, b: ExpectedDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

/** The fixture's inline annotations as (line, start, end, severity, code) for single-line findings. */
export function annotated(text: string): { line: number; start: number; end: number; severity: number; code: string }[] {
  return readExpectations(text).map((e) => ({ line: e.line, start: e.start, end: e.end, severity: SEVERITY[e.severity], code: e.code }));
}

export function fullItems(report: DocumentDiagnosticReport): Diagnostic[] {
  if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
  return (report as FullDocumentDiagnosticReport).items;
}
