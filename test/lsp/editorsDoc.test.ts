/**
 * docs/editors.md against the server: the settings it documents, in the shapes the editors send
 * them (Neovim and eglot answer workspace/configuration with the section; Helix also sends its
 * `config` table, section included, as initializationOptions), do what the page says.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_METAS } from '../../server/src/core';
import { ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const page = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');
const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(page)?.[1] ?? 'null') as { kubernetesVersion: string; rules: Record<string, string> };

/** No Service, no budget, no requests: the advice rules the page's example tunes all apply. */
const BARE = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  serviceName: web
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

describe('docs/editors.md', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  test('every rule id in the page exists', () => {
    const ids = new Set(RULE_METAS.map((m) => m.id));
    const mentioned = [...page.matchAll(/["':[]([a-z]+(?:-[a-z]+)+)["'\]]*\s*[=:]?\s*["'](?:off|error|warning|info|hint)["']/g)].map((m) => m[1]);
    assert.ok(mentioned.length >= 4, `found ${mentioned.join(', ')}`);
    for (const id of mentioned) assert.ok(ids.has(id), `${id} is not a rule`);
  });

  for (const [editor, options] of [
    ['Neovim and eglot: workspace/configuration', { settings: documented }],
    ['Helix: workspace/configuration and initializationOptions', { settings: documented, initializationOptions: { statefulset: documented } }],
    ['a client without workspace/configuration', { configuration: false, initializationOptions: { statefulset: documented } }],
  ] as const) {
    test(`the documented settings apply (${editor})`, async () => {
      const client = await LspClient.start(options);
      clients.push(client);
      const uri = memoryUri(`editors-${clients.length}.yaml`);
      await client.open(uri, BARE);
      const { diagnostics } = await client.nextDiagnostics(uri);
      assert.ok(!diagnostics.some((d) => d.code === 'pdb-missing'), 'pdb-missing is off');
      const requests = diagnostics.filter((d) => d.code === 'resource-requests-missing');
      assert.ok(requests.length > 0 && requests.every((d) => d.severity === 3), 'resource-requests-missing is info');
      assert.ok(diagnostics.some((d) => d.code === 'service-not-found'), 'the other rules still run');
    });
  }
});
