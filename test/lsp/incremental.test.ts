/**
 * The server's incremental path (ranged didChange edits, the document's chunk cache, reused
 * workspace findings) publishes exactly what a fresh open of the final text publishes. Random
 * edits with a fixed seed over a realistic multi-document file, `---` lines included.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core';
import { applyReplacement, editArb, manyDocuments, replacementOf, SEED } from '../support/randomEdits';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

describe('incremental edits', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  test('random didChange edits publish what a fresh open of the final text publishes, and give its symbols and identities', async () => {
    const base = manyDocuments();
    let run = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }), async (batches) => {
        run++;
        // One URI for both: fix data names the file, and a close drops the document's caches.
        const uri = memoryUri(`edited-${run}.yaml`);
        let text = base;
        await client.open(uri, text);
        let version = 1;
        for (const batch of batches) {
          // Several changes in one notification apply in order, each to the text the previous left.
          const changes: TextDocumentContentChangeEvent[] = [];
          for (const e of batch) {
            const r = replacementOf(text, e);
            const lines = new LineIndex(text);
            changes.push({ range: { start: lines.positionAt(r.start), end: lines.positionAt(r.end) }, text: r.text });
            text = applyReplacement(text, r);
          }
          version = await client.change(uri, changes);
          // Asked after every change, so the symbols made per chunk are reused and moved.
          await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        }
        const incremental = await client.nextDiagnostics(uri, { version });
        const views = async (): Promise<unknown> => [
          await client.request('textDocument/documentSymbol', { textDocument: { uri } }),
          ((await client.request<{ statefulSets: unknown[] }>('statefulset/identities', { textDocument: { uri } })) ?? { statefulSets: [] }).statefulSets,
        ];
        const incrementalViews = await views();
        await client.close(uri);
        await client.nextDiagnostics(uri, { where: (p) => p.diagnostics.length === 0 && p.version === undefined });
        // What the first open published is still queued under version 1 too.
        client.diagnostics.clear();
        await client.open(uri, text);
        const reference = await client.nextDiagnostics(uri, { version: 1 });
        const referenceViews = await views();
        await client.close(uri);
        await client.nextDiagnostics(uri, { where: (p) => p.diagnostics.length === 0 && p.version === undefined });
        if (reference.diagnostics.length > 0) compared++;
        assert.deepEqual(incremental.diagnostics, reference.diagnostics, `run ${run}: ${JSON.stringify(batches)}`);
        assert.deepEqual(incrementalViews, referenceViews, `symbols and identities, run ${run}: ${JSON.stringify(batches)}`);
      }),
      { seed: SEED, numRuns: 25 },
    );
    // Equal empty lists would prove little: most runs must have had findings to compare.
    assert.ok(compared >= 20, `only ${compared} of ${run} runs had diagnostics`);
  });
});
