/** Hovers on StatefulSet fields: the docs, the computed facts, the span, and what gets no hover. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, WorkspaceIndex } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/hover';
import { offsetOf, spanOf, workspace } from '../support/cursor';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  serviceName: nginx
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts:
        - name: data
          mountPath: /data
        - name: config
          mountPath: /etc/app
      volumes:
      - name: config
        configMap: {name: app-config}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOncePod]
      storageClassName: fast
      resources:
        requests:
          storage: 10Gi
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {app: web}
`;

/** Hover with the cursor on `needle` (its first character plus `delta`). */
function hover(text: string, needle: string, delta = 1, others: Record<string, string> = {}, n = 0) {
  const i = offsetOf(text, needle, 0, n);
  const ws = workspace(text.slice(0, i + delta) + '<|>' + text.slice(i + delta), others);
  return { h: hoverAt(ws.analysis, ws.offset, ws.index), ws };
}

test('replicas: what it does, its default, and the pod names', () => {
  const { h } = hover(STS, 'replicas');
  assert.ok(h);
  assert.deepEqual(h.span, spanOf(STS, 'replicas'));
  assert.match(h.contents, /^\*\*spec\.replicas\*\* · \*integer\*/);
  assert.match(h.contents, /\*\*Pods:\*\* `web-0`, `web-1`, `web-2`/);
  assert.match(h.contents, /Default: `1`/);
});

test('the value of replicas gets the same hover, spanning the value', () => {
  const { h } = hover(STS, '3\n  serviceName', 0);
  assert.ok(h);
  const value = offsetOf(STS, 'replicas: 3', 'replicas: '.length);
  assert.deepEqual(h.span, { start: value, end: value + 1 });
  assert.match(h.contents, /`web-2`/);
});

test('metadata.name lists pods from ordinals.start, honoured by the configured release', () => {
  const text = STS.replace('  replicas: 3\n', '  replicas: 3\n  ordinals:\n    start: 5\n');
  const { h } = hover(text, 'web\n');
  assert.ok(h);
  assert.match(h.contents, /\*\*metadata\.name\*\*/);
  assert.match(h.contents, /`web-5`, `web-6`, `web-7`/);
  assert.match(h.contents, /Ordinals start at 5/);

  const old = workspace(text.replace('name: web\n', 'name: w<|>eb\n'), {}, { kubernetesVersion: '1.26' });
  const h26 = hoverAt(old.analysis, old.offset, old.index);
  assert.ok(h26);
  assert.match(h26.contents, /`web-0`, `web-1`, `web-2`/, 'start ordinals are ignored before 1.27');
});

test('a long pod list is shortened to its ends', () => {
  const { h } = hover(STS.replace('replicas: 3', 'replicas: 250'), 'replicas');
  assert.ok(h);
  assert.match(h.contents, /`web-0`, `web-1`, `web-2`, …, `web-248`, `web-249` \(250\)/);
});

test('a claim template name shows the PVC of each pod and what each claim asks for', () => {
  const { h } = hover(STS, 'data\n    spec', 1);
  assert.ok(h);
  assert.match(h.contents, /\*\*spec\.volumeClaimTemplates\[\]\.metadata\.name\*\*/);
  assert.match(h.contents, /\| `web-0` \| `data-web-0` \|/);
  assert.match(h.contents, /\| `web-2` \| `data-web-2` \|/);
  assert.match(h.contents, /`10Gi` \(10 GiB\) each, `ReadWriteOncePod`, StorageClass `fast`/);
});

test('volumeClaimTemplates counts the PVCs the set makes', () => {
  const text = STS.replace('  volumeClaimTemplates:\n', '  volumeClaimTemplates:\n  - metadata: {name: logs}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n');
  const { h } = hover(text, 'volumeClaimTemplates');
  assert.ok(h);
  assert.match(h.contents, /\*\*PVCs:\*\* 3 pods × 2 templates = 6: `logs-web-0`, `data-web-0`, `logs-web-1`, `data-web-1`, `logs-web-2`, `data-web-2`$/m);
});

