/**
 * Emacs with eglot as the client: the docs' init.el snippet loaded as the user's init, the server
 * on PATH, a Git project. Debian 12 has Emacs 28, which has no eglot of its own: its elpa-eglot
 * (1.9) and elpa-yaml-mode packages provide both. test/editors/emacs/check.el records what
 * Flymake, ElDoc, completion-at-point and xref got; this file compares it with the fixture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, Diagnostic, Position } from 'vscode-languageserver-protocol/node';
import { markdownToPlain } from '../../server/src/lsp/hover';
import { ROOT } from '../support/paths';
import { editorOrSkip, findEditor, inOrder, runScenario, snippetAfter, type Finding } from './support';

interface Place {
  readonly line: number;
  /** Characters (code points) from the start of the line: what Emacs counts. */
  readonly column: number;
}

/** What check.el writes. */
interface Result {
  readonly error?: string;
  readonly emacs: string;
  readonly mode: string;
  readonly server: { root: string; name: string };
  /** Flymake's diagnostics, each with the LSP diagnostic eglot made it from. */
  readonly diagnostics: { code: string; type: string; start: Place; end: Place; lsp: Diagnostic }[];
  readonly hover: string | null;
  readonly completion: { candidate: string; lsp: CompletionItem }[];
  /** xref locations: 1-based lines. */
  readonly definition: { file: string; line: number; column: number }[];
  readonly diagnosticsAfterSettings: Result['diagnostics'];
  readonly problems: string[];
}

// Emacs 29 and newer have eglot; Emacs 28 needs the package (Debian: elpa-eglot).
const emacs = findEditor('emacs', { args: ['--batch', '-q', '--eval', "(progn (package-activate-all) (require 'eglot) (require 'yaml-mode))"], what: 'eglot or yaml-mode' });

// Eglot has no hint type: a hint is a note, as information is.
const FLYMAKE_TYPE: Record<number, string> = { 1: 'eglot-error', 2: 'eglot-warning', 3: 'eglot-note', 4: 'eglot-note' };

test('Emacs 28 + eglot: the documented init gets Flymake diagnostics, hover, completion, definition and settings', async (t) => {
  const editor = editorOrSkip(t, emacs, 'apt-get install emacs-nox elpa-eglot elpa-yaml-mode');
  if (!editor) return;
  const { s, r, root } = await runScenario<Result>(t, editor, {
    init: { name: 'init.el', text: snippetAfter('## Emacs (eglot)', 'elisp') },
    // -q, not -Q: -Q also leaves out site-lisp, where Debian installs its elpa-* packages.
    args: ['--batch', '-q', '-l', join(ROOT, 'test', 'editors', 'emacs', 'check.el')],
    // No user init, and Emacs writes nothing of its own outside the scratch directory.
    env: (scratch) => ({ HOME: scratch }),
  });

  assert.equal(r.mode, 'yaml-mode');
  assert.deepEqual(r.server, { root: `${root}/`, name: 'statefulset-language-server' });

  // Emacs counts characters: the 🚀 is one there, two UTF-16 units for the server.
  const lines = s.text.split('\n');
  const place = (p: Position): Place => ({ line: p.line, column: Array.from(lines[p.line].slice(0, p.character)).length });
  const flymake = (findings: readonly Finding[]) => findings.map((f) => ({ code: f.code, type: FLYMAKE_TYPE[f.severity], start: place(f.range.start), end: place(f.range.end) }));
  const emacsSide = (ds: Result['diagnostics']) => ds.map((d) => ({ code: d.code, type: d.type, start: d.start, end: d.end }));

  // The snippet's settings arrived through workspace/configuration: pdb-missing off, 1.30 judged.
  assert.deepEqual(inOrder(r.diagnostics.map((d) => d.lsp)), s.findings);
  assert.deepEqual(emacsSide(r.diagnostics), flymake(s.findings));
  assert.match(String(r.diagnostics.find((d) => d.code === 'volume-mount-unresolved')?.lsp.message), /before 1\.34/);

  // ElDoc's text: without markdown-mode eglot asks for plain text, and the server sends the hover
  // without Markdown marks (eglot trims it).
  assert.equal(r.hover, markdownToPlain(s.hover.value).trim());

  assert.deepEqual(
    r.completion.map((c) => ({ candidate: c.candidate, detail: c.lsp.detail, textEdit: c.lsp.textEdit })),
    [{ candidate: s.completion.label, detail: s.completion.detail, textEdit: { range: s.completion.range, newText: s.completion.label } }],
  );

  assert.deepEqual(r.definition, [{ file: s.definition.file, line: s.definition.range.start.line + 1, column: s.definition.range.start.character }]);

  // eglot-signal-didChangeConfiguration, as the page says: the rule turned off is gone, pdb-missing is back.
  assert.deepEqual(inOrder(r.diagnosticsAfterSettings.map((d) => d.lsp)), s.findingsAfterSettings);
  assert.deepEqual(emacsSide(r.diagnosticsAfterSettings), flymake(s.findingsAfterSettings));

  assert.deepEqual(r.problems, [], 'no failed request either way, no error or warning from the server');
});
