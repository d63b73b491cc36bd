/**
 * Real files (the shared corpus: manifests from public repositories, Helm and other templates,
 * Kustomize pieces) through the CLI and the language server without an exception, and the verdict
 * on each as a reviewed snapshot: test/fixtures/corpus-snapshot.json lists, per file, its findings
 * as `line:column rule-id severity`, each file checked on its own. A rule change that changes a
 * verdict on a real file shows up in review as a change of that file.
 *
 * `UPDATE_SNAPSHOT=1` rewrites the snapshot (review the diff before committing it). The corpus
 * sits next to the clone (`../shared/corpus`); a user's clone has none, and the tests skip.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, LineIndex } from '../../server/src/core';
import type { FileResult } from '../../server/src/cli/format';
import { jsonOf, runCli } from '../cli/harness';
import { LspClient } from '../lsp/support/lspClient';
import { FIXTURES, SHARED } from '../support/paths';
import { positionProblems } from './support/lspCheck';

const CORPUS = join(SHARED, 'corpus');
const SNAPSHOT = join(FIXTURES, 'corpus-snapshot.json');
const TREES_SNAPSHOT = join(FIXTURES, 'corpus-trees-snapshot.json');

type Snapshot = Record<string, string[]>;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

/** Each file alone, with the default settings: what `statefulset-tools check <file>` says. */
function verdicts(files: readonly string[]): Snapshot {
  const out: Snapshot = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = new LineIndex(text);
    out[relative(CORPUS, file).split('\\').join('/')] = analyze(text, { uri: pathToFileURL(file).href })
      .findings.map((f) => {
        const p = lines.positionAt(f.span.start);
        return { line: p.line + 1, column: p.character + 1, text: `${p.line + 1}:${p.character + 1} ${f.code} ${f.severity}` };
      })
      .sort((a, b) => a.line - b.line || a.column - b.column || a.text.localeCompare(b.text))
      .map((f) => f.text);
  }
  return out;
}

/** The change from `was` to `now`, file by file, as a reviewer reads it. */
function snapshotDiff(was: Snapshot, now: Snapshot): string {
  const out: string[] = [];
  for (const file of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
    const a = was[file];
    const b = now[file];
    if (!a) {
      out.push(`+ ${file} (new file): ${b.length} findings`);
      continue;
    }
    if (!b) {
      out.push(`- ${file} (gone)`);
      continue;
    }
    const removed = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    if (removed.length === 0 && added.length === 0) continue;
    out.push(`  ${file}`, ...removed.map((x) => `    - ${x}`), ...added.map((x) => `    + ${x}`));
  }
  return out.join('\n');
}

/**
 * The trees a user would point `check` at: the folders of single manifests, each Kustomize tree
 * and each repository of committed Helm renders.
 */
function trees(): string[] {
  const sub = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort().map((n) => join(dir, n)).filter((p) => statSync(p).isDirectory()) : []);
  return [
    ...['real', 'kustomize', 'helm-templates', 'other-templates'].map((d) => join(CORPUS, d)).filter((p) => existsSync(p)),
    ...sub(join(CORPUS, 'real-repos', 'kustomize')),
    ...sub(join(CORPUS, 'real-repos', 'helm-rendered')),
  ];
}

const skip = existsSync(CORPUS) ? false : `no shared corpus at ${CORPUS} (it sits next to the project's own clone; a user's clone has none)`;
const files = skip ? [] : walk(CORPUS);

