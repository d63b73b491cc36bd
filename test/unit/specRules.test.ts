/**
 * The value-level error rules (the API server's validation of apps/v1 StatefulSets) on their own:
 * silence on values of the wrong type (the type checks own those), field paths inside a List, the
 * quick-fix data they carry, and version boundaries the fixtures do not cover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, RULES, type Finding, type Settings } from '../../server/src/core';

const SPEC_RULES = new Set([
  'metadata-name-invalid', 'label-invalid', 'annotation-key-invalid', 'replicas-negative', 'min-ready-seconds-negative',
  'ordinals-start-negative', 'pod-management-policy-invalid', 'update-strategy-invalid', 'rolling-update-with-on-delete',
  'partition-negative', 'max-unavailable-invalid', 'retention-policy-invalid', 'service-name-invalid', 'selector-missing',
  'selector-invalid', 'selector-mismatch', 'restart-policy-invalid', 'active-deadline-forbidden', 'containers-missing',
  'container-name-invalid', 'container-image-missing', 'port-invalid', 'volume-name-invalid', 'volume-source-invalid',
  'volume-mount-unresolved', 'volume-mount-invalid', 'volume-device-invalid', 'claim-template-name-invalid',
  'access-modes-missing', 'access-mode-invalid', 'storage-request-missing', 'storage-request-invalid',
  'storage-class-name-invalid', 'volume-mode-invalid', 'data-source-invalid', 'image-pull-policy-invalid', 'resources-invalid',
  'probe-invalid',
]);
const rules = RULES.filter((r) => SPEC_RULES.has(r.meta.id));

function findings(text: string, settings?: Settings): readonly Finding[] {
  return analyze(text, { rules, settings }).findings;
}

/** A valid StatefulSet; `spec` lines (indented by two spaces) go at the top of its spec. */
function sts(spec = ''): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
${spec}  serviceName: web
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
          volumeMounts:
            - name: data
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;
}

test('every rule id is registered as an error rule with docs and an example', () => {
  assert.equal(rules.length, SPEC_RULES.size);
  for (const r of rules) {
    assert.equal(r.meta.defaultSeverity, 'error', r.meta.id);
    assert.equal(r.meta.scope, 'document', r.meta.id);
    assert.ok(r.meta.docs.length > 80 && r.meta.example, r.meta.id);
  }
});

test('a valid StatefulSet gets nothing', () => {
  assert.deepEqual(findings(sts()), []);
});

test('values of the wrong type are left to the type checks', () => {
  const wrongTypes = [
    '  replicas: "3"\n',
    '  replicas: -1.5\n',
    '  podManagementPolicy: 7\n',
    '  updateStrategy:\n    type: yes\n    rollingUpdate:\n      partition: "-1"\n',
    '  updateStrategy: OnDelete\n',
    '  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: true\n',
    '  minReadySeconds: "-1"\n',
    '  serviceName: 123\n',
  ];
  for (const spec of wrongTypes) assert.deepEqual(findings(sts(spec)).map((f) => f.code), [], spec);
  const odd = sts().replace('accessModes: [ReadWriteOnce]', 'accessModes: ReadWriteOnce').replace('storage: 1Gi', 'storage: 1GB').replace('image: nginx:1.27', 'image: nginx:1.27\n          ports: 80');
  assert.deepEqual(findings(odd).map((f) => f.code), []);
  assert.deepEqual(findings(sts().replace('app: web\n  template', 'app: on\n  template').replace(/labels:\n {8}app: web/, 'labels:\n        app: on')).map((f) => f.code), []);
});

test('inside a List, paths carry the item prefix', () => {
  const body = sts('  replicas: -2\n').replace(/^/gm, '    ').replace(/^ {4}apiVersion/, '  - apiVersion');
  const f = findings(`apiVersion: v1\nkind: List\nitems:\n${body}`);
  assert.deepEqual(f.map((x) => [x.code, x.path]), [['replicas-negative', 'items[0].spec.replicas']]);
});