test('serviceName: DNS names and the Service it resolves to in another file', () => {
  const { h } = hover(STS, 'nginx', 2, { 'file:///w/services/svc.yaml': SERVICE });
  assert.ok(h);
  assert.match(h.contents, /`web-0\.nginx\.default\.svc\.cluster\.local`/);
  assert.match(h.contents, /\*\*Service:\*\* `nginx` in \[svc\.yaml\]\(file:\/\/\/w\/services\/svc\.yaml\), headless\./);
});

test('serviceName without a Service says so; a Service in another namespace does not count', () => {
  const { h } = hover(STS, 'nginx', 2, { 'file:///w/svc.yaml': SERVICE.replace('  name: nginx\n', '  name: nginx\n  namespace: other\n') });
  assert.ok(h);
  assert.match(h.contents, /no Service `nginx` in namespace `default` in the workspace/);
});

test('serviceName naming a Service with a cluster IP warns that pod names are not published', () => {
  const { h } = hover(STS, 'nginx', 2, { 'file:///w/svc.yaml': SERVICE.replace('clusterIP: None', 'clusterIP: 10.0.0.7') });
  assert.ok(h);
  assert.match(h.contents, /not headless \(clusterIP `10\.0\.0\.7`\)/);
});

test('partition: which pods a rollout updates and which stay', () => {
  const text = STS.replace('  replicas: 3\n', '  replicas: 3\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2\n');
  const { h } = hover(text, 'partition');
  assert.ok(h);
  assert.match(h.contents, /\*\*Updated:\*\* `web-2`/);
  assert.match(h.contents, /\*\*Stay:\*\* `web-0`, `web-1`/);
  assert.match(h.contents, /Default: `0`/);
});

test('whenScaled and whenDeleted: what happens to which PVCs', () => {
  const text = STS.replace('  replicas: 3\n', '  replicas: 3\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Retain\n    whenScaled: Delete\n');
  const scaled = hover(text, 'whenScaled').h;
  assert.ok(scaled);
  assert.match(scaled.contents, /Scaling from 3 to 2 removes 1 pod \(web-2\)\. Its PVC is deleted/);
  assert.match(scaled.contents, /Kubernetes: Alpha in 1\.23 \(off by default\), beta in 1\.27 \(on by default\), stable since 1\.32\./);

  const deleted = hover(text, 'Retain', 1).h;
  assert.ok(deleted);
  assert.match(deleted.contents, /^\*\*spec\.persistentVolumeClaimRetentionPolicy\.whenDeleted\*\*/);
  assert.match(deleted.contents, /`Retain`: Keep the PVCs/);
  assert.match(deleted.contents, /3 PVCs are kept \(whenDeleted: Retain\)/);
});

test('an access mode explains what it means for a StatefulSet', () => {
  const { h } = hover(STS, 'ReadWriteOncePod', 3);
  assert.ok(h);
  assert.deepEqual(h.span, spanOf(STS, 'ReadWriteOncePod'));
  assert.match(h.contents, /`ReadWriteOncePod`: Read-write by \*\*one pod\*\*/);
  assert.match(h.contents, /Values: `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany`, `ReadWriteOncePod`/);
});

test('a mount name says which claim template or pod volume it mounts', () => {
  const claim = hover(STS, 'data\n          mountPath', 1).h;
  assert.ok(claim);
  assert.match(claim.contents, /\*\*Mounts\*\* claim template `data`: each pod its own PVC \(`data-web-0`, `data-web-1`, `data-web-2`\)/);
  const volume = hover(STS, 'config\n          mountPath', 1).h;
  assert.ok(volume);
  assert.match(volume.contents, /\*\*Mounts\*\* pod volume `config` \(configMap\), the same in every pod/);
});

