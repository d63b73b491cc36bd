/** Definition, references, rename, inlay hints and code lenses on the core. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, WorkspaceIndex } from '../../server/src/core';
import {
  codeLensesOf,
  definitionAt,
  inlayHintsIn,
  nameRange,
  prepareRenameAt,
  referenceCandidates,
  referencesAt,
  renameAt,
  type FileSpan,
} from '../../server/src/core/navigation';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionsAt } from '../../server/src/core/completion';
import { hoverAt } from '../../server/src/core/hover';
import { offsetOf, workspace } from '../support/cursor';
import { ROOT } from '../support/paths';

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
    spec:
      initContainers:
      - name: init
        volumeMounts:
        - name: data
          mountPath: /seed
      containers:
      - name: app
        volumeMounts:
        - name: data
          mountPath: /data
        - name: config
          mountPath: /etc/app
        volumeDevices:
        - name: "data"
          devicePath: /dev/xvda
      volumes:
      - name: config
        configMap: {name: app-config}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: fast
      resources:
        requests:
          storage: 10Gi
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
  namespace: elsewhere
spec:
  clusterIP: None
`;

const CLASSES = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
`;

const OTHERS = { 'file:///w/svc.yaml': SERVICES, 'file:///w/sc.yaml': CLASSES };
const URI = 'file:///w/sts.yaml';

/** The workspace with the cursor `delta` characters into the `n`th occurrence of `needle`. */
function at(text: string, needle: string, delta = 1, n = 0, others: Record<string, string> = OTHERS) {
  const i = offsetOf(text, needle, delta, n);
  return workspace(text.slice(0, i) + '<|>' + text.slice(i), others);
}

const sortSpans = (xs: FileSpan[]): FileSpan[] => [...xs].sort((a, b) => a.uri.localeCompare(b.uri) || a.span.start - b.span.start);

test('definition: a volume mount goes to its claim template, another to its pod volume', () => {
  const ws = at(STS, 'data\n          mountPath: /data');
  const claim = offsetOf(STS, 'data\n    spec');
  assert.deepEqual(definitionAt(ws.analysis, ws.offset, ws.index), [{ uri: URI, span: { start: claim, end: claim + 4 } }]);
  const cfg = at(STS, 'config\n          mountPath');
  const volume = offsetOf(STS, 'config\n        configMap');
  assert.deepEqual(definitionAt(cfg.analysis, cfg.offset, cfg.index), [{ uri: URI, span: { start: volume, end: volume + 6 } }]);
});

test('definition: a quoted device name resolves too, and a claim template wins over a pod volume of its name', () => {
  const text = STS.replace('      - name: config\n        configMap', '      - name: data\n        emptyDir: {}\n      - name: config\n        configMap');
  const ws = at(text, '"data"', 2);
  const claim = offsetOf(text, 'data\n    spec');
  assert.deepEqual(definitionAt(ws.analysis, ws.offset, ws.index), [{ uri: URI, span: { start: claim, end: claim + 4 } }]);
});

test('definition: serviceName goes to the Service in its namespace in another file', () => {
  const ws = at(STS, 'nginx');
  const svc = offsetOf(SERVICES, 'nginx');
  assert.deepEqual(definitionAt(ws.analysis, ws.offset, ws.index), [{ uri: 'file:///w/svc.yaml', span: { start: svc, end: svc + 5 } }]);
  const none = at(STS.replace('serviceName: nginx', 'serviceName: missing'), 'missing');
  assert.deepEqual(definitionAt(none.analysis, none.offset, none.index), []);
});

test('definition: storageClassName goes to the StorageClass', () => {
  const ws = at(STS, 'fast');
  const sc = offsetOf(CLASSES, 'fast');
  assert.deepEqual(definitionAt(ws.analysis, ws.offset, ws.index), [{ uri: 'file:///w/sc.yaml', span: { start: sc, end: sc + 4 } }]);
});

test('definition: nothing on keys and on values that name nothing', () => {
  for (const [needle, delta] of [['replicas', 1], ['3\n', 0], ['/data', 1]] as const) {
    const ws = at(STS, needle, delta);
    assert.deepEqual(definitionAt(ws.analysis, ws.offset, ws.index), [], needle);
  }
});

test('references of a claim template: every mount and device, with or without the declaration', () => {
  const ws = at(STS, 'data\n    spec');
  const mounts = [offsetOf(STS, 'data\n          mountPath: /seed'), offsetOf(STS, 'data\n          mountPath: /data'), offsetOf(STS, 'data"')];
  const expected = mounts.map((s) => ({ uri: URI, span: { start: s, end: s + 4 } }));
  assert.deepEqual(sortSpans(referencesAt(ws.analysis, ws.offset, ws.index, false)), expected);
  const claim = offsetOf(STS, 'data\n    spec');
  assert.deepEqual(sortSpans(referencesAt(ws.analysis, ws.offset, ws.index, true)), sortSpans([...expected, { uri: URI, span: { start: claim, end: claim + 4 } }]));
  // Asked from a mount, the answer is the same.
  const fromMount = at(STS, 'data\n          mountPath: /seed');
  assert.deepEqual(sortSpans(referencesAt(fromMount.analysis, fromMount.offset, fromMount.index, true)), sortSpans(referencesAt(ws.analysis, ws.offset, ws.index, true)));
});

