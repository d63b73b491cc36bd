/**
 * Identity references over the bundled server: diagnostics in one file that follow a StatefulSet
 * in another (a change of replicas re-checks them), hover, definition (to the StatefulSet and to a
 * claim template), references from a StatefulSet's name, and rename across files, open or not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, InlayHint, Location, MarkupContent, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { danglingAfterScale } from '../../server/src/core';
import type { IdentitiesResult } from '../../server/src/protocol';
import { LspClient } from './support/lspClient';
import { applyEdits, positionOf, rangeOf } from './support/positions';

const SETS = `apiVersion: v1
kind: Service
metadata:
  name: mysql
spec:
  clusterIP: None
  selector: {app: mysql}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  replicas: 3
  serviceName: mysql
  selector:
    matchLabels: {app: mysql}
  template:
    metadata:
      labels: {app: mysql}
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        volumeMounts:
        - {mountPath: /var/lib/mysql, name: data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

/** Only a ConfigMap and a VolumeSnapshot: kinds the index does not hold. */
const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  DB_HOST: "mysql-2.mysql.default.svc.cluster.local"
---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: backup
spec:
  source:
    persistentVolumeClaimName: data-mysql-1
`;

/** A PVC cloned from a pod's claim, in a file that stays closed. */
const CLONE = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: clone
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
  dataSource:
    kind: PersistentVolumeClaim
    name: data-mysql-0
`;

const range = (text: string, needle: string, nth = 0): Range => rangeOf(text, needle, nth);
const SET_NAME = 'name: mysql\nspec:\n  replicas';
const setName: Range = { start: positionOf(SETS, SET_NAME, 6), end: positionOf(SETS, SET_NAME, 11) };
const claimTemplate: Range = { start: positionOf(SETS, 'data\n    spec'), end: positionOf(SETS, 'data\n    spec', 4) };

