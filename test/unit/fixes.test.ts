/**
 * Quick fixes on fixtures: `test/fixtures/fixes/<name>.yaml` starts with `# fix: <rule-id>`; the
 * first fix offered (`#n`: the n-th; `disable line|file|object`: that disable fix) for the first
 * finding of that rule is applied and the text compared with
 * `<name>.fixed.yaml`. The fixed text must no longer have that finding, add no new error, and keep
 * every line outside the edit (comments included).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, WorkspaceIndex } from '../../server/src/core';
import { disableFixesFor } from '../../server/src/core/disableFixes';
import { applyEdits, fixesFor } from '../../server/src/core/fixes';
import { FIXTURES } from '../support/paths';

const dir = join(FIXTURES, 'fixes');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml')).sort() : [];

function errorsOf(text: string): string[] {
  return analyze(text).findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
}

for (const file of files) {
  test(`fix: ${file}`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const m = /^# fix: ([a-z0-9-]+)(?: #(\d+))?(?: disable (line|file|object))?/.exec(text);
    assert.ok(m, 'the fixture starts with "# fix: <rule-id>"');
    const [, code, nth, disable] = m;
    const index = new WorkspaceIndex();
    const a = analyze(text, { uri: 'file:///fixture.yaml', index });
    const finding = a.findings.find((f) => f.code === code);
    assert.ok(finding, `the fixture has a ${code} finding: ${JSON.stringify(a.findings.map((f) => f.code))}`);
    const fixes = disable ? disableFixesFor(a, finding).filter((f) => f.title.includes(`for this ${disable}`)) : fixesFor(a, finding);
    const fix = fixes[nth ? Number(nth) - 1 : 0];
    assert.ok(fix, `a fix is offered for ${code} (${JSON.stringify(finding.fix)})`);
    assert.ok(fix.edits.every((e) => e.uri === undefined), 'edits stay in this file');
    const fixed = applyEdits(text, fix.edits);
    const goldenPath = join(dir, file.replace(/\.yaml$/, '.fixed.yaml'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, fixed);
    assert.equal(fixed, readFileSync(goldenPath, 'utf8'), 'matches the .fixed.yaml golden');

    const after = analyze(fixed);
    const before = a.findings.filter((f) => f.code === code).length;
    assert.equal(after.findings.filter((f) => f.code === code).length, before - 1, `one ${code} finding fewer`);
    const oldErrors = new Set(errorsOf(text));
    const added = errorsOf(fixed).filter((e) => !oldErrors.has(e));
    assert.deepEqual(added, [], 'no new error');

    // Lines outside the edited region are byte-identical (comments and formatting kept).
    const first = Math.min(...fix.edits.map((e) => e.span.start));
    const last = Math.max(...fix.edits.map((e) => e.span.end));
    const headLines = text.slice(0, first).split('\n').slice(0, -1);
    const tailLines = text.slice(last).split('\n').slice(1);
    assert.deepEqual(fixed.split('\n').slice(0, headLines.length), headLines);
    assert.deepEqual(tailLines.length ? fixed.split('\n').slice(-tailLines.length) : [], tailLines);
  });
}

test('a key written twice elsewhere in the document holds back only fixes that find their place through the tree', () => {
  // The duplicate makes the API server stop at decoding, so only decode-level findings remain: the
  // quoted replicas still gets its exact-text fix.
  const text = readFileSync(join(FIXTURES, 'fixes', 'invalid-type.yaml'), 'utf8').replace('  name: web\nspec:', '  name: web\n  labels: {a: b}\n  labels: {a: c}\nspec:');
  const a = analyze(text);
  assert.deepEqual([...new Set(a.findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort(), ['duplicate-key', 'invalid-type']);
  const quoted = a.findings.find((f) => f.code === 'invalid-type');
  assert.ok(quoted);
  assert.deepEqual(fixesFor(a, quoted).map((f) => f.title), ['Remove the quotes: 3']);
});
