/**
 * Neovim as the client: the docs' Neovim 0.7 snippet loaded as the user's config, the server
 * found on PATH by the name the page gives, a project with a `.git` root. Neovim's own LSP client
 * (no plugins) talks to the bundled server; test/editors/nvim/check.lua records what arrived,
 * and this file compares it, UTF-16 ranges and all, with what the fixture says.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Diagnostic, Hover, Location, Position, Range } from 'vscode-languageserver-protocol/node';
import { hoverAt } from '../../server/src/core/hover';
import { workspace } from '../support/cursor';
import { ROOT } from '../support/paths';
import { INDEXING } from '../lsp/support/lspClient';
import { positionOf, rangeOf } from '../lsp/support/positions';
import { editorOrSkip, findEditor, runEditor, snippetAfter, WAIT_MS, workspaceCopy } from './support';

interface Result {
  readonly error?: string;
  readonly nvim: string;
  readonly filetype: string;
  readonly client: { name: string; root_dir: string; offset_encoding: string };
  readonly progress: { kind: string; title?: string }[];
  readonly diagnostics: Diagnostic[];
  readonly vimDiagnostics: { code: string; lnum: number; col: number; end_lnum: number; end_col: number; severity: number }[];
  readonly hover: Hover | null;
  readonly completion: CompletionItem[];
  readonly definition: Location[];
  readonly diagnosticsAfterSettings: Diagnostic[];
  readonly logProblems: string[];
}

const nvim = findEditor('nvim');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The range of `word` inside the first occurrence of `context`. */
function within(text: string, context: string, word: string): Range {
  const at = context.indexOf(word);
  assert.ok(at >= 0, `"${word}" is not in "${context}"`);
  return { start: positionOf(text, context, at), end: positionOf(text, context, at + word.length) };
}