test('references of a Service: the serviceName of every StatefulSet in its namespace, in every file', () => {
  const other = STS.replace('name: web', 'name: cache');
  const index = new WorkspaceIndex();
  analyze(STS, { uri: URI, index });
  analyze(other, { uri: 'file:///w/cache.yaml', index });
  analyze(STS.replace('name: web', 'name: far\n  namespace: elsewhere'), { uri: 'file:///w/far.yaml', index });
  const i = offsetOf(SERVICES, 'nginx', 1);
  const svc = analyze(SERVICES, { uri: 'file:///w/svc.yaml', index });
  const candidates = referenceCandidates(svc, i, index);
  assert.deepEqual(candidates, ['file:///w/cache.yaml', URI]);
  const others = candidates.map((u) => analyze(u === URI ? STS : other, { uri: u }));
  const refs = sortSpans(referencesAt(svc, i, index, true, others));
  const use = offsetOf(STS, 'nginx');
  assert.deepEqual(refs, [
    { uri: 'file:///w/cache.yaml', span: { start: offsetOf(other, 'nginx'), end: offsetOf(other, 'nginx') + 5 } },
    { uri: URI, span: { start: use, end: use + 5 } },
    { uri: 'file:///w/svc.yaml', span: { start: offsetOf(SERVICES, 'nginx'), end: offsetOf(SERVICES, 'nginx') + 5 } },
  ]);
});

