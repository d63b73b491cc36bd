/** Hovers come as markdown unless the client asks for plain text only (eglot without markdown-mode). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';
import { positionOf } from './support/positions';

const TEXT = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  serviceName: web\n';

for (const formats of [undefined, ['plaintext'] as const, ['markdown', 'plaintext'] as const]) {
  test(`hover with contentFormat ${JSON.stringify(formats ?? 'unset')}`, async () => {
    const client = await LspClient.start({ hoverFormats: formats ? [...formats] : undefined });
    try {
      const uri = memoryUri('hover-format.yaml');
      await client.open(uri, TEXT);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, 'replicas') });
      const contents = hover.contents as MarkupContent;
      const plain = formats !== undefined && !formats.includes('markdown' as never);
      assert.equal(contents.kind, plain ? 'plaintext' : 'markdown');
      assert.match(contents.value, /web-0/);
      if (plain) assert.doesNotMatch(contents.value, /\*\*|`|```/);
    } finally {
      client.kill();
    }
  });
}
