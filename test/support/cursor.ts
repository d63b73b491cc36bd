/**
 * Cursor markers in fixture text for editor-feature tests: `<|>` marks where the cursor is (a
 * bare `|` is YAML syntax). `files` analyses several texts into one workspace index, the way the
 * server sees a workspace.
 */
import { analyze, WorkspaceIndex, type Analysis, type Settings } from '../../server/src/core';

export const CURSOR = '<|>';

/** The text without its marker, and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('expected exactly one <|> marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

export interface Workspace {
  readonly index: WorkspaceIndex;
  readonly analysis: Analysis;
  readonly offset: number;
  readonly text: string;
}

/**
 * Analyses `others` (uri -> text) into an index, then the marked text as `uri`. The marked file
 * is analysed last, as the server does for the document being edited.
 */
export function workspace(marked: string, others: Record<string, string> = {}, settings?: Settings, uri = 'file:///w/sts.yaml'): Workspace {
  const index = new WorkspaceIndex();
  for (const [u, t] of Object.entries(others)) analyze(t, { uri: u, index, settings });
  const { text, offset } = cursor(marked);
  return { index, analysis: analyze(text, { uri, index, settings }), offset, text };
}

/** The offset of the `n`th (0-based) occurrence of `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found (occurrence ${n})`);
  }
  return i + delta;
}

/** The span of the `n`th occurrence of `needle`. */
export function spanOf(text: string, needle: string, n = 0): { start: number; end: number } {
  const start = offsetOf(text, needle, 0, n);
  return { start, end: start + needle.length };
}
