/** `check` on Kustomize trees: patch files and inline patches are checked as patches. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { goodManifest, jsonOf, runCli, TempDir } from './harness';

interface Message {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
}
type JsonResult = { filePath: string; messages: Message[] }[];

const tmp = new TempDir();
after(() => tmp.remove());

/** A base and an overlay whose Kustomization (no extension) names two patch files and has an inline patch. */
function tree(root: string, faults: boolean): void {
  tmp.write(`${root}/base/kustomization.yaml`, 'resources:\n  - sts.yaml\n');
  tmp.write(`${root}/base/sts.yaml`, goodManifest('web', { replicas: 1 }));
  tmp.write(
    `${root}/overlays/prod/Kustomization`,
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - ../../base',
      'patches:',
      '  - path: replicas.yaml',
      '  - path: ops.json',
      '    target: {kind: StatefulSet, name: web}',
      '  - patch: |-',
      '      apiVersion: apps/v1',
      '      kind: StatefulSet',
      '      metadata:',
      '        name: web',
      '      spec:',
      '        volumeClaimTemplates:',
      '          - metadata:',
      '              name: data',
      '            spec:',
      `              accessModes: [${faults ? 'ReadWriteOnse' : 'ReadWriteOnce'}]`,
      '              resources: {requests: {storage: 1Gi}}',
      '',
    ].join('\n'),
  );
  // A partial StatefulSet: no selector, no serviceName, a container without an image.
  tmp.write(
    `${root}/overlays/prod/replicas.yaml`,
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: nginx\n          resources: {requests: {cpu: 100m}}\n',
  );
  tmp.write(`${root}/overlays/prod/ops.json`, `[{"op": "${faults ? 'Replace' : 'replace'}", "path": "/spec/minReadySeconds", "value": 5}]\n`);
}

tree('clean', false);
tree('faulty', true);

const errorsIn = (r: JsonResult): { file: string; ruleId: string; line: number; column: number }[] =>
  r.flatMap((f) => f.messages.filter((m) => m.severity === 'error').map((m) => ({ file: f.filePath.replace(/\\/g, '/').replace(/.*\/(overlays|base)\//, '$1/'), ruleId: m.ruleId, line: m.line, column: m.column })));

test('a correct Kustomize tree has no errors: patch files are checked as patches, the JSON patch file too', () => {
  const r = runCli(['check', tmp.file('clean'), '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const result = jsonOf<JsonResult>(r);
  assert.deepEqual(errorsIn(result), []);
  const files = result.map((f) => f.filePath.replace(/\\/g, '/'));
  assert.ok(files.some((f) => f.endsWith('overlays/prod/Kustomization')), files.join('\n'));
  assert.ok(files.some((f) => f.endsWith('overlays/prod/ops.json')), 'the JSON patch named by the kustomization is checked');
  assert.ok(!result.some((f) => f.messages.some((m) => m.ruleId === 'unnamed-patch')), 'a named patch is not a guessed one');
});

test('what a patch writes is still checked: a bad op in the JSON patch, an access mode typo in the inline patch, placed in the Kustomization', () => {
  const r = runCli(['check', tmp.file('faulty'), '--format', 'json']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.deepEqual(errorsIn(jsonOf<JsonResult>(r)), [
    { file: 'overlays/prod/Kustomization', ruleId: 'access-mode-invalid', line: 19, column: 29 },
    { file: 'overlays/prod/ops.json', ruleId: 'json-patch-invalid', line: 1, column: 9 },
  ]);
});

test('a kustomization file given directly stands for its directory', () => {
  const r = runCli(['check', tmp.file('faulty/overlays/prod/Kustomization'), '--format', 'json']);
  const result = jsonOf<JsonResult>(r);
  assert.deepEqual(
    result.map((f) => f.filePath.replace(/\\/g, '/').replace(/.*\/prod\//, '')).sort(),
    ['Kustomization', 'ops.json', 'replicas.yaml'],
  );
  assert.deepEqual(errorsIn(result).map((e) => e.ruleId), ['access-mode-invalid', 'json-patch-invalid']);
});

test('a partial StatefulSet given alone is checked as a patch, and says so', () => {
  const r = runCli(['check', tmp.file('clean/overlays/prod/replicas.yaml'), '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const messages = jsonOf<JsonResult>(r).flatMap((f) => f.messages);
  assert.deepEqual(messages.map((m) => `${m.severity} ${m.ruleId}`), ['info unnamed-patch']);
});

test('the clean tree is what kubectl kustomize builds without complaint (needs kubectl; skipped without it)', (t) => {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    t.skip('kubectl is not installed');
    return;
  }
  const built = spawnSync('kubectl', ['kustomize', tmp.file('clean/overlays/prod')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stdout, /replicas: 2/);
  assert.match(built.stdout, /minReadySeconds: 5/);
  const broken = spawnSync('kubectl', ['kustomize', tmp.file('faulty/overlays/prod')], { encoding: 'utf8' });
  assert.notEqual(broken.status, 0, 'kustomize rejects the op "Replace" too');
});
