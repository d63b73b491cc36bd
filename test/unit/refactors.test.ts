import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core';
import { applyEdits } from '../../server/src/core/fixes';
import { refactorsAt } from '../../server/src/core/refactors';
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
  run('retention-policy', 'kind: StatefulSet', /persistentVolumeClaimRetentionPolicy/);
});

test('refactors are not offered where they do not apply', () => {
  const a = analyze('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: []\n');
  assert.deepEqual(refactorsAt(a, { start: 30, end: 30 }), []);
});
