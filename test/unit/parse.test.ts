import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, at, duplicateKeysIn, parseChunk, splitChunks, strValue, type YScalar } from '../../server/src/core';

test('chunks cover the text exactly and start at document markers', () => {
  const text = '# lead comment\na: 1\n---\nb: 2\n--- # marker with comment\nc: 3\n---x: not a marker\n  ---\n...\n';
  const chunks = splitChunks(text);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  assert.deepEqual(chunks.map((c) => c.text.split('\n')[0]), ['# lead comment', '---', '--- # marker with comment']);
  for (const c of chunks) assert.equal(text.slice(c.start, c.start + c.text.length), c.text);
});

test('directive lines travel with the document they open', () => {
  const text = 'a: 1\n...\n%YAML 1.1\n---\nb: 2\n';
  const chunks = splitChunks(text);
  assert.equal(chunks.length, 2);
  assert.ok(chunks[1].text.startsWith('%YAML 1.1\n---'));
  const a = analyze(text);
  assert.equal(a.findings.filter((f) => f.severity === 'error').length, 0, JSON.stringify(a.findings));
});

test('YAML 1.1 scalars: yes/no/on/off are booleans, 0755 is octal, quoted stays string', () => {
  const [doc] = parseChunk('a: yes\nb: off\nc: 0755\nd: "yes"\ne: 1.0\nf: ~\ng: 2001-12-14\nh: Y\n');
  const v = (k: string): YScalar => at(doc.root, k) as YScalar;
  assert.deepEqual([v('a').value, v('a').type], [true, 'bool']);
  assert.deepEqual([v('b').value, v('b').type], [false, 'bool']);
  assert.deepEqual([v('c').value, v('c').type], [493, 'int']);
  assert.deepEqual([v('d').value, v('d').type], ['yes', 'str']);
  assert.equal(v('e').type, 'float');
  assert.equal(v('f').type, 'null');
  assert.deepEqual([v('g').value, v('g').type], ['2001-12-14', 'str']);
  assert.equal(v('h').type, 'bool');
});

test('merge keys: explicit keys win, earlier sources win, merged pairs are marked', () => {
  // Keys avoid `y`/`n`: in YAML 1.1 those are booleans too.
  const [doc] = parseChunk('base: &b {p: 1, q: 2}\nother: &o {q: 3, r: 4}\nm:\n  <<: [*b, *o]\n  p: 9\n');
  const m = at(doc.root, 'm');
  assert.equal((at(m, 'p') as YScalar).value, 9);
  assert.equal((at(m, 'q') as YScalar).value, 2);
  assert.equal((at(m, 'r') as YScalar).value, 4);
  assert.ok(m && m.kind === 'map' && m.pairs.filter((p) => p.merged).length === 2);
});

test('aliases share nodes: an alias bomb stays small and fast', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const t0 = performance.now();
  const a = analyze(text);
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(a.docs.length, 1);
  const a12 = at(a.docs[0].doc.root, 'a12');
  assert.ok(a12 && a12.kind === 'seq' && a12.items[0] === at(a.docs[0].doc.root, 'a11'));
});

test('an alias to its own container is reported, not followed forever', () => {
  const a = analyze('a: &x\n  b: *x\n');
  assert.ok(a.findings.length >= 1);
});

test('recognises our kinds by group, including List items, and ignores look-alikes', () => {
  const text = [
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: prod}',
    'apiVersion: apps.kruise.io/v1beta1\nkind: StatefulSet\nmetadata: {name: kruise}',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web}\n- apiVersion: policy/v1\n  kind: PodDisruptionBudget\n  metadata: {name: pdb}',
    'apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata: {name: old}',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}',
  ].join('\n---\n');
  const a = analyze(text);
  const rs = a.resources.map((r) => `${r.resource.kind}/${r.resource.name}/${r.resource.served}/${r.resource.pathPrefix}`);
  assert.deepEqual(rs, ['StatefulSet/web/true/', 'Service/web/true/items[0].', 'PodDisruptionBudget/pdb/true/items[1].', 'StatefulSet/old/false/']);
  assert.equal(a.resources[0].resource.namespace, 'prod');
});

