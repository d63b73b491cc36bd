/** The custom `statefulset/identities` request and `statefulset/identitiesChanged` notification. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentitiesChangedParams, IdentitiesResult } from '../../server/src/protocol';
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
    assert.deepEqual(changed, { uri, version });
    const r = await ids(client, uri);
    assert.equal(r?.version, version);
    assert.equal(r?.statefulSets[0].identity.pods.length, 5);
  });

  test('the last StatefulSet going away is announced once, so a preview can empty itself', async () => {
    const uri = memoryUri('identities-gone.yaml');
    await client.open(uri, TWO);
    await client.nextNotification<IdentitiesChangedParams>('statefulset/identitiesChanged', (p) => p.uri === uri && p.version === 1);
    const v2 = await client.change(uri, [{ text: 'kind: ConfigMap\n' }]);
    assert.deepEqual(await client.nextNotification('statefulset/identitiesChanged', (p: IdentitiesChangedParams) => p.uri === uri), { uri, version: v2 });
    assert.deepEqual((await ids(client, uri))?.statefulSets, []);
  });

  test('a document that is not open: null', async () => {
    assert.equal(await ids(client, memoryUri('not-open.yaml')), null);
  });
});
