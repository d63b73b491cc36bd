/**
 * Neovim as the client: the docs' Neovim 0.7 snippet loaded as the user's config, the server
 * found on PATH by the name the page gives, a Git project as the root. Neovim's own LSP client
 * (no plugins) talks to the bundled server; test/editors/nvim/check.lua records what arrived,
 * and this file compares it, UTF-16 ranges and all, with what the fixture says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Diagnostic, Hover, Location, Position } from 'vscode-languageserver-protocol/node';
import { INDEXING } from '../lsp/support/lspClient';
import { ROOT } from '../support/paths';
import { editorOrSkip, findEditor, inOrder, runScenario, snippetAfter } from './support';

/** What check.lua writes. */
interface Result {
  readonly error?: string;
  readonly nvim: string;
  readonly filetype: string;
  readonly client: { name: string; root_dir: string; offset_encoding: string };
  readonly progress: { kind: string; title?: string }[];
  /** The last publishDiagnostics before the questions, as the server sent it. */
  readonly diagnostics: Diagnostic[];
  /** What vim.diagnostic made of it: byte columns. */
  readonly vimDiagnostics: { code: string; lnum: number; col: number; end_lnum: number; end_col: number; severity: number }[];
  readonly hover: Hover | null;
  readonly completion: CompletionItem[];
  readonly definition: Location[];
  readonly diagnosticsAfterSettings: Diagnostic[];
  readonly logProblems: string[];
}

const nvim = findEditor('nvim');

test('Neovim: the documented 0.7 setup gets diagnostics, hover, completion, definition and settings', async (t) => {
  const editor = editorOrSkip(t, nvim, 'apt-get install neovim');
  if (!editor) return;
  const { s, r, root } = await runScenario<Result>(t, editor, {
    init: { name: 'init.lua', text: snippetAfter('Neovim 0.7 to 0.9', 'lua') },
    args: ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test', 'editors', 'nvim', 'check.lua')}`],
    // Neovim's LSP log, state and config stay in the scratch directory.
    env: (scratch) => ({ XDG_CACHE_HOME: scratch, XDG_STATE_HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch }),
  });

  assert.equal(r.filetype, 'yaml');
  assert.deepEqual(r.client, { name: 'statefulset', root_dir: root, offset_encoding: 'utf-16' }, 'one client, rooted at the Git project');
  assert.deepEqual(r.progress.map((p) => p.kind), ['begin', 'end']);
  assert.ok(r.progress[0].title?.includes(INDEXING), r.progress[0].title);

  // The snippet's settings arrived: pdb-missing is off, and 1.30 is the release judged.
  assert.deepEqual(inOrder(r.diagnostics), s.findings);
  assert.ok(r.diagnostics.every((d) => d.source === 'statefulset'));
  assert.match(String(r.diagnostics.find((d) => d.code === 'volume-mount-unresolved')?.message), /before 1\.34/);

  // Neovim keeps byte columns: after the 🚀 (two UTF-16 units, four bytes) they differ from the server's.
  const lines = s.text.split('\n');
  const bytes = (p: Position): number => Buffer.byteLength(lines[p.line].slice(0, p.character));
  assert.deepEqual(
    [...r.vimDiagnostics].sort((a, b) => a.lnum - b.lnum).map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity]),
    s.findings.map((d) => [d.code, d.range.start.line, bytes(d.range.start), d.range.end.line, bytes(d.range.end), d.severity]),
  );

  assert.deepEqual(r.hover, { contents: { kind: 'markdown', value: s.hover.value }, range: s.hover.range });

  // Neovim 0.7 takes no snippets: plain text over the value's exact range.
  assert.deepEqual(
    r.completion.map((i) => ({ label: i.label, detail: i.detail, textEdit: i.textEdit, insertTextFormat: i.insertTextFormat })),
    [{ label: s.completion.label, detail: s.completion.detail, textEdit: { range: s.completion.range, newText: s.completion.label }, insertTextFormat: 1 }],
  );

  assert.deepEqual(r.definition, [{ uri: pathToFileURL(s.definition.file).href, range: s.definition.range }]);

  // Settings changed in place and announced: the rule turned off is gone, pdb-missing (no longer off) is back.
  assert.deepEqual(inOrder(r.diagnosticsAfterSettings), s.findingsAfterSettings);

  assert.deepEqual(r.logProblems, [], "nothing in Neovim's LSP log at WARN or above");
});