/** Code, severity and range, in document order: what the comparisons below are about. */
function found(diagnostics: readonly Diagnostic[]): { code: unknown; severity: unknown; range: Range }[] {
  return diagnostics
    .map((d) => ({ code: d.code, severity: d.severity, range: d.range }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

test('Neovim: the documented 0.7 setup gets diagnostics, hover, completion, definition and settings', async (t) => {
  const editor = editorOrSkip(t, nvim, 'apt-get install neovim');
  if (!editor) return;
  const ws = workspaceCopy('sts-nvim-');
  dirs.push(dirname(ws.root));
  const init = join(ws.scratch, 'init.lua');
  writeFileSync(init, snippetAfter('Neovim 0.7 to 0.9', 'lua'));
  const file = join(ws.root, 'web.yaml');
  const text = readFileSync(file, 'utf8');
  const services = readFileSync(join(ws.root, 'services.yaml'), 'utf8');
  const hoverAtReplicas = positionOf(text, 'replicas: 3', 2);
  const output = join(ws.scratch, 'result.json');
  const plan = {
    init,
    file,
    output,
    timeoutMs: WAIT_MS,
    // Only the workspace scan finds storage.yaml's StorageClass, and with it this finding.
    waitFor: ['storage-class-not-found'],
    hover: hoverAtReplicas,
    completion: positionOf(text, 'fast-ssd'),
    definition: positionOf(text, 'serviceName: web', 'serviceName: w'.length),
    settings: { statefulset: { kubernetesVersion: '1.30', rules: { 'storage-class-not-found': 'off' } } },
  };
  writeFileSync(join(ws.scratch, 'plan.json'), JSON.stringify(plan));

  const started = Date.now();
  const run = await runEditor(
    editor.command,
    ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test', 'editors', 'nvim', 'check.lua')}`],
    // The editor's log, state and config stay in the scratch directory.
    { ...process.env, PATH: ws.path, STS_PLAN: join(ws.scratch, 'plan.json'), XDG_CACHE_HOME: ws.scratch, XDG_STATE_HOME: ws.scratch, XDG_CONFIG_HOME: ws.scratch, XDG_DATA_HOME: ws.scratch },
    ws.root,
  );
  t.diagnostic(`${editor.version}: ${Date.now() - started} ms`);
  assert.ok(existsSync(output), `no result from Neovim (exit ${run.code}, signal ${run.signal}):\n${run.output}`);
  const r = JSON.parse(readFileSync(output, 'utf8')) as Result;
  assert.equal(r.error, undefined, `${r.error}\n${run.output}`);
  assert.equal(run.code, 0, run.output);

  assert.equal(r.filetype, 'yaml');
  assert.deepEqual(r.client, { name: 'statefulset', root_dir: ws.root, offset_encoding: 'utf-16' }, 'one client, rooted at the .git directory');
  assert.deepEqual(r.progress.map((p) => p.kind), ['begin', 'end']);
  assert.ok(r.progress[0].title?.includes(INDEXING), r.progress[0].title);

  // The snippet's settings arrived: pdb-missing is off, and 1.30 is the release judged.
  assert.deepEqual(found(r.diagnostics), [
    { code: 'volume-mount-unresolved', severity: 1, range: rangeOf(text, 'dta') },
    { code: 'claim-template-unmounted', severity: 3, range: within(text, 'name: data\n', 'data') },
    { code: 'storage-class-not-found', severity: 2, range: rangeOf(text, 'fast-ssd') },
  ]);
  assert.ok(r.diagnostics.every((d) => d.source === 'statefulset'));
  assert.match(String(r.diagnostics.find((d) => d.code === 'volume-mount-unresolved')?.message), /before 1\.34/);

  // After the 🚀 (two UTF-16 units, four bytes), Neovim's byte columns differ from the server's.
  const line = text.split('\n')[rangeOf(text, 'dta').start.line];
  assert.ok(line.includes('🚀'));
  const bytes = (p: Position): number => Buffer.byteLength(text.split('\n')[p.line].slice(0, p.character));
  assert.deepEqual(
    r.vimDiagnostics.map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity]).sort((a, b) => Number(a[1]) - Number(b[1])),
    found(r.diagnostics).map((d) => [d.code, d.range.start.line, bytes(d.range.start), d.range.end.line, bytes(d.range.end), d.severity]),
  );

  const expectedHover = (() => {
    const offset = text.indexOf('replicas: 3') + 2;
    const w = workspace(`${text.slice(0, offset)}<|>${text.slice(offset)}`, {}, { kubernetesVersion: '1.30' }, pathToFileURL(file).href);
    return hoverAt(w.analysis, w.offset, w.index)?.contents;
  })();
  assert.deepEqual(r.hover, { contents: { kind: 'markdown', value: expectedHover }, range: within(text, 'replicas: 3', 'replicas') });
  assert.match(expectedHover ?? '', /`web-0`, `web-1`, `web-2`/);

  // Neovim 0.7 takes no snippets: the class comes as plain text over the value's exact range.
  assert.deepEqual(
    r.completion.map((i) => ({ label: i.label, detail: i.detail, textEdit: i.textEdit, insertTextFormat: i.insertTextFormat })),
    [{ label: 'fast', detail: 'ebs.csi.aws.com', textEdit: { range: rangeOf(text, 'fast-ssd'), newText: 'fast' }, insertTextFormat: 1 }],
  );

  assert.deepEqual(r.definition, [{ uri: pathToFileURL(join(ws.root, 'services.yaml')).href, range: rangeOf(services, 'web') }]);

  // Settings changed in place and announced: the rule turned off is gone, pdb-missing (no longer off) is back.
  assert.deepEqual(found(r.diagnosticsAfterSettings), [
    { code: 'pdb-missing', severity: 3, range: within(text, 'name: web\nspec', 'web') },
    { code: 'volume-mount-unresolved', severity: 1, range: rangeOf(text, 'dta') },
    { code: 'claim-template-unmounted', severity: 3, range: within(text, 'name: data\n', 'data') },
  ]);

  assert.deepEqual(r.logProblems, [], "nothing in Neovim's LSP log at WARN or above");
});
