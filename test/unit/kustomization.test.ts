import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document } from 'yaml';
import { isKustomizationFile, readKustomization, type InlinePatch } from '../../server/src/core/kustomize/kustomization';

/** Every character of the patch text that is not a line break or fold maps to the same character in the file. */
function assertExactMap(file: string, p: InlinePatch): void {
  for (let i = 0; i < p.text.length; i++) {
    const at = p.toFile(i);
    assert.notEqual(at, undefined, `offset ${i} unmapped`);
    if (p.text[i] === '\n' || p.text[i] === ' ') {
      // A line break or a folded one maps to the break (or the escape) it was written as; a space also to itself.
      assert.ok((at as number) >= p.span.start && (at as number) <= p.span.end, `break at ${i} outside the scalar`);
      assert.ok([' ', '\n', '\r', '\\'].includes(file[at as number]), `break at ${i} maps to ${JSON.stringify(file[at as number])}`);
      continue;
    }
    // An escape in a double-quoted patch maps to its backslash.
    if (file[at as number] === '\\' && file[p.span.start] === '"') continue;
    assert.equal(file[at as number], p.text[i], `offset ${i} (${JSON.stringify(p.text[i])}) maps to ${JSON.stringify(file[at as number])}`);
  }
  const end = p.toFile(p.text.length) as number;
  assert.ok(end >= p.span.start && end <= p.span.end);
}

test('kustomization file names', () => {
  assert.ok(isKustomizationFile('a/b/kustomization.yaml'));
  assert.ok(isKustomizationFile('kustomization.yml'));
  assert.ok(isKustomizationFile('C:\\x\\Kustomization'));
  assert.ok(!isKustomizationFile('a/Kustomization.yaml'));
  assert.ok(!isKustomizationFile('a/my-kustomization.yaml'));
});

test('reads every field, with spans of the values', () => {
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '- ../base',
    '- https://github.com/org/repo//deploy?ref=v1',
    '- github.com/org/repo/deploy',
    '- git@github.com:org/repo.git',
    '- sts.yaml',
    'bases:',
    '- ../old-base',
    'components: [../comp]',
    'namePrefix: prod-',
    'nameSuffix: "-v2"',
    'namespace: db',
    'commonLabels: {app: web, tier: "1"}',
    'labels:',
    '- pairs: {team: x}',
    '  includeSelectors: true',
    '  fields: [{path: spec/x, kind: StatefulSet, create: true}]',
    'commonAnnotations:',
    '  note: hi',
    'replicas:',
    '- name: web',
    '  count: 5',
    'images:',
    '- name: nginx',
    '  newTag: 1.10',
    '  newName: reg/nginx',
    'configMapGenerator:',
    '- name: cm',
    'helmCharts: []',
    'generatorOptions: {disableNameSuffixHash: true}',
    '',
  ].join('\n');
  const k = readKustomization(text);
  assert.ok(k);
  assert.equal(k.kind, 'Kustomization');
  assert.deepEqual(k.resources.map((r) => r.value), ['../base', 'sts.yaml', '../old-base']);
  for (const r of k.resources) assert.equal(text.slice(r.span.start, r.span.end), r.value);
  assert.deepEqual(k.components.map((r) => r.value), ['../comp']);
  assert.equal(k.namePrefix?.value, 'prod-');
  assert.equal(k.nameSuffix?.value, '-v2');
  assert.equal(text.slice(k.nameSuffix!.span.start, k.nameSuffix!.span.end), '"-v2"');
  assert.equal(k.namespace?.value, 'db');
  assert.deepEqual(k.commonLabels, { app: 'web', tier: '1' });
  assert.ok(text.slice(k.commonLabelsSpan!.start).startsWith('commonLabels'));
  assert.deepEqual(k.commonAnnotations, { note: 'hi' });
  assert.equal(k.labels.length, 1);
  assert.deepEqual(k.labels[0].pairs, { team: 'x' });
  assert.equal(k.labels[0].includeSelectors, true);
  assert.equal(k.labels[0].includeTemplates, false);
  assert.deepEqual(k.labels[0].fields, [{ path: 'spec/x', kind: 'StatefulSet', group: undefined, version: undefined, create: true }]);
  assert.deepEqual(k.replicas.map((r) => [r.name, r.count]), [['web', 5]]);
  assert.deepEqual(k.images.map((i) => [i.name, i.newName, i.newTag, i.digest]), [['nginx', 'reg/nginx', '1.10', undefined]]);
  assert.deepEqual(k.notBuilt.map((n) => n.value), [
    'https://github.com/org/repo//deploy?ref=v1',
    'github.com/org/repo/deploy',
    'git@github.com:org/repo.git',
    'configMapGenerator',
    'helmCharts',
  ]);
  const cm = k.notBuilt[3];
  assert.equal(text.slice(cm.span.start, cm.span.end), 'configMapGenerator');
  assert.deepEqual(k.patches, []);
});

