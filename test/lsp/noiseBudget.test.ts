/**
 * The noise budget: what a clean production manifest shows. Over the real StatefulSets of the
 * shared corpus (../shared/corpus/real, opened in one workspace so cross-file rules see the
 * Services and PDBs beside them), the squiggled diagnostics (information and above; hints draw no
 * squiggle) are counted per rule and compared with the reviewed budget in
 * test/fixtures/noise-budget.json. Advice (a missing probe, requests, a PDB) is a hint: findable in
 * the Problems view, the status item and the preview, not a squiggle on a working file.
 *
 * `UPDATE_SNAPSHOT=1` rewrites the budget (review the diff: a new squiggle on real files must be a
 * real problem). The corpus sits next to the clone; a user's clone has none, and the test skips.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { expandSnippet } from '../snippets/support/snippetSyntax';
import { FIXTURES, ROOT, SHARED } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const REAL = join(SHARED, 'corpus', 'real');
const BUDGET = join(FIXTURES, 'noise-budget.json');
const NAMES = ['', 'error', 'warning', 'information', 'hint'];

interface Budget {
  /** Squiggled diagnostics per rule, as `rule severity`. */
  readonly squiggles: Record<string, number>;
  /** Hints per rule: advice, kept findable without a squiggle. */
  readonly hints: Record<string, number>;
}

const skip = existsSync(REAL) ? false : `no shared corpus at ${REAL} (it sits next to the project's own clone; a user's clone has none)`;

describe('noise budget', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: skip ? [] : [pathToFileURL(REAL).href] });
  });
  after(() => client.kill());

  test('squiggles on the real StatefulSets of the corpus, per rule, match the reviewed budget', { skip }, async () => {
    const count = (into: Record<string, number>, key: string): void => {
      into[key] = (into[key] ?? 0) + 1;
    };
    const now: Budget = { squiggles: {}, hints: {} };
    for (const name of readdirSync(REAL).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const uri = pathToFileURL(join(REAL, name)).href;
      await client.open(uri, readFileSync(join(REAL, name), 'utf8'));
      const { diagnostics } = await client.nextDiagnostics(uri, { version: 1 });
      for (const d of diagnostics as Diagnostic[]) {
        if (d.severity === DiagnosticSeverity.Hint) count(now.hints, String(d.code));
        else count(now.squiggles, `${String(d.code)} ${NAMES[d.severity ?? 1]}`);
      }
      await client.close(uri);
    }
    const sortKeys = (r: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
    const sorted: Budget = { squiggles: sortKeys(now.squiggles), hints: sortKeys(now.hints) };
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(BUDGET, `${JSON.stringify(sorted, null, 2)}\n`);
    assert.ok(existsSync(BUDGET), `${BUDGET} is missing: run with UPDATE_SNAPSHOT=1`);
    assert.deepEqual(sorted, JSON.parse(readFileSync(BUDGET, 'utf8')) as Budget, 'The squiggles on real files changed: a new one must be a real problem. If intended, run UPDATE_SNAPSHOT=1 and commit test/fixtures/noise-budget.json.');
    for (const rule of ['resource-requests-missing', 'readiness-probe-missing', 'pdb-missing', 'prefer-read-write-once-pod']) {
      assert.ok(!Object.keys(sorted.squiggles).some((k) => k.startsWith(`${rule} `)), `${rule} is advice: a hint, not a squiggle`);
    }
  });

  test('the statefulset snippet, inserted as it comes, gets no squiggle', async () => {
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'statefulset.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    const snippet = Object.values(snippets).find((s) => s.prefix === 'statefulset');
    assert.ok(snippet);
    const text = expandSnippet(snippet.body.join('\n'), { TM_FILENAME_BASE: 'web' });
    const uri = memoryUri('snippet.yaml');
    await client.open(uri, text);
    const { diagnostics } = await client.nextDiagnostics(uri, { version: 1 });
    const squiggles = (diagnostics as Diagnostic[]).filter((d) => d.severity !== DiagnosticSeverity.Hint);
    assert.deepEqual(squiggles.map((d) => `${String(d.code)}: ${d.message}`), []);
  });
});
