/**
 * Inlay hints for long names, as VS Code shows them: it cuts the hints of one line past
 * `editor.inlayHints.maximumLength` characters (43 by default) from the end, so a label longer
 * than that lost its last ordinal (`…ng-descriptive-name-0 … …ng-descriptive-na…`). The server keeps
 * each label within the limit, cutting the names' common start, and the tooltip has them whole.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

/** VS Code's default `editor.inlayHints.maximumLength`. */
const VSCODE_INLAY_HINT_LIMIT = 43;
const LONG = 'orders-database-primary-with-a-far-too-long-descriptive-name';

describe('inlay hints for long names', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  for (const replicas of [2, 3, 120]) {
    test(`${replicas} pods of ${LONG}: labels fit VS Code's limit, ending in the last ordinal; the tooltip names them whole`, async () => {
      const text = readFileSync(join(ROOT, 'examples', 'mistakes.yaml'), 'utf8').replace('replicas: 3', `replicas: ${replicas}`);
      assert.ok(text.includes(`name: ${LONG}`));
      const uri = memoryUri(`long-${replicas}.yaml`);
      await client.open(uri, text);
      await client.nextDiagnostics(uri, { version: 1 });
      const lines = text.split('\n').length;
      const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
      const mine = hints.filter((h) => String(h.tooltip).includes(LONG));
      assert.ok(mine.length >= 2, JSON.stringify(hints));
      const last = replicas - 1;
      for (const h of mine) {
        const label = String(h.label);
        assert.ok(label.length <= VSCODE_INLAY_HINT_LIMIT, `${label.length} characters: ${label}`);
        assert.match(label, new RegExp(`-${last}$`));
        assert.match(String(h.tooltip), new RegExp(`${LONG}-0 to .*${LONG}-${last}`));
      }
    });
  }
});
