/**
 * Suppressions: the statefulset-tools.io/disable annotation on rendered output (no comments left),
 * its scope (its own object only), unused directives, and the disable quick fixes where a comment
 * or an annotation cannot go. The fixes themselves are compared with goldens in fixes.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, WorkspaceIndex } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/hover';
import { disableFixesFor } from '../../server/src/core/disableFixes';
import { qualifiedNameProblem } from '../../server/src/core/names';
import { DISABLE_ANNOTATION } from '../../server/src/core/suppress';

/** What `helm template` prints: a `# Source:` line per object and no comments of the chart's own. */
const RENDERED = `---
# Source: db/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  annotations:
    ${DISABLE_ANNOTATION}: pdb-missing,spread-constraints-missing
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
---
# Source: web/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const codesIn = (text: string, name: string, settings = {}): string[] => {
  const a = analyze(text, { settings });
  const start = text.indexOf(`name: ${name}`);
  const end = text.indexOf('---', start) < 0 ? text.length : text.indexOf('---', start);
  return a.findings.filter((f) => f.span.start >= start - 40 && f.span.start < end).map((f) => f.code);
};

test('the annotation silences its rules in its own object only, on rendered output without comments', () => {
  const db = codesIn(RENDERED, 'db');
  const web = codesIn(RENDERED, 'web');
  assert.ok(!db.includes('pdb-missing') && !db.includes('spread-constraints-missing'), JSON.stringify(db));
  assert.ok(db.includes('readiness-probe-missing'), 'rules it does not name still report');
  assert.ok(web.includes('pdb-missing') && web.includes('spread-constraints-missing'), JSON.stringify(web));
});

test('the annotation key is a valid qualified name (the API server accepts it)', () => {
  assert.equal(qualifiedNameProblem(DISABLE_ANNOTATION), undefined);
  assert.ok(!analyze(RENDERED).findings.some((f) => f.code === 'annotation-key-invalid'));
});

test('kubectl accepts the annotation (real kubectl, offline; skipped without it)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-annotation-'));
  try {
    const file = join(dir, 'sts.yaml');
    writeFileSync(file, RENDERED.split('---\n# Source: web')[0]);
    const r = spawnSync('kubectl', ['annotate', '--local', '-f', file, '--overwrite', `${DISABLE_ANNOTATION}=pdb-missing, readiness-probe-missing`, '-o', 'json'], { encoding: 'utf8', timeout: 20_000 });
    if (r.error) {
      t.skip(`kubectl not available: ${r.error.message}`);
      return;
    }
    assert.equal(r.status, 0, r.stderr);
    const obj = JSON.parse(r.stdout) as { metadata: { annotations: Record<string, string> } };
    assert.equal(obj.metadata.annotations[DISABLE_ANNOTATION], 'pdb-missing, readiness-probe-missing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an annotation in a List item covers that item; one on the pod template covers nothing', () => {
  const list = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: a, annotations: {${DISABLE_ANNOTATION}: pdb-missing}}
    spec: {replicas: 3, serviceName: a, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: x}]}}}
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: b}
    spec: {replicas: 3, serviceName: a, selector: {matchLabels: {app: b}}, template: {metadata: {labels: {app: b}, annotations: {${DISABLE_ANNOTATION}: pdb-missing}}, spec: {containers: [{name: b, image: x}]}}}
`;
  const pdb = analyze(list).findings.filter((f) => f.code === 'pdb-missing');
  assert.equal(pdb.length, 1);
  assert.equal(list.slice(pdb[0].span.start, pdb[0].span.end), 'b');
});

