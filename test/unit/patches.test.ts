import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, joinPath, looksLikePatch, normalizePath, parseChunk, patchTargetKind, planPatches, resourceFilesOf, RULE_METAS, WorkspaceIndex } from '../../server/src/core';

const PARTIAL = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          resources: {limits: {memory: 1Gi}}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnse]
`;

/** The same with a serviceName: not guessed to be a patch, so checked whole unless named. */
const NOT_GUESSED = PARTIAL.replace('  replicas: 3\n', '  replicas: 3\n  serviceName: web\n');

const codes = (text: string, patch: boolean): string[] => [...new Set(analyze(text, { patch }).findings.map((f) => f.code))].sort();

test('paths: normalised, joined, URIs keep their scheme', () => {
  assert.equal(normalizePath('a/./b/../c//d/'), 'a/c/d');
  assert.equal(normalizePath('/x/y/../../..'), '/');
  assert.equal(normalizePath('..\\up\\file.yaml'), '../up/file.yaml');
  assert.equal(normalizePath('C:\\w\\base\\..\\k.yaml'), 'C:/w/k.yaml');
  assert.equal(joinPath('file:///w/overlay', '../base/sts.yaml'), 'file:///w/base/sts.yaml');
  assert.equal(joinPath('/w/overlay', '/abs/p.yaml'), '/abs/p.yaml');
});

test('planPatches: patch files of all three fields, inline patches with what they target, resources followed through bases', () => {
  const plan = planPatches([
    { path: '/w/base/kustomization.yaml', text: 'resources: [sts.yaml, svc.yaml]\n' },
    {
      path: '/w/overlays/prod/Kustomization',
      text: [
        'bases: [../../base]',
        'patchesStrategicMerge: [replicas.yaml]',
        'patchesJson6902:',
        '- {target: {group: apps, version: v1, kind: StatefulSet, name: web}, path: ops.json}',
        'patches:',
        '- path: ../shared/resources.yaml',
        '- patch: |-',
        '    apiVersion: apps/v1',
        '    kind: StatefulSet',
        '    metadata: {name: web}',
        '    spec: {replicas: 2}',
        '- target: {kind: StatefulSet, name: db}',
        '  patch: "[{op: remove, path: /spec/x}]"',
        '',
      ].join('\n'),
    },
    { path: '/w/broken/kustomization.yaml', text: 'resources: [\n' },
  ]);
  assert.deepEqual([...plan.files.keys()].sort(), ['/w/overlays/prod/ops.json', '/w/overlays/prod/replicas.yaml', '/w/overlays/shared/resources.yaml']);
  assert.deepEqual(plan.files.get('/w/overlays/prod/ops.json')?.map((u) => [u.kustomization, u.entry.field]), [['/w/overlays/prod/Kustomization', 'patchesJson6902']]);
  assert.deepEqual(plan.inline.map((i) => i.targets), [[{ kind: 'StatefulSet', name: 'web' }], [{ kind: 'StatefulSet', name: 'db' }]]);
  assert.deepEqual([...resourceFilesOf(plan, '/w/overlays/prod/Kustomization')].sort(), ['/w/base/sts.yaml', '/w/base/svc.yaml']);
  // Broken YAML is read as far as it goes (kustomize would stop on it): no throw.
  assert.ok(plan.kustomizations.size >= 2);
});

test('a bases cycle ends', () => {
  const plan = planPatches([
    { path: '/a/kustomization.yaml', text: 'resources: [../b, x.yaml]\n' },
    { path: '/b/kustomization.yaml', text: 'resources: [../a]\n' },
  ]);
  assert.deepEqual([...resourceFilesOf(plan, '/a/kustomization.yaml')], ['/a/x.yaml']);
});

test('patch mode: no rule that needs the whole object, but what the patch writes is still an error', () => {
  const whole = codes(NOT_GUESSED, false);
  for (const c of ['selector-missing', 'selector-mismatch', 'container-image-missing', 'access-mode-invalid']) assert.ok(whole.includes(c), `${c} in ${whole.join()}`);
  assert.deepEqual(codes(NOT_GUESSED, true), ['access-mode-invalid']);
  assert.deepEqual(codes(PARTIAL, false), ['access-mode-invalid', 'unnamed-patch'], 'guessed: checked as a patch, and said so');
  const unknown = PARTIAL.replace('  replicas: 3\n', '  replicas: 3\n  replica: 4\n');
  assert.ok(codes(unknown, true).includes('unknown-field'));
});

test('patch mode: strategic merge directives are no unknown fields, and do not stop the value checks', () => {
  const text = NOT_GUESSED.replace("          resources: {limits: {memory: 1Gi}}\n", "          resources: {limits: {memory: 1Gi}}\n        - name: old\n          $patch: delete\n  $setElementOrder/volumeClaimTemplates: [{metadata: {name: data}}]\n".replace('  $setElement', '      $setElement'));
  assert.deepEqual(codes(text, true), ['access-mode-invalid']);
  assert.ok(codes(text, false).includes('unknown-field'), 'a whole object with $patch is rejected by the API server');
});

test('a patch is no object of the index: nothing elsewhere resolves to it or counts it', () => {
  const index = new WorkspaceIndex();
  analyze(PARTIAL, { uri: 'file:///patch.yaml', index, patch: true });
  assert.equal(index.find('StatefulSet').length, 0);
  analyze(NOT_GUESSED, { uri: 'file:///whole.yaml', index });
  assert.equal(index.find('StatefulSet').length, 1, 'a StatefulSet with a serviceName is not guessed to be a patch');
});

test('looksLikePatch: no selector, no template labels, no serviceName; whole objects and other kinds are not', () => {
  const doc = (t: string) => parseChunk(t)[0];
  assert.equal(looksLikePatch(doc(PARTIAL)), true);
  assert.equal(looksLikePatch(doc('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: a}\n')), true);
  assert.equal(looksLikePatch(doc(PARTIAL.replace('  replicas: 3\n', '  replicas: 3\n  selector: {matchLabels: {app: web}}\n'))), false);
  assert.equal(looksLikePatch(doc(PARTIAL.replace('    spec:\n      containers', '    metadata: {labels: {app: web}}\n    spec:\n      containers'))), false);
  assert.equal(looksLikePatch(doc(PARTIAL.replace('apps/v1', 'apps/v1beta1'))), false);
  assert.equal(looksLikePatch(doc('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n')), false);
  assert.deepEqual(codes(PARTIAL, true).filter((c) => c === 'unnamed-patch'), [], 'a named patch is not a guessed one');
});

test('every rule that needs a whole object says so in its metadata', () => {
  const whole = RULE_METAS.filter((m) => m.wholeObject).map((m) => m.id);
  for (const id of ['selector-missing', 'selector-mismatch', 'containers-missing', 'container-image-missing', 'service-not-found', 'pdb-missing', 'claim-template-unmounted']) assert.ok(whole.includes(id), id);
  for (const id of ['access-mode-invalid', 'unknown-field', 'invalid-type', 'json-patch-invalid']) assert.ok(!whole.includes(id), id);
});

test('patchTargetKind: the kind every entry naming a patch targets, when they agree', () => {
  const plan = planPatches([
    { path: '/w/a/kustomization.yaml', text: 'patches:\n- {path: ops.yaml, target: {kind: StatefulSet, name: web}}\n- {path: ../shared.yaml, target: {kind: StatefulSet}}\n- {path: any.yaml}\n' },
    { path: '/w/b/kustomization.yaml', text: 'patchesJson6902:\n- {path: ../shared.yaml, target: {group: apps, version: v1, kind: Deployment, name: web}}\n- {path: kruise.yaml, target: {group: apps.kruise.io, kind: StatefulSet, name: web}}\n' },
  ]);
  const kind = (p: string): string | undefined => patchTargetKind(plan.files.get(p) ?? []);
  assert.equal(kind('/w/a/ops.yaml'), 'StatefulSet');
  assert.equal(kind('/w/shared.yaml'), undefined, 'two entries, two kinds');
  assert.equal(kind('/w/a/any.yaml'), undefined, 'no target');
  assert.equal(kind('/w/b/kruise.yaml'), undefined, 'a StatefulSet of another group');
});
