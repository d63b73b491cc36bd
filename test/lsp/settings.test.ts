/** `statefulset.*` settings: per resource through workspace/configuration, pushed, or from initializationOptions. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentitiesResult } from '../../server/src/protocol';
import { LspClient } from './support/lspClient';
import { comparable, expectedFromCore, fixture, memoryUri, sorted } from './support/expect';

const RWO_CLAIM = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;

describe('settings', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));
  const start = async (...args: Parameters<typeof LspClient.start>): Promise<LspClient> => {
    const c = await LspClient.start(...args);
    clients.push(c);
    return c;
  };

  test('statefulset.rules: a rule turned off disappears, a severity override applies', async () => {
    const client = await start({ settings: {} });
    const uri = memoryUri('rules.yaml');
    const text = fixture('faulty.yaml');
    await client.open(uri, text);
    const before = await client.nextDiagnostics(uri);
    assert.ok(before.diagnostics.some((d) => d.code === 'duplicate-key'));
    assert.ok(client.configurationRequests.includes(uri), 'settings were asked for this document');

    const rules = { 'duplicate-key': 'off', 'tab-indentation': 'warning' } as const;
    await client.setSettings({ rules });
    const after = await client.nextDiagnostics(uri, { where: (p) => !p.diagnostics.some((d) => d.code === 'duplicate-key') });
    assert.equal(after.diagnostics.find((d) => d.code === 'tab-indentation')?.severity, 2);
    assert.deepEqual(comparable(after.diagnostics), sorted(expectedFromCore(text, { rules })));
  });

  test('statefulset.kubernetesVersion: version-bound rules and identities follow it', async () => {
    const client = await start({ settings: { kubernetesVersion: '1.27' } });
    const uri = memoryUri('version.yaml');
    await client.open(uri, RWO_CLAIM);
    const old = await client.nextDiagnostics(uri);
    assert.deepEqual(comparable(old.diagnostics), sorted(expectedFromCore(RWO_CLAIM, { kubernetesVersion: '1.27' })));
    assert.ok(!old.diagnostics.some((d) => d.code === 'prefer-read-write-once-pod'), 'no ReadWriteOncePod advice before 1.29');
    const oldIds = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri } });
    assert.equal(oldIds.statefulSets[0].identity.pods[0].controllerLabels['apps.kubernetes.io/pod-index'], undefined);

    await client.setSettings({ kubernetesVersion: 'latest' });
    const latest = await client.nextDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.code === 'prefer-read-write-once-pod') });
    assert.deepEqual(comparable(latest.diagnostics), sorted(expectedFromCore(RWO_CLAIM)));
    const ids = await client.request<IdentitiesResult>('statefulset/identities', { textDocument: { uri } });
    assert.equal(ids.statefulSets[0].identity.pods[0].controllerLabels['apps.kubernetes.io/pod-index'], '0');
  });

  test('settings are per resource: each document gets the answer for its own URI', async () => {
    const strict = memoryUri('team-a/sts.yaml');
    const lax = memoryUri('team-b/sts.yaml');
    const client = await start({ settings: (scope) => (scope?.includes('team-b') ? { rules: { 'duplicate-key': 'off' } } : {}) });
    const text = fixture('faulty.yaml');
    await client.open(strict, text);
    await client.open(lax, text);
    const [a, b] = await Promise.all([client.nextDiagnostics(strict), client.nextDiagnostics(lax)]);
    assert.ok(a.diagnostics.some((d) => d.code === 'duplicate-key'));
    assert.ok(!b.diagnostics.some((d) => d.code === 'duplicate-key'));
  });

  test('a client without workspace/configuration: initializationOptions, then pushed settings', async () => {
    const client = await start({ configuration: false, initializationOptions: { statefulset: { rules: { 'duplicate-key': 'off' } } } });
    const uri = memoryUri('pushed.yaml');
    await client.open(uri, fixture('faulty.yaml'));
    const first = await client.nextDiagnostics(uri);
    assert.ok(!first.diagnostics.some((d) => d.code === 'duplicate-key'));
    assert.ok(first.diagnostics.some((d) => d.code === 'tab-indentation'));
    await client.setSettings(undefined, { statefulset: { rules: { 'tab-indentation': 'off' } } });
    const second = await client.nextDiagnostics(uri, { where: (p) => !p.diagnostics.some((d) => d.code === 'tab-indentation') });
    assert.ok(second.diagnostics.some((d) => d.code === 'duplicate-key'), 'the pushed settings replace the initial ones');
    assert.deepEqual(client.configurationRequests, []);
  });

  test('a settings change asks clients that can refresh them for inlay hints and code lenses again', async () => {
    const client = await start({ settings: {}, viewRefresh: true });
    const uri = memoryUri('views.yaml');
    await client.open(uri, RWO_CLAIM);
    await client.nextDiagnostics(uri);
    await client.setSettings({ defaultNamespace: 'shop' });
    await client.refreshes.next((m) => m === 'workspace/inlayHint/refresh', 'workspace/inlayHint/refresh');
    await client.refreshes.next((m) => m === 'workspace/codeLens/refresh', 'workspace/codeLens/refresh');
  });

  test('invalid values are reported in the log; the valid parts still apply', async () => {
    const client = await start({ settings: { rules: { 'duplicate-key': 'loud', 'tab-indentation': 'off' }, kubernetesVersion: 'banana', maxFileSize: -3 } });
    const uri = memoryUri('invalid.yaml');
    await client.open(uri, fixture('faulty.yaml'));
    const { diagnostics } = await client.nextDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key' && d.severity === 1), 'an unknown severity keeps the default');
    assert.ok(!diagnostics.some((d) => d.code === 'tab-indentation'));
    assert.ok(client.logs.some((l) => l.includes('statefulset.rules.duplicate-key')), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => l.includes('statefulset.kubernetesVersion')));
  });
});
