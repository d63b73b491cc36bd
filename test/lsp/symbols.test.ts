/** Document symbols: objects, and a StatefulSet's containers and claim templates, with exact ranges. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Position, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { positionOf } from './support/positions';
import { LspClient } from './support/lspClient';
import { fixture, memoryUri } from './support/expect';

const range = (start: Position, end: Position) => ({ start, end });

describe('document symbols', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  test('each object, and under a StatefulSet its containers and claim templates', async () => {
    const text = fixture('clean.yaml');
    const uri = memoryUri('symbols.yaml');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [
      ['Service/web', SymbolKind.Class],
      ['PodDisruptionBudget/web', SymbolKind.Class],
      ['StatefulSet/web', SymbolKind.Class],
    ]);
    const [svc, , sts] = symbols;
    const nameValue = (nth: number) => range(positionOf(text, '  name: web', 8, nth), positionOf(text, '  name: web', 11, nth));
    // An object runs from its first key to the end of its last value.
    assert.deepEqual(svc.range, range(positionOf(text, 'apiVersion'), positionOf(text, '      port: 80', 14)));
    assert.deepEqual(svc.selectionRange, nameValue(0));
    assert.deepEqual(sts.range, range(positionOf(text, 'apiVersion', 0, 2), positionOf(text, 'storage: 1Gi', 12)));
    assert.deepEqual(sts.selectionRange, nameValue(2));

    assert.deepEqual(sts.children?.map((c) => [c.name, c.detail, c.kind]), [
      ['nginx', 'container', SymbolKind.Object],
      ['www', 'volume claim template', SymbolKind.Field],
    ]);
    const [container, claim] = sts.children ?? [];
    assert.deepEqual(container.range, range(positionOf(text, 'name: nginx'), positionOf(text, 'mountPath: /usr/share/nginx/html', 32)));
    assert.deepEqual(container.selectionRange, range(positionOf(text, 'nginx'), positionOf(text, 'nginx', 5)));
    assert.deepEqual(claim.range, range(positionOf(text, 'metadata:\n        name: www'), positionOf(text, 'storage: 1Gi', 12)));
    assert.deepEqual(claim.selectionRange, range(positionOf(text, 'name: www', 6, 1), positionOf(text, 'name: www', 9, 1)));
  });

  test('objects inside a kind: List, and init containers', async () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: cache, namespace: ops}
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox}]
          containers: [{name: redis, image: redis}]
`;
    const uri = memoryUri('list.yaml');
    await client.open(uri, text);
    const [sts] = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(sts.name, 'StatefulSet/cache');
    assert.equal(sts.detail, 'ops');
    assert.deepEqual(sts.range.start, positionOf(text, 'apiVersion: apps/v1'));
    assert.deepEqual(sts.children?.map((c) => `${c.detail}:${c.name}`), ['init container:init', 'container:redis']);
  });

  test('a file without a StatefulSet has no symbols from us', async () => {
    const uri = memoryUri('deployment-symbols.yaml');
    await client.open(uri, fixture('deployment.yaml'));
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });

  test('clients without hierarchical symbols get a flat list with container names', async () => {
    const flat = await LspClient.start({ hierarchicalSymbols: false });
    try {
      const text = fixture('clean.yaml');
      const uri = memoryUri('flat.yaml');
      await flat.open(uri, text);
      const symbols = await flat.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((s) => [s.name, s.containerName]), [
        ['Service/web', undefined],
        ['PodDisruptionBudget/web', undefined],
        ['StatefulSet/web', undefined],
        ['nginx', 'StatefulSet/web'],
        ['www', 'StatefulSet/web'],
      ]);
      assert.deepEqual(symbols[2].location, { uri, range: range(positionOf(text, 'apiVersion', 0, 2), positionOf(text, 'storage: 1Gi', 12)) });
    } finally {
      flat.kill();
    }
  });
});