test('storageClassName resolves through the index', () => {
  const sc = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: ebs.csi.aws.com
`;
  const found = hover(STS, 'fast', 1, { 'file:///w/sc.yaml': sc }).h;
  assert.ok(found);
  assert.match(found.contents, /\*\*StorageClass:\*\* `fast` in \[sc\.yaml\]\(file:\/\/\/w\/sc\.yaml\) \(provisioner `ebs\.csi\.aws\.com`, the default class\)/);
  const missing = hover(STS, 'fast', 1).h;
  assert.ok(missing);
  assert.match(missing.contents, /No StorageClass `fast` in the workspace/);
});

test('feature-gated fields say how they stand in the configured release', () => {
  const text = STS.replace('  replicas: 3\n', '  replicas: 3\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2\n');
  const latest = hover(text, 'maxUnavailable').h;
  assert.ok(latest);
  assert.match(latest.contents, /Kubernetes 1\.35: beta, on by default/);
  const ws = workspace(text.replace('maxUnavailable', 'max<|>Unavailable'), {}, { kubernetesVersion: '1.30' });
  const h30 = hoverAt(ws.analysis, ws.offset, ws.index);
  assert.ok(h30);
  assert.match(h30.contents, /Kubernetes 1\.30: alpha, off unless the cluster enables the feature gate/);
  assert.match(h30.contents, /honoured from Kubernetes 1\.35/);
});

test('a StatefulSet inside a kind: List gets the same hovers', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: db}
- apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: db
  spec:
    replicas: 2
    serviceName: db
`;
  const { h } = hover(list, 'replicas');
  assert.ok(h);
  assert.match(h.contents, /`db-0`, `db-1`/);
});

test('fields without our own words get their type, values and release from the schema', () => {
  const text = STS.replace('        image: nginx:1.27\n', '        image: nginx:1.27\n        terminationMessagePolicy: File\n        resizePolicy: []\n');
  const { h } = hover(text, 'terminationMessagePolicy');
  assert.ok(h);
  assert.equal(h.contents, '**spec.template.spec.containers[].terminationMessagePolicy** · *string*\n\nValues: `File`, `FallbackToLogsOnError`');
  const resize = hover(text, 'resizePolicy').h;
  assert.ok(resize);
  assert.match(resize.contents, /Kubernetes: since 1\.27 behind the `InPlacePodVerticalScaling` feature gate, on by default from 1\.33\./);
});

test('no hover off StatefulSet fields: unknown keys, free-form labels, other kinds, empty space', () => {
  assert.equal(hover(STS.replace('  replicas: 3', '  replicaz: 3'), 'replicaz').h, undefined);
  assert.equal(hover(STS, 'app: web}', 1).h, undefined, 'a key inside matchLabels');
  assert.equal(hover(SERVICE, 'clusterIP').h, undefined);
  const blank = workspace(STS.replace('spec:\n  replicas', 'spec:\n<|>\n  replicas'));
  assert.equal(hoverAt(blank.analysis, blank.offset, blank.index), undefined);
});

test('spans are UTF-16 offsets, after astral characters and CRLF line ends', () => {
  const text = STS.replace('metadata:\n  name: web\n', 'metadata:\n  name: web\n  annotations:\n    note: "🚀 fast 🚀"\n').replace(/\n/g, '\r\n');
  const { h } = hover(text, 'replicas');
  assert.ok(h);
  assert.deepEqual(h.span, spanOf(text, 'replicas'));
  assert.equal(text.slice(h.span.start, h.span.end), 'replicas');
});

test('a hover reads only the StatefulSet under the cursor, also in a file of 1000', () => {
  const docs: string[] = [];
  for (let i = 0; i < 1000; i++) docs.push(STS.replace('name: web', `name: web-${i}`).replace('replicas: 3', `replicas: ${(i % 5) + 1}`));
  const text = docs.join('---\n');
  const a = analyze(text, { uri: 'file:///w/big.yaml' });
  const at = offsetOf(text, 'replicas', 1, 999);
  const t0 = performance.now();
  const h = hoverAt(a, at, new WorkspaceIndex());
  const ms = performance.now() - t0;
  assert.ok(h);
  assert.match(h.contents, /`web-999-0`, `web-999-1`, `web-999-2`, `web-999-3`, `web-999-4`/);
  assert.ok(ms < 50, `hover took ${ms.toFixed(1)} ms`);
});
