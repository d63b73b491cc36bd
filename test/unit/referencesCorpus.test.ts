/**
 * The identity references found in the real manifests of ../shared/corpus/real, each file checked
 * on its own (as `check FILE` does), against a reviewed snapshot
 * (test/fixtures/references-corpus.json; `UPDATE_GOLDEN=1` rewrites it, and the diff is reviewed).
 * Files absent from the snapshot must have none. Skips where the corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, LineIndex, referencesInFile, WorkspaceIndex } from '../../server/src/core';
import { FIXTURES, SHARED } from '../support/paths';

const corpus = join(SHARED, 'corpus', 'real');
const snapshotPath = join(FIXTURES, 'references-corpus.json');

/** One line per reference: where, what was written, what it resolves to, and what the rules say. */
function referencesOfFile(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const index = new WorkspaceIndex();
  const a = analyze(text, { uri: path, index });
  const lines = new LineIndex(text);
  const findings = a.findings.filter((f) => f.code.startsWith('reference-'));
  return referencesInFile(a, index).map((r) => {
    const p = lines.positionAt(r.span.start);
    const ordinals = r.from === r.to ? `${r.from}` : `${r.from}..${r.to}`;
    const said = findings.filter((f) => f.span.start >= r.span.start && f.span.start < r.span.end).map((f) => f.code);
    return `${p.line + 1}:${p.character} ${r.context} ${r.text} -> ${r.target} ${ordinals} of StatefulSet ${r.facts.namespace}/${r.facts.name}${said.length ? ` [${said.join(', ')}]` : ''}`;
  });
}

test('identity references in the real corpus match the reviewed snapshot', { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` }, () => {
  const found: Record<string, string[]> = {};
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.yaml')).sort()) {
    const refs = referencesOfFile(join(corpus, name));
    if (refs.length > 0) found[name] = refs;
  }
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(snapshotPath, `${JSON.stringify(found, null, 2)}\n`);
  assert.ok(existsSync(snapshotPath), `${snapshotPath} is missing; run with UPDATE_GOLDEN=1 and review it`);
  assert.deepEqual(found, JSON.parse(readFileSync(snapshotPath, 'utf8')));
});