test('spans are relative to the chunk and placed by offset', () => {
  const text = 'a: 1\n---\nkind: Service\napiVersion: v1\nmetadata:\n  name: svc\n';
  const a = analyze(text);
  const placed = a.docs[1];
  const name = at(placed.doc.root, 'metadata', 'name');
  assert.ok(name);
  assert.equal(text.slice(placed.offset + name.span.start, placed.offset + name.span.end), 'svc');
  assert.equal(strValue(name), 'svc');
  assert.equal(text.slice(a.summaries[0].nameSpan.start, a.summaries[0].nameSpan.end), 'svc');
});

test('a syntax error in one document leaves the others analysed', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n';
  const a = analyze(text);
  assert.ok(a.findings.some((f) => f.code === 'yaml-syntax'));
  assert.ok(a.resources.some((r) => r.resource.name === 'ok'));
});

test('never throws on hostile or odd input', () => {
  const inputs = ['', '\uFEFF', '\0\0\0', '- - - -', ':', '? : :', '&a *a', '*undefined', '!!binary xyz', '{'.repeat(5000), '- '.repeat(3000) + 'x', 'a:\n\tb: 1', '\r\n\r\n---\r\n', '%TAG ! tag:x\n--- !foo bar', 'a: !!int "x"'];
  for (const t of inputs) assert.doesNotThrow(() => analyze(t), JSON.stringify(t.slice(0, 40)));
});

test('go-yaml leniency: a quoted scalar continued at its key indentation parses, spans map back', () => {
  const text = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  annotations:',
    "    init: '[",
    '    {"a": 1}',
    "    ]'",
    '    note: |',
    "      it's fine",
    'spec:',
    '  clusterIP: None',
    '',
  ].join('\n');
  const a = analyze(text);
  assert.deepEqual(a.findings.filter((f) => f.code === 'yaml-syntax'), []);
  const root = a.docs[0].doc.root;
  const init = at(root, 'metadata', 'annotations', 'init');
  assert.ok(init && init.kind === 'scalar');
  assert.equal(text.slice(init.span.start, init.span.end), "'[\n    {\"a\": 1}\n    ]'");
  const ip = at(root, 'spec', 'clusterIP');
  assert.ok(ip);
  assert.equal(text.slice(ip.span.start, ip.span.end), 'None');
  // Still an error where go-yaml fails too: an unclosed quote.
  assert.ok(analyze("a: 'open\nb: 1\n").findings.some((f) => f.code === 'yaml-syntax'));
});

test('an unterminated flow map is reported where it opens, saying what to add', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web\n---\nkind: Service\n';
  const f = analyze(text).findings.filter((x) => x.code === 'yaml-syntax');
  assert.equal(f.length, 1);
  assert.equal(f[0].span.start, text.indexOf('{app'));
  assert.match(f[0].message, /add the closing bracket/);
});

test('an unterminated quote is reported where it opens', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "web\nspec:\n  clusterIP: None\n';
  const f = analyze(text).findings.filter((x) => x.code === 'yaml-syntax');
  assert.equal(f.length, 1);
  assert.equal(f[0].span.start, text.indexOf('"web'));
  assert.match(f[0].message, /add the closing quote/);
});

test('names that are JavaScript object properties are plain data', () => {
  const a = analyze('apiVersion: apps/v1\nkind: constructor\nmetadata:\n  name: x\n---\nkind: toString\napiVersion: v1\n');
  assert.deepEqual(a.resources, []);
  assert.doesNotThrow(() => analyze('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: x\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: d}\n    spec:\n      resources: {requests: {storage: 10constructor}}\n'));
});

test('duplicate keys: scalar keys written in the mapping count, complex and merged keys do not', () => {
  const [doc] = parseChunk('a: 1\n? [x]\n: 1\n? [y]\n: 2\nb: &m {c: 1}\nd:\n  <<: *m\n  c: 2\na: 3\n');
  assert.deepEqual(duplicateKeysIn(doc.root), ['a']);
});
