import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fixes';
import { refactorsAt } from '../../server/src/core/refactors';
import { insertIntoPair } from '../../server/src/core/yamlEdit';
import { pairOf } from '../../server/src/core/yamlTree';
import { FIXTURES } from '../support/paths';

const dir = join(FIXTURES, 'refactors');

function run(name: string, cursorText: string, title: RegExp): string {
  const text = readFileSync(join(dir, `${name}.yaml`), 'utf8');
  const a = analyze(text);
  const offset = text.indexOf(cursorText);
  assert.ok(offset >= 0);
  const fix = refactorsAt(a, { start: offset, end: offset }).find((f) => title.test(f.title));
  assert.ok(fix, `refactor ${title} offered`);
  const out = applyEdits(text, fix.edits);
  const golden = join(dir, `${name}.fixed.yaml`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, out);
  assert.equal(out, readFileSync(golden, 'utf8'));
  return out;
}

test('refactor: a Deployment sharing one PVC becomes a StatefulSet with claim templates and a headless Service', () => {
  const out = run('deployment-shared-pvc', 'kind: Deployment', /Convert Deployment/);
  const a = analyze(out);
  const sts = a.resources.find((r) => r.resource.kind === 'StatefulSet');
  assert.ok(sts, 'a StatefulSet now');
  assert.ok(a.resources.some((r) => r.resource.kind === 'Service' && r.resource.name === 'web'));
  assert.deepEqual(a.findings.filter((f) => f.severity === 'error'), []);
  assert.ok(out.includes('# the shared claim'), 'comments survive');
});

test('refactor: add a retention policy to a StatefulSet that has none', () => {
  run('retention-policy', 'replicas', /persistentVolumeClaimRetentionPolicy/);
});

test('refactors are not offered where they do not apply', () => {
  const a = analyze('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: []\n');
  assert.deepEqual(refactorsAt(a, { start: 30, end: 30 }), []);
});

test('refactor: the retention policy is written from the set\'s own chunk, the same edit as from the whole text, in any document of the file', () => {
  const sts = (name: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${name}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
  for (const eol of ['\n', '\r\n']) {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n${sts('one')}---\n# between\n${sts('two')}`.replaceAll('\n', eol);
    const a = analyze(text);
    for (const name of ['one', 'two']) {
      const offset = text.indexOf(`name: ${name}`);
      const fix = refactorsAt(a, { start: offset, end: offset }).find((f) => /persistentVolumeClaimRetentionPolicy/.test(f.title));
      assert.ok(fix);
      const r = a.resources.find((x) => x.resource.name === name);
      const spec = r && pairOf(r.resource.root, 'spec');
      assert.ok(r && spec);
      const whole = insertIntoPair({ text, offset: r.offset }, spec, 'persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Retain\n  whenScaled: Retain');
      assert.deepEqual(fix.edits, [whole], `${name} ${JSON.stringify(eol)}`);
      const out = applyEdits(text, fix.edits);
      const again = analyze(out).resources.find((r) => r.resource.name === name);
      assert.ok(again && /persistentVolumeClaimRetentionPolicy:/.test(out), `${name} ${JSON.stringify(eol)}`);
      assert.equal(out.length - text.length, fix.edits[0].newText.length - (fix.edits[0].span.end - fix.edits[0].span.start));
      assert.ok(out.slice(0, fix.edits[0].span.start) === text.slice(0, fix.edits[0].span.start), 'nothing before the set changes');
      assert.equal(again.placed.doc.errors.length, 0);
    }
  }
});