test('unused directives are reported only when asked, with the configured severity, and never unknown ids twice', () => {
  const text = RENDERED.replace('pdb-missing,spread-constraints-missing', 'pdb-missing, ordered-ready-slow, no-such-rule');
  const codes = (settings: object) => analyze(text, { settings }).findings.filter((f) => f.code === 'unused-disable-directive').map((f) => `${f.severity} ${text.slice(f.span.start, f.span.end)}`);
  assert.deepEqual(codes({}), []);
  assert.deepEqual(codes({ reportUnusedDisableDirectives: true }), ['warning ordered-ready-slow']);
  assert.deepEqual(codes({ reportUnusedDisableDirectives: true, rules: { 'unused-disable-directive': 'error' } }), ['error ordered-ready-slow']);
  assert.deepEqual(codes({ reportUnusedDisableDirectives: true, rules: { 'unused-disable-directive': 'off' } }), []);
  assert.deepEqual(analyze(text).findings.filter((f) => f.code === 'disable-unknown-rule').map((f) => text.slice(f.span.start, f.span.end)), ['no-such-rule']);
});

test('a directive for a rule turned off is unused, as in ESLint', () => {
  const text = '# statefulset-tools-disable-file pdb-missing\n' + RENDERED.split('---\n# Source: web')[0].replace(/ {4}statefulset-tools.*\n/, '').replace('  annotations:\n', '');
  const a = analyze(text, { settings: { reportUnusedDisableDirectives: true, rules: { 'pdb-missing': 'off' } } });
  assert.deepEqual(a.findings.filter((f) => f.code === 'unused-disable-directive').map((f) => text.slice(f.span.start, f.span.end)), ['pdb-missing']);
});

test('disable fixes: no line comment inside a block scalar, no annotation without an object, none for the unused report', () => {
  const block = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  annotations:
    note: |
      text
    bad key: x
spec: {}
`;
  const a = analyze(block);
  const bad = a.findings.find((f) => f.code === 'annotation-key-invalid');
  assert.ok(bad, JSON.stringify(a.findings.map((f) => f.code)));
  assert.deepEqual(disableFixesFor(a, bad).map((f) => f.title), [
    'Disable annotation-key-invalid for this line',
    'Disable annotation-key-invalid for this file',
    `Disable annotation-key-invalid for this object (annotation ${DISABLE_ANNOTATION})`,
  ]);
  const inside = { ...bad, span: { start: block.indexOf('text'), end: block.indexOf('text') + 4 } };
  assert.ok(!disableFixesFor(a, inside).some((f) => f.title.includes('this line')), 'a comment line would become part of the text');

  const template = analyze('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Values.name }}\n');
  const note = template.findings.find((f) => f.code === 'template-file');
  assert.ok(note);
  assert.deepEqual(disableFixesFor(template, note).map((f) => f.title), ['Disable template-file for this line', 'Disable template-file for this file']);

  const unused = analyze(RENDERED.replace('pdb-missing,', 'pdb-missing, ordered-ready-slow,'), { settings: { reportUnusedDisableDirectives: true } });
  const u = unused.findings.find((f) => f.code === 'unused-disable-directive');
  assert.ok(u);
  assert.deepEqual(disableFixesFor(unused, u), []);
});

test('hovering the annotation explains it and names the rules of its value', () => {
  const a = analyze(RENDERED);
  const key = hoverAt(a, RENDERED.indexOf(DISABLE_ANNOTATION) + 3, new WorkspaceIndex());
  assert.match(key?.contents ?? '', /survives `helm template`/);
  const value = hoverAt(a, RENDERED.indexOf('pdb-missing,spread') + 2, new WorkspaceIndex());
  assert.match(value?.contents ?? '', /- `pdb-missing`: No PodDisruptionBudget/);
  assert.match(value?.contents ?? '', /- `spread-constraints-missing`: /);
});

test('disable-unknown-rule reads the comments above a document at the very start of a file (blank first lines)', () => {
  for (const text of ['\n\nkind: x\n', '\nkind: x', '\n', '\n# statefulset-tools-disable-file nope\napiVersion: v1\nkind: Service\n']) {
    const found = analyze(text).findings.filter((f) => f.code === 'disable-unknown-rule').map((f) => text.slice(f.span.start, f.span.end));
    assert.deepEqual(found, text.includes('nope') ? ['nope'] : [], JSON.stringify(text));
  }
});
