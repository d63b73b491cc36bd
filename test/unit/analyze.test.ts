import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, DocumentCache, resolveSettings, WorkspaceIndex } from '../../server/src/core';

const STS = (name: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: svc\n  replicas: 1\n  name: dup\n  name: dup\n`;

test('severity settings change and turn off rules', () => {
  const text = STS('web');
  const dup = (s?: Parameters<typeof analyze>[1]) => analyze(text, s).findings.find((f) => f.code === 'duplicate-key');
  assert.equal(dup()?.severity, 'error');
  assert.equal(dup({ settings: { rules: { 'duplicate-key': 'warning' } } })?.severity, 'warning');
  assert.equal(analyze(text, { settings: { rules: { 'duplicate-key': 'off' } } }).findings.filter((f) => f.code === 'duplicate-key').length, 0);
});

test('suppression comments: next line, same line, whole file', () => {
  const dupes = (t: string) => analyze(t).findings.filter((f) => f.code === 'duplicate-key').length;
  assert.equal(dupes('a: 1\n# statefulset-tools-disable-next-line duplicate-key\na: 2\n'), 0);
  assert.equal(dupes('a: 1\n# statefulset-tools-disable-next-line some-other-rule\na: 2\n'), 1);
  assert.equal(dupes('a: 1\na: 2 # statefulset-tools-disable-line\n'), 0);
  assert.equal(dupes('# statefulset-tools-disable-file duplicate-key\na: 1\na: 2\n---\nb: 1\nb: 2\n'), 0);
  assert.equal(dupes('# statefulset-tools-disable-file\na: 1\na: 2\n'), 0);
});

test('templates get one info and nothing else', () => {
  const a = analyze('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n  name: x\n\tbad: [\n');
  assert.deepEqual(a.findings.map((f) => `${f.code}/${f.severity}`), ['template-file/info']);
  assert.equal(analyze('# {{ only in a comment }}\na: 1\n').findings.length, 0);
});

test('settings resolve with defaults and versions', () => {
  const s = resolveSettings({ kubernetesVersion: 'v1.27.3', clusterDomain: 'corp.example.' });
  assert.deepEqual(s.version, { major: 1, minor: 27 });
  assert.equal(s.clusterDomain, 'corp.example');
  assert.equal(s.defaultNamespace, 'default');
  assert.equal(resolveSettings({ kubernetesVersion: 'latest' }).versionText, resolveSettings({}).versionText);
});

test('incremental: a cached re-analysis equals a fresh one after edits anywhere', () => {
  const docs = Array.from({ length: 30 }, (_, i) => STS(`web-${i}`));
  let text = docs.join('---\n');
  const cache = new DocumentCache();
  analyze(text, { cache });
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const inserts = ['x', '\n', ':', '---\n', ' ', '"', 'name: dup\n', '\t', '#'];
  for (let step = 0; step < 200; step++) {
    const at = rnd(text.length + 1);
    if (rnd(3) === 0 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1);
    else text = text.slice(0, at) + inserts[rnd(inserts.length)] + text.slice(at);
    const inc = analyze(text, { cache, uri: 'file:///a.yaml' });
    const fresh = analyze(text, { uri: 'file:///a.yaml' });
    assert.deepEqual(inc.findings, fresh.findings, `step ${step}`);
    assert.deepEqual(inc.summaries, fresh.summaries, `step ${step}`);
  }
});

test('incremental: unchanged documents are not parsed again', () => {
  const text = Array.from({ length: 50 }, (_, i) => STS(`s${i}`)).join('---\n');
  const cache = new DocumentCache();
  const first = analyze(text, { cache });
  const edited = text.replace('name: s25', 'name: s25x');
  const second = analyze(edited, { cache });
  let reused = 0;
  for (let i = 0; i < first.docs.length; i++) if (first.docs[i].doc === second.docs[i].doc) reused++;
  assert.equal(reused, first.docs.length - 1);
});

test('the index holds this file and others; removing a file forgets it', () => {
  const index = new WorkspaceIndex();
  analyze('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n', { uri: 'file:///svc.yaml', index });
  analyze(STS('web'), { uri: 'file:///sts.yaml', index });
  assert.equal(index.find('Service', 'web').length, 1);
  assert.equal(index.find('Service', 'web')[0].clusterIP, 'None');
  assert.equal(index.find('StatefulSet').length, 1);
  index.removeFile('file:///svc.yaml');
  assert.equal(index.find('Service', 'web').length, 0);
});

test('a rule turned off and on again reports again through the same cache', () => {
  const text = STS('web');
  const cache = new DocumentCache();
  const count = (rules: Record<string, 'off' | 'error'>) => analyze(text, { cache, settings: { rules } }).findings.filter((f) => f.code === 'duplicate-key').length;
  assert.equal(count({}), 1);
  assert.equal(count({ 'duplicate-key': 'off' }), 0);
  assert.equal(count({ 'duplicate-key': 'error' }), 1);
});
