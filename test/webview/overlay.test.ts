/**
 * The preview of a kustomization: the language server (the bundled one, over stdio) answers
 * `statefulset/identities` on the overlay's kustomization.yaml with what the overlay builds, and
 * the page (headless Chromium) draws the names its namePrefix gave.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { modelMessage } from '../../client/src/preview/messages';
import type { IdentitiesResult } from '../../server/src/protocol';
import { LspClient } from '../lsp/support/lspClient';
import { FIXTURES } from '../support/paths';
import { launch, open, serve, type Site } from './support/harness';

const WORKSPACE = join(FIXTURES, 'diagnostics', 'kustomize', 'built.workspace');
const PREFIX = 'production-eu-west-1-primary-cluster-postgres-database-';

let browser: Browser | undefined;
let unavailable = '';
let site: Site;
let client: LspClient;

before(async () => {
  site = await serve();
  const b = await launch();
  if (typeof b === 'string') unavailable = b;
  else browser = b;
  client = await LspClient.start({ workspaceFolders: [pathToFileURL(WORKSPACE).href] });
});

after(async () => {
  client?.kill();
  await browser?.close();
  await site.close();
});

test('the preview of an overlay draws the pods, claims and DNS names its namePrefix gave', async (t) => {
  const file = join(WORKSPACE, 'overlay', 'kustomization.yaml');
  const uri = pathToFileURL(file).href;
  await client.open(uri, readFileSync(file, 'utf8'));
  const result = await client.request<IdentitiesResult | null>('statefulset/identities', { textDocument: { uri } });
  assert.ok(result && result.overlay, 'the server answers with the built overlay');
  if (!browser) {
    if (process.env.CI) assert.fail(`The webview tests need Chromium in CI: ${unavailable}`);
    t.skip(`Chromium cannot run here: ${unavailable}`);
    return;
  }
  const p = await open(browser, site);
  await p.send(modelMessage(result, 'kustomization.yaml', 0));
  assert.equal(await p.page.locator('h1').textContent(), `${PREFIX}db`);
  assert.deepEqual(await p.text('.pod-name'), [0, 1, 2].map((i) => `${PREFIX}db-${i}`));
  assert.deepEqual(await p.text('.pod .pvc-name'), [0, 1, 2].map((i) => `data-${PREFIX}db-${i}`));
  assert.match((await p.page.locator('.block-notes').textContent()) ?? '', /The overlay overlay as built/);
  assert.deepEqual(p.errors, [], 'no script errors in the page');
  await p.page.close();
});