describe('corpus', { skip }, () => {
  test('the findings on every file match the reviewed snapshot (UPDATE_SNAPSHOT=1 rewrites it)', () => {
    const now = verdicts(files);
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 2)}\n`);
    assert.ok(existsSync(SNAPSHOT), `${SNAPSHOT} is missing: run with UPDATE_SNAPSHOT=1`);
    const was = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    const diff = snapshotDiff(was, now);
    assert.ok(diff === '', `The verdict on real files changed (- snapshot, + now). If the change is intended, run UPDATE_SNAPSHOT=1 and commit the snapshot:\n${diff}`);
  });

  test('the CLI on each tree (as `check TREE` sees it: Kustomize, Helm renders, other YAML) matches the reviewed snapshot', () => {
    const now: Record<string, Snapshot> = {};
    const errors: string[] = [];
    for (const tree of trees()) {
      const name = relative(CORPUS, tree).split('\\').join('/');
      const run = runCli(['check', tree, '--format', 'json']);
      assert.ok(run.status === 0 || run.status === 1, `${name}: exit ${run.status}:\n${run.stderr}`);
      const verdict: Snapshot = {};
      for (const r of jsonOf<FileResult[]>(run)) {
        if (r.messages.length === 0) continue;
        verdict[relative(tree, r.filePath).split('\\').join('/')] = r.messages
          .map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`)
          .sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]) || a.localeCompare(b));
        errors.push(...r.messages.filter((m) => m.severity === 'error').map(() => name));
      }
      now[name] = verdict;
    }
    const perTree = new Map<string, number>();
    for (const t of errors) perTree.set(t, (perTree.get(t) ?? 0) + 1);
    console.log(`errors per tree: ${[...perTree].map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`);
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(TREES_SNAPSHOT, `${JSON.stringify(now, null, 2)}\n`);
    assert.ok(existsSync(TREES_SNAPSHOT), `${TREES_SNAPSHOT} is missing: run with UPDATE_SNAPSHOT=1`);
    const was = JSON.parse(readFileSync(TREES_SNAPSHOT, 'utf8')) as Record<string, Snapshot>;
    const diffs = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort().map((t) => {
      const d = snapshotDiff(was[t] ?? {}, now[t] ?? {});
      return d === '' ? '' : `${t}:\n${d}`;
    }).filter((d) => d !== '');
    assert.ok(diffs.length === 0, `The CLI's verdict on a corpus tree changed (- snapshot, + now). If the change is intended, run UPDATE_SNAPSHOT=1 and commit the snapshot:\n${diffs.join('\n')}`);
  });

  test('the CLI checks the whole corpus without an internal error', () => {
    const run = runCli(['check', CORPUS, '--format', 'json']);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}:\n${run.stderr}`);
    assert.doesNotMatch(run.stderr, /internal error/);
    const results = jsonOf<FileResult[]>(run);
    // The CLI also reads kustomization files without an extension (`Kustomization`) and the JSON 6902 patches kustomizations name (`.json`).
    assert.deepEqual(results.map((r) => r.filePath).filter((p) => !p.endsWith('/Kustomization') && !p.endsWith('.json')).sort(), [...files].sort());
    const failed = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'internal-error').map((m) => `${r.filePath}: ${m.message}`));
    assert.deepEqual(failed, []);
  });

  describe('the language server', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start();
    });
    after(() => client.kill());

    test('opens every file, publishes diagnostics inside it, and answers symbols and hovers', async () => {
      const problems: string[] = [];
      for (const file of files) {
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        await client.open(uri, text);
        const published = await client.nextDiagnostics(uri, { version: 1 });
        problems.push(...positionProblems(published.diagnostics, text, relative(CORPUS, file)));
        const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        problems.push(...positionProblems(symbols, text, `${relative(CORPUS, file)} symbols`));
        const lines = new LineIndex(text);
        for (const at of [text.indexOf('replicas:'), text.indexOf('serviceName:'), text.indexOf('storage:')]) {
          if (at < 0) continue;
          const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: lines.positionAt(at) });
          problems.push(...positionProblems(hover, text, `${relative(CORPUS, file)} hover`));
        }
        await client.close(uri);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(client.logs.filter((l) => /failed|Uncaught|Unhandled/.test(l)), []);
      assert.equal(client.hasExited, false);
    });
  });
});
