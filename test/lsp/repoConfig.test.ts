/**
 * `.statefulset-tools.yaml` in the language server: found upwards from a document, combined with
 * the editor's settings (the file wins for what it names), watched (saved on disk, or edited and
 * not saved), `exclude`, and completion, hover and diagnostics inside the file itself.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type CompletionList, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from './support/lspClient';

/** Three replicas, no PodDisruptionBudget, no readiness probe: pdb-missing and readiness-probe-missing (hints by default). */
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: {requests: {cpu: 100m}}
`;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => `${String(d.code)}:${d.severity}`);
const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const hasNot = (code: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);

describe('repository configuration file', () => {
  const root = mkdtempSync(join(tmpdir(), 'sts-lsp-config-'));
  const clients: LspClient[] = [];
  after(() => {
    clients.forEach((c) => c.kill());
    rmSync(root, { recursive: true, force: true });
  });
  const repo = (name: string, config: string, files: Record<string, string>): { dir: string; uri: (rel: string) => string } => {
    const dir = join(root, name);
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.statefulset-tools.yaml'), config);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return { dir, uri: (rel) => pathToFileURL(join(dir, rel)).href };
  };
  const start = async (folder: string, settings: Record<string, unknown> = {}): Promise<LspClient> => {
    const c = await LspClient.start({ workspaceFolders: [pathToFileURL(folder).href], settings });
    clients.push(c);
    return c;
  };

  test('found upwards from the document; its rules win over the editor settings it names, the editor fills in the rest', async () => {
    const r = repo('combine', 'rules:\n  pdb-missing: warning\n', { 'apps/web/sts.yaml': STS });
    const client = await start(r.dir, { rules: { 'pdb-missing': 'off', 'readiness-probe-missing': 'off' } });
    const uri = r.uri('apps/web/sts.yaml');
    await client.open(uri, STS);
    const d = await client.nextDiagnostics(uri);
    assert.ok(codes(d).includes('pdb-missing:2'), `the file's warning wins over the editor's off: ${codes(d).join(', ')}`);
    assert.ok(!codes(d).some((c) => c.startsWith('readiness-probe-missing')), 'the editor setting still applies to a rule the file does not name');
  });

  test('saving the file on disk re-checks open documents; so does editing it unsaved, and closing it goes back to the disk', async () => {
    const r = repo('watch', 'rules: {pdb-missing: off}\n', { 'sts.yaml': STS });
    const client = await start(r.dir);
    const uri = r.uri('sts.yaml');
    await client.open(uri, STS);
    assert.ok(hasNot('pdb-missing')(await client.nextDiagnostics(uri)));

    writeFileSync(join(r.dir, '.statefulset-tools.yaml'), 'rules: {pdb-missing: error}\n');
    await client.filesChanged([{ uri: r.uri('.statefulset-tools.yaml'), type: FileChangeType.Changed }]);
    const saved = await client.nextDiagnostics(uri, { where: has('pdb-missing') });
    assert.ok(codes(saved).includes('pdb-missing:1'), codes(saved).join(', '));

    const configUri = r.uri('.statefulset-tools.yaml');
    await client.open(configUri, 'rules: {pdb-missing: error}\n');
    await client.change(configUri, [{ text: 'rules: {pdb-missing: off}\n' }]);
    await client.nextDiagnostics(uri, { where: hasNot('pdb-missing') });

    await client.close(configUri);
    await client.nextDiagnostics(uri, { where: has('pdb-missing') });

    rmSync(join(r.dir, '.statefulset-tools.yaml'));
    await client.filesChanged([{ uri: configUri, type: FileChangeType.Deleted }]);
    const gone = await client.nextDiagnostics(uri, { where: (p) => codes(p).includes('pdb-missing:4') });
    assert.ok(gone, 'the default severity (hint) again');
  });

  test('overrides per path and exclude', async () => {
    const config = 'kubernetesVersion: "1.27"\nexclude: ["vendor/**"]\noverrides:\n  - files: ["prod/**"]\n    rules: {readiness-probe-missing: error}\n';
    const r = repo('overrides', config, { 'prod/sts.yaml': STS, 'dev/sts.yaml': STS, 'vendor/sts.yaml': STS });
    const client = await start(r.dir);
    for (const rel of ['prod/sts.yaml', 'dev/sts.yaml', 'vendor/sts.yaml']) await client.open(r.uri(rel), STS);
    assert.ok(codes(await client.nextDiagnostics(r.uri('prod/sts.yaml'))).includes('readiness-probe-missing:1'));
    assert.ok(codes(await client.nextDiagnostics(r.uri('dev/sts.yaml'))).includes('readiness-probe-missing:4'));
    assert.deepEqual((await client.nextDiagnostics(r.uri('vendor/sts.yaml'))).diagnostics, [], 'an excluded file gets no diagnostics');
  });

  test('diagnostics in the configuration file, at the exact key or value; fixed, they go away', async () => {
    const r = repo('bad', 'rules: {}\n', {});
    const client = await start(r.dir);
    const configUri = r.uri('.statefulset-tools.yaml');
    const text = 'rules:\n  pdb-mising: off\n  readiness-probe-missing: warn\nkubernetesVersion: 1.30\n';
    await client.open(configUri, text);
    const d = await client.nextDiagnostics(configUri, { where: (p) => p.diagnostics.length > 0 });
    assert.deepEqual(
      d.diagnostics.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
      [
        ['config-invalid', 1, 1, 2, 12],
        ['config-invalid', 1, 2, 27, 31],
        ['config-invalid', 1, 3, 19, 23],
      ],
    );
    assert.match(JSON.stringify(d.diagnostics[0].message), /Did you mean \\"pdb-missing\\"/);
    await client.change(configUri, [{ text: 'rules:\n  pdb-missing: off\n' }]);
    await client.nextDiagnostics(configUri, { where: (p) => p.diagnostics.length === 0 });
  });

  test('completion and hover inside the configuration file', async () => {
    const r = repo('features', 'rules: {}\n', {});
    const client = await start(r.dir);
    const configUri = r.uri('.statefulset-tools.yaml');
    const text = 'rules:\n  pdb-missing: of\n  \nkubernetesVersion: "1.30"\n';
    await client.open(configUri, text);
    const ruleIds = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: configUri }, position: { line: 2, character: 2 } });
    const pdb = ruleIds.items.find((i) => i.label === 'readiness-probe-missing');
    assert.ok(pdb, 'rule ids are offered under rules');
    assert.equal(pdb.detail, 'hint by default');
    assert.ok(!ruleIds.items.some((i) => i.label === 'pdb-missing'), 'a rule already set is not offered again');
    const severities = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: configUri }, position: { line: 1, character: 16 } });
    assert.deepEqual(severities.items.map((i) => i.label), ['error', 'warning', 'info', 'hint', 'off']);
    const keys = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: configUri }, position: { line: 4, character: 0 } });
    assert.deepEqual(keys.items.map((i) => i.label).sort(), ['clusterDomain', 'defaultNamespace', 'exclude', 'overrides', 'reportUnusedDisableDirectives', 'yamlFindings']);

    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: configUri }, position: { line: 1, character: 4 } });
    assert.match(JSON.stringify(hover.contents), /pdb-missing.*hint by default.*PodDisruptionBudget/);
    const keyHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: configUri }, position: { line: 3, character: 3 } });
    assert.match(JSON.stringify(keyHover.contents), /Kubernetes release/);
  });
});
