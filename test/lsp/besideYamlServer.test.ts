/**
 * Two servers on one file, as Helix or Neovim run them: yaml-language-server (the npm package,
 * started from node_modules) and ours, each over its own stdio, driven by the same LSP client
 * library. On a file with a duplicate key, an indenting tab and a syntax error, each server's
 * diagnostics are read per line: with `statefulset.yamlFindings: "leaveToYamlServer"` every one
 * of those problems is reported by exactly one server; with the default, by both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { RULE_METAS } from '../../server/src/core';
import { ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

/** Our rules whose findings any YAML parser makes too. */
const YAML_LEVEL_RULES = RULE_METAS.filter((m) => m.layer === 'yaml').map((m) => m.id);
const YAML_LANGUAGE_SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

/** 0-based lines of the three problems. */
const DUPLICATE_KEY = 4;
const TAB = 24;
const SYNTAX_ERROR = 29;
const TEXT = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
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
      containers:
        - name: nginx
          image: nginx:1.27
          readinessProbe: {httpGet: {path: /, port: 80}}
          resources: {requests: {cpu: 100m}}
---
apiVersion: v1
kind: Service
metadata:
  name: web
\tlabels: {app: web}
spec:
  clusterIP: None
---
apiVersion: v1
data: {a: [1, 2}
kind: ConfigMap
`;

/** yaml-language-server with its defaults, less the schema store it would fetch from the network. */
const YAML_SETTINGS = { validate: true, schemaStore: { enable: false }, schemas: {} };

function linesOf(diagnostics: readonly Diagnostic[], keep: (d: Diagnostic) => boolean): number[] {
  return diagnostics.filter(keep).map((d) => d.range.start.line);
}

describe('beside yaml-language-server', () => {
  const clients: LspClient[] = [];
  let yamlServer: LspClient;
  let theirs: PublishDiagnosticsParams;
  const uri = memoryUri('beside/web.yaml');

  before(async () => {
    yamlServer = await LspClient.start({ serverPath: YAML_LANGUAGE_SERVER, waitForIndex: false, sections: { yaml: YAML_SETTINGS, '[yaml]': {}, http: {}, editor: {}, files: {} } });
    clients.push(yamlServer);
    await yamlServer.open(uri, TEXT);
    theirs = await yamlServer.nextDiagnostics(uri, { where: (p) => p.diagnostics.length > 0 });
  });
  after(() => clients.forEach((c) => c.kill()));

  /** Our server's diagnostics for the file, with the `statefulset` section given. */
  async function ours(settings: Record<string, unknown>): Promise<Diagnostic[]> {
    const client = await LspClient.start({ settings });
    clients.push(client);
    await client.open(uri, TEXT);
    return (await client.nextDiagnostics(uri)).diagnostics;
  }

  test('yaml-language-server reports the duplicate key, the tab and the syntax error', () => {
    const lines = linesOf(theirs.diagnostics, (d) => d.severity === 1);
    for (const line of [DUPLICATE_KEY, TAB, SYNTAX_ERROR]) assert.ok(lines.includes(line), `line ${line + 1} in ${JSON.stringify(theirs.diagnostics)}`);
  });

  test('by default our server reports them too: each problem twice', async () => {
    const mine = await ours({});
    const lines = linesOf(mine, (d) => YAML_LEVEL_RULES.includes(String(d.code)));
    for (const line of [DUPLICATE_KEY, TAB, SYNTAX_ERROR]) assert.ok(lines.includes(line), `we report line ${line + 1}: ${JSON.stringify(mine)}`);
  });

  test('with yamlFindings: leaveToYamlServer each problem is reported by exactly one server', async () => {
    // The rules setting says otherwise; the YAML server beside us still gets them.
    const mine = await ours({ yamlFindings: 'leaveToYamlServer', rules: { 'duplicate-key': 'warning' } });
    for (const line of [DUPLICATE_KEY, TAB, SYNTAX_ERROR]) {
      const reporters = [theirs.diagnostics, mine].filter((ds) => ds.some((d) => d.range.start.line === line && (d.severity === 1 || d.severity === 2))).length;
      assert.equal(reporters, 1, `line ${line + 1}: ours ${JSON.stringify(mine)}`);
    }
    assert.ok(!mine.some((d) => YAML_LEVEL_RULES.includes(String(d.code))));
    // The StatefulSet's own checks go on: its Service is found, it has no budget.
    assert.ok(mine.some((d) => d.code === 'pdb-missing'), JSON.stringify(mine));
    assert.ok(!mine.some((d) => d.code === 'service-not-found'));
  });

  test('a value the server does not know is logged, and the findings stay', async () => {
    const client = await LspClient.start({ settings: { yamlFindings: 'elsewhere' } });
    clients.push(client);
    await client.open(uri, TEXT);
    const { diagnostics } = await client.nextDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'));
    assert.ok(client.logs.some((l) => l.includes('statefulset.yamlFindings')), client.logs.join('\n'));
  });
});
