/** Diagnostics of `.statefulset-tools.yaml` itself: its YAML and schema problems, each at its key or value. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfig, type ParsedConfig } from '../core';
import { DIAGNOSTIC_SOURCE, rangeOf } from './convert';

/** The code of every configuration problem. */
export const CONFIG_INVALID = 'config-invalid';

const parsed = new WeakMap<TextDocument, { version: number; parsed: ParsedConfig }>();

export function configDiagnostics(doc: TextDocument): Diagnostic[] {
  let known = parsed.get(doc);
  if (known?.version !== doc.version) {
    const text = doc.getText();
    known = { version: doc.version, parsed: parseConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
    parsed.set(doc, known);
  }
  const shift = doc.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  return known.parsed.problems.map((p) => ({
    range: rangeOf(doc, { start: p.span.start + shift, end: p.span.end + shift }),
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: CONFIG_INVALID,
    message: p.message,
  }));
}
