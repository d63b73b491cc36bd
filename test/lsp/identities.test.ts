/** The custom `statefulset/identities` request and `statefulset/identitiesChanged` notification. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentitiesChangedParams, IdentitiesResult, IdentitiesSummaryResult } from '../../server/src/protocol';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const TWO = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector: {app: web}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: nginx, image: nginx}]
  volumeClaimTemplates:
    - metadata: {name: www}
      spec: {accessModes: [ReadWriteOncePod], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers: [{name: pg, image: postgres}]
`;

const ids = (client: LspClient, uri: string, position?: { line: number; character: number }): Promise<IdentitiesResult | null> =>
  client.request<IdentitiesResult | null>('statefulset/identities', { textDocument: { uri }, position });

describe('statefulset/identities', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { defaultNamespace: 'prod', clusterDomain: 'example.org' } });
  });
  after(() => client.kill());

  test('the model of every StatefulSet in the document, with the settings that shaped it', async () => {
    const uri = memoryUri('identities.yaml');
    await client.open(uri, TWO);
    const r = await ids(client, uri);
    assert.ok(r);
    assert.equal(r.uri, uri);
    assert.equal(r.version, 1);
    assert.equal(r.defaultNamespace, 'prod');
    assert.equal(r.clusterDomain, 'example.org');
    assert.deepEqual(r.statefulSets.map((e) => e.identity.name), ['web', 'db']);
    const [web, db] = r.statefulSets;
    assert.deepEqual(web.identity.pods.map((p) => p.name), ['web-0', 'web-1', 'web-2']);
    assert.equal(web.identity.pods[1].fqdn, 'web-1.web.prod.svc.example.org');
    assert.deepEqual(web.identity.pods[2].pvcs.map((p) => p.name), ['www-web-2']);
    assert.deepEqual(web.service, { name: 'web', found: true, headless: true, uri });
    assert.equal(db.identity.namespace, 'data');
    assert.equal(db.service, undefined);
  });

  test('a position picks the StatefulSet around it', async () => {
    const uri = memoryUri('identities-position.yaml');
    await client.open(uri, TWO);
    const line = TWO.split('\n').indexOf('  namespace: data');
    const r = await ids(client, uri, { line, character: 5 });
    assert.deepEqual(r?.statefulSets.map((e) => e.identity.name), ['db']);
    const none = await ids(client, uri, { line: 2, character: 2 });
    assert.deepEqual(none?.statefulSets, [], 'inside the Service: no StatefulSet');
  });

  test('identitiesChanged after each re-analysis, with the version; a later request sees the edit', async () => {
    const uri = memoryUri('identities-changed.yaml');
    await client.open(uri, TWO);
    await client.nextNotification<IdentitiesChangedParams>('statefulset/identitiesChanged', (p) => p.uri === uri && p.version === 1);
    const line = TWO.split('\n').indexOf('  replicas: 3');
    const version = await client.change(uri, [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, text: '5' }]);
    const changed = await client.nextNotification<IdentitiesChangedParams>('statefulset/identitiesChanged', (p) => p.uri === uri);
    assert.deepEqual(changed, { uri, version, summary: { statefulSets: 2, pods: 7, first: [{ name: 'web', replicas: 5 }, { name: 'db', replicas: 2 }] } });
    const r = await ids(client, uri);
    assert.equal(r?.version, version);
    assert.equal(r?.statefulSets[0].identity.pods.length, 5);
  });

  test('the last StatefulSet going away is announced once, so a preview can empty itself', async () => {
    const uri = memoryUri('identities-gone.yaml');
    await client.open(uri, TWO);
    await client.nextNotification<IdentitiesChangedParams>('statefulset/identitiesChanged', (p) => p.uri === uri && p.version === 1);
    const v2 = await client.change(uri, [{ text: 'kind: ConfigMap\n' }]);
    const gone = { uri, version: v2, summary: { statefulSets: 0, pods: 0, first: [] } };
    assert.deepEqual(await client.nextNotification('statefulset/identitiesChanged', (p: IdentitiesChangedParams) => p.uri === uri), gone);
    assert.deepEqual((await ids(client, uri))?.statefulSets, []);
  });

  test('a document that is not open: null', async () => {
    assert.equal(await ids(client, memoryUri('not-open.yaml')), null);
    assert.equal(await client.request('statefulset/identitiesSummary', { textDocument: { uri: memoryUri('not-open.yaml') } }), null);
  });

  test('one StatefulSet asked for: that one in full, the others by name; a moved name is followed', async () => {
    const uri = memoryUri('identities-one.yaml');
    await client.open(uri, TWO);
    const r = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri }, statefulSet: { index: 1 } });
    assert.deepEqual(r.statefulSets.map((e) => e.identity.name), ['db']);
    assert.deepEqual(r.choices?.map((c) => [c.index, c.name, c.replicas]), [[0, 'web', 3], [1, 'db', 2]]);
    const moved = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri }, statefulSet: { index: 0, name: 'db' } });
    assert.deepEqual(moved.statefulSets.map((e) => e.identity.index), [1]);
    const past = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri }, statefulSet: { index: 7 } });
    assert.deepEqual(past.statefulSets.map((e) => e.identity.name), ['db'], 'past the end: the last one, as the preview shows it');
  });

  test('the summary for a status bar: counts and the first names, no pods', async () => {
    const uri = memoryUri('identities-summary.yaml');
    await client.open(uri, TWO);
    const s = await client.request<IdentitiesSummaryResult>('statefulset/identitiesSummary', { textDocument: { uri } });
    assert.deepEqual(s, { uri, version: 1, statefulSets: 2, pods: 5, first: [{ name: 'web', replicas: 3 }, { name: 'db', replicas: 2 }] });
  });

  test('a whole-file answer lists at most maxPods pods in all, and says so where it cut', async () => {
    const uri = memoryUri('identities-cap.yaml');
    const db = TWO.slice(TWO.lastIndexOf('---'));
    const big = (TWO + db.replace('name: db', 'name: db2')).replace('replicas: 3', 'replicas: 1500').replaceAll('replicas: 2', 'replicas: 1200');
    await client.open(uri, big);
    const r = await ids(client, uri);
    assert.ok(r?.maxPods);
    assert.deepEqual(r.statefulSets.map((e) => e.identity.pods.length), [1000, 1000, r.maxPods - 2000]);
    const last = r.statefulSets[2].identity;
    assert.equal(last.truncated, true);
    assert.ok(last.notes.some((n) => n.includes(`at most ${r.maxPods} pods`)), last.notes.join('\n'));
    const many = memoryUri('identities-many.yaml');
    const sets = Array.from({ length: 101 }, (_, i) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s${i}}\nspec: {replicas: 0}\n`).join('---\n');
    await client.open(many, sets);
    const m = await ids(client, many);
    assert.equal(m?.statefulSets.length, 100);
    assert.equal(m?.choices?.length, 101, 'the sets not described are named');
    const alone = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri }, statefulSet: { index: 1 } });
    assert.equal(alone.statefulSets[0].identity.pods.length, 1000, 'asked for alone, a set gets the per-set cap');
  });
});
