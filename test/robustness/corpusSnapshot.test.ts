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

  test('the CLI checks the whole corpus without an internal error', () => {
    const run = runCli(['check', CORPUS, '--format', 'json']);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}:\n${run.stderr}`);
    assert.doesNotMatch(run.stderr, /internal error/);
    const results = jsonOf<FileResult[]>(run);
    // The CLI also reads kustomization files without an extension (`Kustomization`).
    assert.deepEqual(results.map((r) => r.filePath).filter((p) => !p.endsWith('/Kustomization')).sort(), [...files].sort());
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
