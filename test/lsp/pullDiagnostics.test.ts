/** Pull diagnostics (textDocument/diagnostic) for clients that announce them: no pushes then. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentitiesChangedParams } from '../../server/src/protocol';
import { LspClient } from './support/lspClient';
import { comparable, expectedFromCore, fixture, fullItems, memoryUri, sorted } from './support/expect';

describe('pull diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pullDiagnostics: true, settings: {} });
  });
  after(() => client.kill());

  test('the capability is announced only to pull clients', async () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'statefulset', interFileDependencies: true, workspaceDiagnostics: false });
    const push = await LspClient.start();
    try {
      assert.equal(push.initializeResult.capabilities.diagnosticProvider, undefined);
    } finally {
      push.kill();
    }
  });

  test('a report per document, "unchanged" for the same result, nothing pushed', async () => {
    const text = fixture('faulty.yaml');
    const uri = memoryUri('pulled.yaml');
    await client.open(uri, text);
    // The server tells the preview after each analysis, where a push would have gone out first.
    await client.nextNotification<IdentitiesChangedParams>('statefulset/identitiesChanged', (p) => p.uri === uri);
    const first = await client.pull(uri);
    assert.deepEqual(comparable(fullItems(first)), sorted(expectedFromCore(text)));
    assert.ok(fullItems(first).every((d) => d.source === 'statefulset'));
    assert.equal(client.diagnostics.pending.length, 0, 'no publishDiagnostics to a pull client');

    const again = await client.pull(uri, (first as { resultId?: string }).resultId);
    assert.equal(again.kind, 'unchanged');

    const version = await client.change(uri, [{ range: { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, text: 'namespace' }]);
    assert.equal(version, 2);
    const edited = await client.pull(uri, (first as { resultId?: string }).resultId);
    assert.ok(!fullItems(edited).some((d) => d.code === 'duplicate-key'));
    assert.equal(client.diagnostics.pending.length, 0);
  });

  test('a settings change asks the client to pull again (workspace/diagnostic/refresh)', async () => {
    const uri = memoryUri('refresh.yaml');
    await client.open(uri, fixture('faulty.yaml'));
    assert.ok(fullItems(await client.pull(uri)).some((d) => d.code === 'tab-indentation'));
    client.refreshes.clear();
    await client.setSettings({ rules: { 'tab-indentation': 'off' } });
    await client.refreshes.next((m) => m === 'workspace/diagnostic/refresh', 'workspace/diagnostic/refresh');
    assert.ok(!fullItems(await client.pull(uri)).some((d) => d.code === 'tab-indentation'));
  });

  test('a client that can pull but cannot be asked to refresh gets pushes instead', async () => {
    const other = await LspClient.start({ pullDiagnostics: true, diagnosticRefresh: false });
    try {
      assert.equal(other.initializeResult.capabilities.diagnosticProvider, undefined);
      const uri = memoryUri('pull-without-refresh.yaml');
      await other.open(uri, fixture('faulty.yaml'));
      assert.ok((await other.nextDiagnostics(uri)).diagnostics.some((d) => d.code === 'duplicate-key'));
    } finally {
      other.kill();
    }
  });

  test('a document that is not open gets an empty report', async () => {
    assert.deepEqual(fullItems(await client.pull(memoryUri('never-opened.yaml'))), []);
  });
});
