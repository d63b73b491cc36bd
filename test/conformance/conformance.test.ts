/**
 * Agreement with the Kubernetes API server (the newest release). Every case in cases/*.yaml is a
 * manifest as a user writes it, with the API server's answer in its header; see expectations.ts
 * for the format. The cases follow Kubernetes' own validation tests (apps and core validation,
 * apimachinery names, labels and quantities) and the decoder's YAML 1.1 and strict-field rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { disagreements, pathsMatch, readExpect } from './expectations';

const CASES = join(ROOT, 'test', 'conformance', 'cases');
const files = readdirSync(CASES).filter((n) => n.endsWith('.yaml')).sort();

test('the suite has cases, each with an expectation', () => {
  assert.ok(files.length >= 150, `only ${files.length} cases`);
  for (const f of files) assert.notEqual(readExpect(readFileSync(join(CASES, f), 'utf8')), undefined, `${f} has no "# expect:" line`);
});

test('expectations: paths match as parents and children, keys in any spelling', () => {
  assert.deepEqual(readExpect('# expect: valid\n'), 'valid');
  assert.deepEqual(readExpect('# expect: spec.replicas@7, metadata.labels@4\n'), [{ path: 'spec.replicas', line: 7 }, { path: 'metadata.labels', line: 4 }]);
  assert.equal(pathsMatch('metadata.labels', 'metadata.labels[app]'), true);
  assert.equal(pathsMatch('spec.a.b', 'spec.a'), true);
  assert.equal(pathsMatch('x.requests[memory]', 'x.requests.memory'), true);
  assert.equal(pathsMatch('x.annotations["a.b/c"]', 'x.annotations[a.b/c]'), true);
  assert.equal(pathsMatch('spec.containers[0]', 'spec.containers[0].image'), true);
  assert.equal(pathsMatch('spec.replicas', 'spec.replica'), false);
  assert.equal(pathsMatch('spec.containers[1]', 'spec.containers[10]'), false);
});

for (const f of files) {
  test(`conformance: ${f.replace(/\.yaml$/, '')}`, () => {
    const text = readFileSync(join(CASES, f), 'utf8');
    const expected = readExpect(text);
    assert.ok(expected, `${f} has no "# expect:" line`);
    const problems = disagreements(text, expected);
    assert.deepEqual(problems, [], `${f}:\n  ${problems.join('\n  ')}`);
  });
}
