/**
 * Overlay findings are placed where the value was written: in a patch, in the base, in the
 * kustomization field that transformed it, or inside an inline patch. Files are in memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKustomization, checkOverlay, OverlaySet, patchTargets, type PlacedFinding } from '../../server/src/core';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../../server/src/core/parse';
import { emitObjects, originOf } from '../../server/src/core/kustomize/emit';

const BASE_STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: orders-database-primary-replica-set-east
spec:
  serviceName: db
  replicas: 1
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
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n';

function reader(files: Record<string, string>): (path: string) => string | undefined {
  return (path) => files[path];
}

function at(files: Record<string, string>, f: PlacedFinding): string {
  return files[f.file]!.slice(f.finding.span.start, f.finding.span.end);
}

const base = {
  'base/kustomization.yaml': 'resources:\n- sts.yaml\n- svc.yaml\n',
  'base/sts.yaml': BASE_STS,
  'base/svc.yaml': SVC,
};

test('a finding on a value a patch wrote is placed on the patch line', () => {
  const patch = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: orders-database-primary-replica-set-east\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        volumeMounts:\n        - name: cache\n          mountPath: /cache\n';
  const files = { ...base, 'prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: mounts.yaml\n', 'prod/mounts.yaml': patch };
  const check = checkOverlay('prod', reader(files))!;
  const unresolved = check.findings.filter((f) => f.finding.code === 'volume-mount-unresolved');
  assert.equal(unresolved.length, 1, JSON.stringify(check.findings));
  assert.equal(unresolved[0]!.file, 'prod/mounts.yaml');
  assert.equal(at(files, unresolved[0]!), 'cache');
  assert.equal(files['prod/mounts.yaml'].slice(0, unresolved[0]!.finding.span.start).split('\n').length, 11);
  assert.match(unresolved[0]!.finding.message, /^in overlay prod: /);
});

test('a name made too long by namePrefix is placed on the namePrefix value', () => {
  const files = { ...base, 'prod/kustomization.yaml': 'namePrefix: production-eu-west-1-\nresources:\n- ../base\n' };
  const check = checkOverlay('prod', reader(files))!;
  const long = check.findings.filter((f) => f.finding.code === 'statefulset-name-too-long');
  assert.equal(long.length, 1, JSON.stringify(check.findings));
  assert.equal(long[0]!.file, 'prod/kustomization.yaml');
  assert.equal(at(files, long[0]!), 'production-eu-west-1-');
  // The Service follows the rename (kustomize updates serviceName), so no Service finding.
  assert.deepEqual(check.findings.filter((f) => f.finding.code.startsWith('service-')), []);
  const sts = check.build.objects.find((o) => o.kind === 'StatefulSet')!;
  assert.equal(sts.name, 'production-eu-west-1-orders-database-primary-replica-set-east');
});

test('a finding inside an inline patch is placed in the kustomization, at the value in the patch text', () => {
  const kustomization = `resources:
- ../base
patches:
- target:
    kind: StatefulSet
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/volumeMounts/-
      value:
        name: scratch
        mountPath: /scratch
`;
  const files = { ...base, 'prod/kustomization.yaml': kustomization };
  const check = checkOverlay('prod', reader(files))!;
  const unresolved = check.findings.filter((f) => f.finding.code === 'volume-mount-unresolved');
  assert.equal(unresolved.length, 1, JSON.stringify(check.findings));
  assert.equal(unresolved[0]!.file, 'prod/kustomization.yaml');
  assert.equal(unresolved[0]!.finding.span.start, kustomization.indexOf('scratch'));
  assert.equal(at(files, unresolved[0]!), 'scratch');
});

test('what the base file gets on its own is not repeated for the overlay', () => {
  const files = { ...base, 'base/sts.yaml': BASE_STS.replace('image: postgres:16', 'image: postgres:16\n        imagePullPolicy: Sometimes'), 'prod/kustomization.yaml': 'resources:\n- ../base\n' };
  const check = checkOverlay('prod', reader(files))!;
  assert.deepEqual(check.findings.filter((f) => f.finding.code === 'image-pull-policy-invalid'), []);
});

test('an overlay that is not fully built gets one info on its kustomization and nothing else', () => {
  const kustomization = 'namePrefix: production-eu-west-1-\nresources:\n- ../base\nconfigMapGenerator:\n- name: settings\n  literals: [a=b]\n';
  const files = { ...base, 'prod/kustomization.yaml': kustomization };
  const check = checkOverlay('prod', reader(files))!;
  assert.equal(check.findings.length, 1);
  assert.equal(check.findings[0]!.finding.code, 'kustomize-not-built');
  assert.equal(check.findings[0]!.finding.severity, 'info');
  // The entry kustomize would name with a content hash, which the build does not compute.
  assert.equal(at(files, check.findings[0]!), 'name: settings\n  literals: [a=b]');
  assert.match(check.findings[0]!.finding.message, /configMapGenerator \(a name with a content hash\)/);

  const failing = { ...base, 'prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: missing.yaml\n' };
  const failed = checkOverlay('prod', reader(failing))!;
  assert.deepEqual(failed.findings.map((f) => [f.file, f.finding.code, at(failing, f)]), [['prod/kustomization.yaml', 'kustomize-not-built', 'missing.yaml']]);
  assert.equal(failed.build.objects.length, 0);
});

test('patchTargets names the object each patch applies to, with its file and name span', () => {
  const files = { ...base, 'prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: replicas.yaml\n', 'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: orders-database-primary-replica-set-east\nspec:\n  replicas: 3\n' };
  const uses = patchTargets('prod', reader(files), 'prod/replicas.yaml');
  assert.equal(uses.length, 1);
  const t = uses[0]!.targets[0]!;
  assert.equal(t.kind, 'StatefulSet');
  assert.equal(t.source.file, 'base/sts.yaml');
  assert.equal(files['base/sts.yaml'].slice(t.source.span.start, t.source.span.end), 'orders-database-primary-replica-set-east');
});

test('the emitted text maps each value back to where it was written', () => {
  const files = { ...base, 'prod/kustomization.yaml': 'resources:\n- ../base\nnamespace: shop\ncommonLabels:\n  team: orders\n' };
  const build = buildKustomization('prod', reader(files))!;
  const emitted = emitObjects(build.objects.map((o) => o.root));
  const origin = (needle: string) => originOf(emitted, { start: emitted.text.indexOf(needle), end: emitted.text.indexOf(needle) + needle.length })!;
  const ns = origin('shop');
  assert.equal(ns.file, 'prod/kustomization.yaml');
  assert.equal(files['prod/kustomization.yaml'].slice(ns.span.start, ns.span.end), 'shop');
  const image = origin('postgres:16');
  assert.equal(image.file, 'base/sts.yaml');
  assert.equal(files['base/sts.yaml'].slice(image.span.start, image.span.end), 'postgres:16');
});

test('a build lists the files it read; the not-built note follows the severity settings', () => {
  const files = { ...base, 'prod/kustomization.yaml': 'resources:\n- ../base\nhelmCharts:\n- name: x\n' };
  const build = buildKustomization('prod', reader(files))!;
  assert.deepEqual([...build.files].sort(), ['base/kustomization.yaml', 'base/sts.yaml', 'base/svc.yaml', 'prod/kustomization.yaml']);
  assert.deepEqual(checkOverlay('prod', reader(files), { settings: { rules: { 'kustomize-not-built': 'off' } } })!.findings, []);
  assert.equal(checkOverlay('prod', reader(files), { settings: { rules: { 'kustomize-not-built': 'warning' } } })!.findings[0]!.finding.severity, 'warning');
});

test('bad input never throws: cycles, missing bases, objects without names, a kustomization that is not YAML', () => {
  const cases: Record<string, string>[] = [
    { 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' },
    { 'a/kustomization.yaml': 'resources:\n- ../nowhere\n' },
    { 'a/kustomization.yaml': 'resources:\n- x.yaml\n', 'a/x.yaml': 'kind: ConfigMap\n' },
    { 'a/kustomization.yaml': ': : :\n\t- [' },
    { 'a/kustomization.yaml': 'resources:\n- x.yaml\npatches:\n- patch: "[{op: nope}]"\n  target: {kind: ConfigMap}\n', 'a/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
  ];
  for (const files of cases) {
    const check = checkOverlay('a', reader(files))!;
    assert.ok(check.build.failure, JSON.stringify(files));
    assert.equal(check.findings.length, 1);
    assert.equal(check.findings[0]!.finding.code, 'kustomize-not-built');
  }
});

test('OverlaySet: the overlays reading a file, and the findings placed in it, kept current', () => {
  const files: Record<string, string> = { ...base, 'prod/kustomization.yaml': 'namePrefix: production-eu-west-1-\nresources:\n- ../base\n' };
  const set = new OverlaySet(reader(files));
  const touched = set.update('prod');
  assert.ok(touched.has('base/sts.yaml') && touched.has('prod/kustomization.yaml'));
  assert.deepEqual(set.readersOf('base/sts.yaml'), ['prod']);
  assert.deepEqual(set.findingsFor('prod/kustomization.yaml').map((f) => f.code), ['statefulset-name-too-long']);
  files['prod/kustomization.yaml'] = 'namePrefix: prod-\nresources:\n- ../base\n';
  assert.ok(set.update('prod').has('prod/kustomization.yaml'));
  assert.deepEqual(set.findingsFor('prod/kustomization.yaml'), []);
  set.forget('prod');
  assert.deepEqual(set.readersOf('base/sts.yaml'), []);
});

test('the emitted YAML reads back (YAML 1.1) as exactly the built values', () => {
  const strings = ['yes', 'No', 'on', 'y', '~', 'null', '0755', '0x1F', '1e3', '.inf', '-', ' lead', 'trail ', 'a: b', '#x', 'x #y', '', '"q"', "'s'", 'multi\nline\n', 'tab\there', 'ünïcødé ✓', '2001-12-14', '@at', '*star', '&amp', '!bang', '%pct', '{a}', '[b]', '|', '>', '? q', 'key: value\n- item'];
  const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', 'data:', ...strings.map((v, i) => `  k${i}: ${JSON.stringify(v)}`), `  ${JSON.stringify('odd key: #1')}: x`, 'numbers:', '  f: 1.0', '  g: 2.5', '  i: 7', '  b: true', '  nu: null', '  e: []', '  m: {}', 'nested:', '- - a', '  - []', '- {}', ''].join('\n');
  const files = { 'k/kustomization.yaml': 'resources:\n- c.yaml\n', 'k/c.yaml': text };
  const build = buildKustomization('k', reader(files))!;
  assert.equal(build.failure, undefined);
  const emitted = emitObjects(build.objects.map((o) => o.root));
  const back = parseAllDocuments(emitted.text, PARSE_OPTIONS).map((d) => d.toJS());
  const original = parseAllDocuments(text, PARSE_OPTIONS).map((d) => d.toJS());
  assert.deepEqual(back, original);
  assert.equal(String(parseAllDocuments(emitted.text, PARSE_OPTIONS)[0]!.errors.length), '0');
});

test('files are read as kustomize reads them (YAML 1.2): plain yes stays a string, so the overlay has no boolean error', () => {
  const files = { ...base, 'base/sts.yaml': BASE_STS.replace('image: postgres:16', 'image: postgres:16\n        env:\n        - name: DEBUG\n          value: yes'), 'prod/kustomization.yaml': 'resources:\n- ../base\n' };
  const build = buildKustomization('prod', reader(files))!;
  const env = build.objects.find((o) => o.kind === 'StatefulSet')!.root;
  assert.match(emitObjects([env]).text, /value: "yes"/);
  assert.deepEqual(checkOverlay('prod', reader(files))!.findings.filter((f) => f.finding.severity === 'error'), []);
});

test('a suppression comment where the value is written holds for the overlay findings', () => {
  const kustomization = '# statefulset-tools-disable-next-line statefulset-name-too-long\nnamePrefix: production-eu-west-1-\nresources:\n- ../base\n';
  const files = { ...base, 'prod/kustomization.yaml': kustomization };
  assert.deepEqual(checkOverlay('prod', reader(files))!.findings.filter((f) => f.finding.code === 'statefulset-name-too-long'), []);
});