test('not a kustomization: other kinds, scalars, lists, broken text; never throws', () => {
  assert.equal(readKustomization('apiVersion: apps/v1\nkind: StatefulSet\n'), undefined);
  assert.equal(readKustomization('just text'), undefined);
  assert.equal(readKustomization('- a\n- b\n'), undefined);
  assert.equal(readKustomization(''), undefined);
  assert.doesNotThrow(() => readKustomization('resources: [a\n  b: {'));
  assert.equal(readKustomization('['.repeat(20000)), undefined);
  const noKind = readKustomization('# c\n---\nresources: [a.yaml]\n');
  assert.deepEqual(noKind?.resources.map((r) => r.value), ['a.yaml']);
  assert.equal(readKustomization('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n')?.kind, 'Component');
  // Fields of the wrong shape are skipped, not fatal.
  const odd = readKustomization('resources: x\npatches: [1, {path: p.yaml}]\nreplicas: [{name: a, count: many}]\nimages: [{newTag: x}]\n');
  assert.deepEqual(odd?.resources, []);
  assert.deepEqual(odd?.patches.map((p) => p.path?.value), ['p.yaml']);
  assert.deepEqual(odd?.replicas, []);
  assert.deepEqual(odd?.images, []);
});

test('patches: the three fields, paths and inline, targets and options', () => {
  const text = [
    'patches:',
    '- path: sts-patch.yaml',
    '  target:',
    '    kind: StatefulSet',
    '    name: web.*',
    '    labelSelector: app=web',
    '  options: {allowNameChange: true}',
    '- patch: |-',
    '    - op: replace',
    '      path: /spec/replicas',
    '      value: 3',
    '  target: {group: apps, version: v1, kind: StatefulSet, name: web}',
    'patchesStrategicMerge:',
    '- replicas.yaml',
    '- |-',
    '  apiVersion: apps/v1',
    '  kind: StatefulSet',
    '  metadata:',
    '    name: web',
    'patchesJson6902:',
    '- target: {group: apps, version: v1, kind: StatefulSet, name: web, namespace: db}',
    '  path: json.yaml',
    '- target: {kind: StatefulSet, name: web}',
    '  patch: \'[{"op": "remove", "path": "/spec/x"}]\'',
    '',
  ].join('\n');
  const k = readKustomization(text);
  assert.ok(k);
  assert.deepEqual(
    k.patches.map((p) => [p.field, p.path?.value, p.inline ? 'inline' : undefined]),
    [
      ['patches', 'sts-patch.yaml', undefined],
      ['patches', undefined, 'inline'],
      ['patchesStrategicMerge', 'replicas.yaml', undefined],
      ['patchesStrategicMerge', undefined, 'inline'],
      ['patchesJson6902', 'json.yaml', undefined],
      ['patchesJson6902', undefined, 'inline'],
    ],
  );
  assert.deepEqual(k.patches[0].target, { kind: 'StatefulSet', name: 'web.*', labelSelector: 'app=web' });
  assert.deepEqual(k.patches[0].options, { allowNameChange: true, allowKindChange: undefined });
  assert.deepEqual(k.patches[1].target, { group: 'apps', version: 'v1', kind: 'StatefulSet', name: 'web' });
  assert.equal(k.patches[1].inline?.text, '- op: replace\n  path: /spec/replicas\n  value: 3');
  assert.equal(k.patches[3].inline?.text, 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web');
  assert.deepEqual(k.patches[4].target, { group: 'apps', version: 'v1', kind: 'StatefulSet', name: 'web', namespace: 'db' });
  assert.equal(k.patches[5].inline?.text, '[{"op": "remove", "path": "/spec/x"}]');
  for (const p of k.patches) {
    assert.ok(text.slice(p.span.start, p.span.end).length > 0);
    if (p.inline) assertExactMap(text, p.inline);
  }
  // An offset in the inline patch lands on the same word in the file.
  const sm = k.patches[3].inline as InlinePatch;
  const at = sm.toFile(sm.text.indexOf('web')) as number;
  assert.equal(text.slice(at, at + 3), 'web');
  assert.equal(text.slice(0, at).split('\n').length, 19);
});

test('inline patch offsets map back exactly: block styles, CRLF, quotes, escapes, UTF-16', () => {
  const cases: string[] = [
    'patches:\r\n- patch: |-\r\n    a: "é😀x"\r\n      b: 1\r\n\r\n    c:   2   \r\n  target: {kind: X}\r\n',
    'patches:\n- patch: |\n    a: 1\n\n    # comment\n    b: [x, y]\n# outside\n- patch: |+\n    k: v\n\n\n',
    'patches:\n- patch: >\n    folded\n    line\n\n      more indented\n    end\n',
    'patches:\n- patch: "a: 1\\nb: \\"two\\"\\t\\u00e9\\U0001F600\n    c: 3 \\\n    d"\n',
    "patches:\n- patch: 'a: it''s\n\n    b: 2'\n",
    'patches:\n- patch: plain: words\n    continued here\n',
    'patches:\r\n- patch: "x: 1\\r\\n\r\n   y: 2"\r\n',
  ];
  for (const text of cases) {
    const k = readKustomization(text);
    assert.ok(k, text);
    for (const p of k.patches) {
      if (!p.inline) continue;
      assertExactMap(text, p.inline);
    }
  }
  const crlf = readKustomization(cases[0])!.patches[0].inline!;
  assert.equal(crlf.text, 'a: "é😀x"\n  b: 1\n\nc:   2   ');
  const emoji = crlf.text.indexOf('😀');
  assert.equal(cases[0].slice(crlf.toFile(emoji), (crlf.toFile(emoji) as number) + 2), '😀');
  assert.equal(crlf.toFile(emoji + 2), (crlf.toFile(emoji) as number) + 2);
  const c = crlf.toFile(crlf.text.indexOf('c:')) as number;
  assert.equal(cases[0].slice(c, c + 2), 'c:');
  assert.equal(crlf.toFile(-1), undefined);
  assert.equal(crlf.toFile(crlf.text.length + 1), undefined);
  // A double-quoted patch's escapes map to their backslash.
  const dq = readKustomization(cases[3])!.patches[0].inline!;
  assert.equal(dq.text, 'a: 1\nb: "two"\té😀 c: 3 d');
  assert.equal(cases[3][dq.toFile(dq.text.indexOf('é')) as number], '\\');
});

test('inline patches written by the yaml package in every style map back exactly, LF and CRLF', () => {
  const chars = fc.constantFrom('a', 'b', ' ', '\n', '\t', ':', '#', '-', "'", '"', '\\', 'é', '😀', '{', '[', '~', 'z');
  const content = fc.array(chars, { maxLength: 40 }).map((cs) => cs.join(''));
  const styles = ['BLOCK_LITERAL', 'BLOCK_FOLDED', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'PLAIN'] as const;
  let mapped = 0;
  fc.assert(
    fc.property(content, fc.constantFrom(...styles), fc.boolean(), fc.nat(3), (value, style, crlf, indent) => {
      const doc = new Document({ patches: [{ target: { kind: 'StatefulSet' }, patch: value }] });
      let file = doc.toString({ defaultStringType: style, indent: indent + 1, lineWidth: 20, minContentWidth: 5 });
      if (crlf) file = file.replace(/\n/g, '\r\n');
      const k = readKustomization(file);
      const p = k?.patches[0]?.inline;
      assert.ok(p, file);
      // The file may read back otherwise only where YAML itself turns CRLF inside a quoted scalar into a fold.
      if (p.text !== value) return;
      if (p.toFile(0) === undefined) return;
      mapped++;
      assertExactMap(file, p);
    }),
    { seed: 20261207, numRuns: 1500 },
  );
  assert.ok(mapped > 1000, `mapped ${mapped} of 1500`);
});