describe('identity references', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-references-'));
    writeFileSync(join(dir, 'sets.yaml'), SETS);
    writeFileSync(join(dir, 'app.yaml'), APP);
    writeFileSync(join(dir, 'clone.yaml'), CLONE);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
    await client.open(uriOf('sets.yaml'), SETS);
    await client.open(uriOf('app.yaml'), APP);
    await client.nextDiagnostics(uriOf('app.yaml'));
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (name: string, position: Position) => ({ textDocument: { uri: uriOf(name) }, position });

  test('hover on a DNS name in a ConfigMap: the pod, its StatefulSet, that it exists, its full name', async () => {
    const h = await client.request<Hover>('textDocument/hover', at('app.yaml', positionOf(APP, 'mysql-2', 3)));
    const value = (h.contents as MarkupContent).value;
    assert.match(value, /\*\*Pod `mysql-2`\*\* of StatefulSet `mysql` \(namespace `default`\), used in ConfigMap data/);
    assert.match(value, /Exists at the current replicas \(3 replicas: mysql-0 … mysql-2\)/);
    assert.deepEqual(h.range, range(APP, 'mysql-2.mysql.default.svc.cluster.local'));
  });

  test('hover on a PVC name in a VolumeSnapshot names its claim template and pod', async () => {
    const h = await client.request<Hover>('textDocument/hover', at('app.yaml', positionOf(APP, 'data-mysql-1', 2)));
    assert.match((h.contents as MarkupContent).value, /\*\*PVC `data-mysql-1`\*\*[^]*Claim template `data` of pod `mysql-1`/);
  });

  test('definition: a DNS name goes to the StatefulSet, a PVC name to its claim template', async () => {
    const pod = await client.request<Location[]>('textDocument/definition', at('app.yaml', positionOf(APP, 'mysql-2', 1)));
    assert.deepEqual(pod, [{ uri: uriOf('sets.yaml'), range: setName }]);
    const pvc = await client.request<Location[]>('textDocument/definition', at('app.yaml', positionOf(APP, 'data-mysql-1', 1)));
    assert.deepEqual(pvc, [{ uri: uriOf('sets.yaml'), range: claimTemplate }]);
  });

  test("references from a StatefulSet's name reach an open file the index does not hold and a closed one", async () => {
    const refs = await client.request<Location[]>('textDocument/references', { ...at('sets.yaml', positionOf(SETS, SET_NAME, 7)), context: { includeDeclaration: false } });
    const sorted = [...refs].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line);
    assert.deepEqual(sorted, [
      { uri: uriOf('app.yaml'), range: range(APP, 'mysql-2.mysql.default.svc.cluster.local') },
      { uri: uriOf('app.yaml'), range: range(APP, 'data-mysql-1') },
      { uri: uriOf('clone.yaml'), range: range(CLONE, 'data-mysql-0') },
    ]);
  });

  test('rename a StatefulSet: its name and the set part of every pod, PVC and DNS name, in every file', async () => {
    const pos = positionOf(SETS, SET_NAME, 7);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('sets.yaml', pos));
    assert.equal(prepared.placeholder, 'mysql');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('sets.yaml', pos), newName: 'db' });
    const changes = edit.changes ?? {};
    assert.equal(applyEdits(SETS, changes[uriOf('sets.yaml')] ?? []), SETS.replace(SET_NAME, SET_NAME.replace('mysql', 'db')));
    assert.equal(applyEdits(APP, changes[uriOf('app.yaml')] ?? []), APP.replace('mysql-2.mysql', 'db-2.mysql').replace('data-mysql-1', 'data-db-1'));
    assert.equal(applyEdits(CLONE, changes[uriOf('clone.yaml')] ?? []), CLONE.replace('data-mysql-0', 'data-db-0'));
  });

  test('rename a claim template renames the PVC names made from it', async () => {
    const pos = positionOf(SETS, 'data\n    spec', 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('sets.yaml', pos), newName: 'pgdata' });
    assert.equal(applyEdits(APP, edit.changes?.[uriOf('app.yaml')] ?? []), APP.replace('data-mysql-1', 'pgdata-mysql-1'));
    assert.equal(applyEdits(CLONE, edit.changes?.[uriOf('clone.yaml')] ?? []), CLONE.replace('data-mysql-0', 'pgdata-mysql-0'));
  });

  test("rename a Service: the StatefulSets' serviceName and the subdomain of the pods' DNS names follow", async () => {
    const pos = positionOf(SETS, 'mysql', 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('sets.yaml', pos), newName: 'db' });
    assert.equal(applyEdits(SETS, edit.changes?.[uriOf('sets.yaml')] ?? []), SETS.replace('name: mysql\nspec:\n  clusterIP', 'name: db\nspec:\n  clusterIP').replace('serviceName: mysql', 'serviceName: db'));
    assert.equal(applyEdits(APP, edit.changes?.[uriOf('app.yaml')] ?? []), APP.replace('mysql-2.mysql.default', 'mysql-2.db.default'));
  });

  test('inlay hint on replicas: references in open files that a scale-down would orphan', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uriOf('sets.yaml') }, range: { start: { line: 0, character: 0 }, end: positionOf(SETS, 'storage: 1Gi', 12) } });
    const orphans = hints.filter((h) => String(h.label).includes('scale-down'));
    assert.deepEqual(orphans.map((h) => [h.position, h.label]), [[positionOf(SETS, 'replicas: 3', 11), '2 references a scale-down would orphan']]);
    assert.match(String(orphans[0].tooltip), /^Scaling to 2 leaves 1 reference dangling: mysql-2\.mysql\.default\.svc\.cluster\.local\nScaling to 1 leaves 2 references dangling/);
  });

  test('the preview lists, per pod and PVC, the references in open files; a scale-down names those it leaves dangling', async () => {
    const r = await client.request<IdentitiesResult | null>('statefulset/identities', { textDocument: { uri: uriOf('sets.yaml') } });
    const entry = r?.statefulSets[0];
    assert.ok(entry);
    assert.deepEqual(
      entry.references?.map((x) => [x.uri, x.line, x.text, x.context, x.names, x.exists]),
      [
        [uriOf('app.yaml'), 5, 'mysql-2.mysql.default.svc.cluster.local', 'ConfigMap data', ['mysql-2'], true],
        [uriOf('app.yaml'), 13, 'data-mysql-1', 'a VolumeSnapshot source', ['data-mysql-1'], true],
      ],
    );
    assert.deepEqual(danglingAfterScale(entry, 2).map((x) => x.text), ['mysql-2.mysql.default.svc.cluster.local']);
    assert.deepEqual(danglingAfterScale(entry, 1).map((x) => x.text), ['mysql-2.mysql.default.svc.cluster.local', 'data-mysql-1']);
  });

  test('scaling down in one file re-checks the references in another', async () => {
    const scaled = SETS.replace('replicas: 3', 'replicas: 2');
    const published = client.nextDiagnostics(uriOf('app.yaml'), { where: (p) => p.diagnostics.some((d) => d.code === 'reference-ordinal-out-of-range') });
    await client.change(uriOf('sets.yaml'), [{ text: scaled }]);
    const p = await published;
    const found = p.diagnostics.filter((d) => d.code === 'reference-ordinal-out-of-range');
    assert.deepEqual(found.map((d) => d.range), [range(APP, 'mysql-2.mysql.default.svc.cluster.local')]);
    assert.match(String(found[0].message), /has 2 replicas \(mysql-0 and mysql-1\): that pod does not exist/);
    const back = client.nextDiagnostics(uriOf('app.yaml'), { where: (q) => !q.diagnostics.some((d) => d.code === 'reference-ordinal-out-of-range') });
    await client.change(uriOf('sets.yaml'), [{ text: SETS }]);
    await back;
  });
});