test('references of a StorageClass name from a claim template reach PVCs and other StatefulSets', () => {
  const pvc = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared
spec:
  storageClassName: fast
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 1Gi}}
`;
  const ws = at(STS, 'fast', 1, 0, { ...OTHERS, 'file:///w/pvc.yaml': pvc });
  const candidates = referenceCandidates(ws.analysis, ws.offset, ws.index);
  assert.deepEqual(candidates, ['file:///w/pvc.yaml']);
  const refs = referencesAt(ws.analysis, ws.offset, ws.index, false, [analyze(pvc, { uri: 'file:///w/pvc.yaml' })]);
  const p = offsetOf(pvc, 'fast');
  const s = offsetOf(STS, 'fast');
  assert.deepEqual(sortSpans(refs), [{ uri: 'file:///w/pvc.yaml', span: { start: p, end: p + 4 } }, { uri: URI, span: { start: s, end: s + 4 } }]);
});

test('rename a claim template: its name, every mount and device (inside quotes), nothing else', () => {
  const ws = at(STS, 'data\n    spec');
  const prepared = prepareRenameAt(ws.analysis, ws.offset);
  const claim = offsetOf(STS, 'data\n    spec');
  assert.deepEqual(prepared, { span: { start: claim, end: claim + 4 }, placeholder: 'data' });
  const r = renameAt(ws.analysis, ws.offset, 'pgdata');
  assert.ok(r && 'edits' in r);
  let out = STS;
  for (const e of [...r.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  assert.equal(out, STS.replace(/name: data\n/g, 'name: pgdata\n').replace('name: "data"', 'name: "pgdata"'));
});

test('rename from a mount renames the pod volume it names, not a claim', () => {
  const ws = at(STS, 'config\n          mountPath');
  const r = renameAt(ws.analysis, ws.offset, 'settings');
  assert.ok(r && 'edits' in r);
  assert.equal(r.edits.length, 2);
});

test('rename rejects invalid DNS labels and names already taken, with a reason', () => {
  const ws = at(STS, 'data\n    spec');
  assert.deepEqual(renameAt(ws.analysis, ws.offset, 'Data_1'), { error: '"Data_1" is not a valid volume name: it must be lowercase.' });
  assert.deepEqual(renameAt(ws.analysis, ws.offset, 'x'.repeat(64)), { error: `"${'x'.repeat(64)}" is not a valid volume name: it is 64 characters long; at most 63 are allowed.` });
  assert.deepEqual(renameAt(ws.analysis, ws.offset, 'config'), { error: 'This StatefulSet already has a claim template or volume named "config".' });
  assert.deepEqual(renameAt(ws.analysis, ws.offset, 'data'), { edits: [] });
});

test('prepareRename: a Service is renamed on its own name, not from serviceName; nothing where there is no name', () => {
  const svc = at(STS, 'nginx');
  const p = prepareRenameAt(svc.analysis, svc.offset);
  assert.ok(p && 'error' in p);
  assert.match(p.error, /Rename the Service on its metadata\.name/);
  const key = at(STS, 'replicas');
  assert.equal(prepareRenameAt(key.analysis, key.offset), undefined);
  const dangling = at(STS.replace('        - name: config\n          mountPath', '        - name: nope\n          mountPath'), 'nope');
  const d = prepareRenameAt(dangling.analysis, dangling.offset);
  assert.ok(d && 'error' in d);
});

test('inlay hints: pod names after replicas, PVC names after claim template names', () => {
  const a = analyze(STS, { uri: URI });
  const hints = inlayHintsIn(a, { start: 0, end: STS.length });
  assert.deepEqual(hints.map((h) => ({ at: h.offset, label: h.label })), [
    { at: offsetOf(STS, 'replicas: 3', 11), label: 'web-0 … web-2' },
    { at: offsetOf(STS, 'data\n    spec', 4), label: 'data-web-0 … data-web-2' },
  ]);
  assert.equal(hints[0].tooltip, '3 pods: web-0 to web-2 (ordinals 0 to 2)');
});

test('inlay hints: one and two pods, ordinals.start, zero replicas, and only inside the range', () => {
  const labelsOf = (text: string) => inlayHintsIn(analyze(text, { uri: URI }), { start: 0, end: text.length }).map((h) => h.label);
  assert.deepEqual(labelsOf(STS.replace('replicas: 3', 'replicas: 1')), ['web-0', 'data-web-0']);
  assert.deepEqual(labelsOf(STS.replace('replicas: 3', 'replicas: 2')), ['web-0, web-1', 'data-web-0, data-web-1']);
  assert.deepEqual(labelsOf(STS.replace('replicas: 3', 'replicas: 3\n  ordinals:\n    start: 10')), ['web-10 … web-12', 'data-web-10 … data-web-12']);
  assert.deepEqual(labelsOf(STS.replace('replicas: 3', 'replicas: 0')), ['no pods']);
  const a = analyze(STS, { uri: URI });
  const upToTemplate = offsetOf(STS, 'template:');
  assert.deepEqual(inlayHintsIn(a, { start: 0, end: upToTemplate }).map((h) => h.label), ['web-0 … web-2']);
});

test('inlay hint labels stay short for long names', () => {
  const long = 'a-very-long-statefulset-name-for-the-payments-ledger';
  const text = STS.replace('name: web', `name: ${long}`).replace('replicas: 3', 'replicas: 120');
  const hints = inlayHintsIn(analyze(text, { uri: URI }), { start: 0, end: text.length });
  // VS Code cuts a line's hints past editor.inlayHints.maximumLength (43 by default).
  for (const h of hints) assert.ok(h.label.length <= 43, h.label);
  assert.match(hints[0].label, /-0 … .*-119$/);
  assert.equal(nameRange('a', 'b', 0), '');
});

test('code lenses: one per apps/v1 StatefulSet, with the uri, its index and a count of the advice in it (hints draw no squiggle)', () => {
  const text = `${SERVICES}---\n${STS}---\n${STS.replace('name: web', 'name: db')}---\n${STS.replace('apps/v1', 'apps/v1beta1')}`;
  const lenses = codeLensesOf(analyze(text, { uri: URI }));
  assert.deepEqual(lenses.map((l) => [l.span.start, l.command, l.arguments, l.title]), [
    [offsetOf(text, 'apiVersion: apps/v1\n'), 'statefulset.openPreview', [URI, 0], 'Preview pods, PVCs and DNS · 5 suggestions'],
    [offsetOf(text, 'apiVersion: apps/v1\n', 0, 1), 'statefulset.openPreview', [URI, 1], 'Preview pods, PVCs and DNS · 5 suggestions'],
  ]);
});

test('every feature answers all over the examples and broken variants of them, without throwing', () => {
  const dir = join(ROOT, 'examples');
  const texts = readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => readFileSync(join(dir, n), 'utf8'));
  assert.ok(texts.length > 0);
  // Cut each example at a few places and drop characters, as an editor mid-typing would leave it.
  const variants = texts.flatMap((t) => [t, t.slice(0, Math.floor(t.length / 3)), t.replace(/: /g, ':'), t.replace(/\n {2}/g, '\n '), t.replace(/-/g, '')]);
  for (const [i, text] of variants.entries()) {
    const index = new WorkspaceIndex();
    const a = analyze(text, { uri: URI, index });
    // Offsets a few characters apart (every one would take seconds): all kinds of places get hit.
    const stride = i % 5 === 0 ? 3 : 13;
    for (let offset = 0; offset <= text.length; offset += stride) {
      hoverAt(a, offset, index);
      completionsAt(a, offset, index);
      definitionAt(a, offset, index);
      referencesAt(a, offset, index, true);
      const p = prepareRenameAt(a, offset);
      if (p && 'span' in p) renameAt(a, offset, 'renamed');
    }
    inlayHintsIn(a, { start: 0, end: text.length });
    codeLensesOf(a);
  }
});