test('findings carry quick-fix data', () => {
  const fixOf = (text: string, code: string) => findings(text).find((f) => f.code === code)?.fix;
  assert.deepEqual(fixOf(sts('  podManagementPolicy: parallel\n'), 'pod-management-policy-invalid'), { kind: 'replace-value', value: 'Parallel' });
  assert.deepEqual(fixOf(sts('  replicas: -1\n'), 'replicas-negative'), { kind: 'replace-value', value: 0 });
  assert.deepEqual(fixOf(sts('  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 1\n'), 'rolling-update-with-on-delete'), { kind: 'remove-pair' });
  const deadline = sts().replace('      containers:', '      activeDeadlineSeconds: 30\n      containers:');
  assert.deepEqual(fixOf(deadline, 'active-deadline-forbidden'), { kind: 'remove-pair' });
  const noSelector = sts().replace('  selector:\n    matchLabels:\n      app: web\n', '');
  assert.deepEqual(fixOf(noSelector, 'selector-missing'), { kind: 'add-field', path: 'spec', key: 'selector', value: { matchLabels: { app: 'web' } } });
  assert.deepEqual(fixOf(sts().replace('accessModes: [ReadWriteOnce]', 'accessModes: [RWO]'), 'access-mode-invalid'), { kind: 'replace-value', value: 'ReadWriteOnce' });
  assert.deepEqual(fixOf(sts().replace('name: data\n              mountPath', 'name: dta\n              mountPath'), 'volume-mount-unresolved'), { kind: 'replace-value', value: 'data' });
  assert.deepEqual(fixOf(sts().replace('name: web\nspec', 'name: Web_1\nspec'), 'metadata-name-invalid'), { kind: 'replace-value', value: 'web-1' });
});

test('maxUnavailable is checked only where its feature gate is on by default', () => {
  const text = sts('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n');
  const codes = (v: string) => findings(text, { kubernetesVersion: v }).map((f) => f.code);
  assert.deepEqual(codes('1.34'), []);
  assert.deepEqual(codes('1.35'), ['max-unavailable-invalid']);
  assert.deepEqual(codes('1.36'), []);
  assert.deepEqual(codes('1.37'), ['max-unavailable-invalid']);
});

test('version boundaries: what older API servers accepted is still an error, with a note', () => {
  const badMount = sts().replace('name: data\n              mountPath', 'name: logs\n              mountPath');
  const [newer] = findings(badMount, { kubernetesVersion: '1.34' });
  const [older] = findings(badMount, { kubernetesVersion: '1.33' });
  assert.equal(newer.code, 'volume-mount-unresolved');
  assert.ok(!newer.message.includes('before 1.34'));
  assert.ok(older.message.includes('Kubernetes before 1.34 accepts this StatefulSet'));
  const serviceName = sts().replace('serviceName: web', 'serviceName: Web');
  assert.ok(!findings(serviceName, { kubernetesVersion: '1.33' })[0].message.includes('before 1.33'));
  assert.ok(findings(serviceName, { kubernetesVersion: '1.32' })[0].message.includes('before 1.33'));
  const dotted = sts().replace('name: web\nspec', 'name: web.db\nspec');
  assert.ok(!findings(dotted, { kubernetesVersion: '1.27' })[0].message.includes('before 1.27'));
  assert.ok(findings(dotted, { kubernetesVersion: '1.26' })[0].message.includes('before 1.27'));
});

test('selector matching follows label selector semantics', () => {
  const withSelector = (sel: string) => sts().replace('  selector:\n    matchLabels:\n      app: web\n', `  selector:\n${sel}`);
  const mismatch = (sel: string) => findings(withSelector(sel)).filter((f) => f.code === 'selector-mismatch').length;
  assert.equal(mismatch('    matchExpressions:\n      - {key: tier, operator: NotIn, values: [db]}\n'), 0, 'NotIn holds for an absent label');
  assert.equal(mismatch('    matchExpressions:\n      - {key: tier, operator: DoesNotExist}\n'), 0);
  assert.equal(mismatch('    matchExpressions:\n      - {key: app, operator: In, values: [api, web]}\n'), 0);
  assert.equal(mismatch('    matchExpressions:\n      - {key: app, operator: NotIn, values: [web]}\n'), 1);
  assert.equal(mismatch('    matchExpressions:\n      - {key: tier, operator: Exists}\n'), 1);
  // An unusable selector is reported as such, not as a mismatch.
  assert.equal(mismatch('    matchExpressions:\n      - {key: tier, operator: Equals, values: [db]}\n'), 0);
});
