/**
 * docs/rules.md is generated from the registry (scripts/gen-rules-doc.mjs); these tests render it
 * again and compare, and check that every rule carries what the page and the hovers show, and is
 * exercised by at least one diagnostics fixture that expects it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_METAS, type RuleMeta } from '../../server/src/core';
import { readExpectations } from '../support/annotations';
import { FIXTURES, ROOT } from '../support/paths';

interface DocGenerator {
  renderRulesDoc(metas: readonly RuleMeta[]): string;
  versionsText(v: RuleMeta['versions']): string;
}

// A dynamic import keeps the generator an ES module that `npm run docs` runs as it is.
const generator = (): Promise<DocGenerator> => import(pathToFileURL(join(ROOT, 'scripts', 'gen-rules-doc.mjs')).href) as Promise<DocGenerator>;

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? fixtureFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

test('docs/rules.md is what the registry generates (run `npm run docs` after changing a rule)', async () => {
  const { renderRulesDoc } = await generator();
  const onDisk = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  assert.equal(onDisk, renderRulesDoc(RULE_METAS));
});

test('docs/rules.md has a table row and a section for every rule', async () => {
  const { renderRulesDoc } = await generator();
  const page = renderRulesDoc(RULE_METAS);
  for (const m of RULE_METAS) {
    assert.ok(page.includes(`| [\`${m.id}\`](#${m.id}) | ${m.defaultSeverity} |`), `${m.id}: no table row`);
    assert.ok(page.includes(`<a id="${m.id}"></a>`), `${m.id}: no section anchor`);
    assert.ok(page.includes(m.docs), `${m.id}: docs missing from its section`);
  }
});

test('version ranges read as people write them', async () => {
  const { versionsText } = await generator();
  assert.equal(versionsText(undefined), 'all');
  assert.equal(versionsText({ since: '1.27' }), '1.27+');
  assert.equal(versionsText({ until: '1.24' }), 'up to 1.24');
  assert.equal(versionsText({ since: '1.23', until: '1.26' }), '1.23 to 1.26');
});

const flagged = new Set(fixtureFiles(join(FIXTURES, 'diagnostics')).flatMap((f) => readExpectations(readFileSync(f, 'utf8')).map((e) => e.code)));
const ids = RULE_METAS.map((m) => m.id);

test('rule ids are unique and kebab-case', () => {
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
});

/**
 * Rules known to lack a part, reported to their owners: their tests are marked `todo`, so the run
 * shows what is missing without failing. Remove an entry once the rule is complete.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

for (const m of RULE_METAS) {
  const todo = KNOWN_GAPS[m.id];
  test(`rule ${m.id}: summary, docs, example, and a fixture that flags it`, todo ? { todo } : {}, () => {
    const missing: string[] = [];
    if (!m.summary.trim()) missing.push('summary');
    if (!m.docs.trim()) missing.push('docs');
    if (!m.example?.trim()) missing.push('example');
    if (!flagged.has(m.id)) missing.push('a fixture under test/fixtures/diagnostics that expects it');
    assert.deepEqual(missing, [], `${m.id} lacks: ${missing.join(', ')}`);
  });
}
