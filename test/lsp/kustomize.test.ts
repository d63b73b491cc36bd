/**
 * Kustomize in the language server: kustomization files (also `Kustomization`, with no extension)
 * are read by the workspace scan and the file watcher; the files they name are checked as patches,
 * a change of a kustomization re-checks them, inline patches get diagnostics in the kustomization,
 * and hover on a patch's metadata.name says what it patches.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Hover, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { FIXTURES } from '../support/paths';
import { fixture } from './support/expect';
import { LspClient } from './support/lspClient';

/** A whole StatefulSet with its Service and budget; hover must find its metadata.name line. */
const BASE_STS = fixture('clean.yaml');
const BASE_NAME_LINE = BASE_STS.slice(0, BASE_STS.indexOf('  name: web', BASE_STS.indexOf('kind: StatefulSet'))).split('\n').length;

/** A partial StatefulSet (no selector, containers without images), with its expected findings annotated. */
const REPLICAS_PATCH = readFileSync(join(FIXTURES, 'diagnostics', 'kustomize', 'overlay.workspace', 'sts-patch.yaml'), 'utf8');
const PATCH_NAME_LINE = REPLICAS_PATCH.split('\n').indexOf('  name: web');

/** A patch with a serviceName does not read as one: until a kustomization names it, it is checked whole. */
const SERVICE_PATCH = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web-headless
`;

const overlay = (patches: string[]): string => `resources:\n  - ../base\npatches:\n${patches.map((p) => `  - path: ${p}\n`).join('')}`;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();

describe('kustomize', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (...parts: string[]): string => pathToFileURL(join(dir, ...parts)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-kustomize-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - sts.yaml\n');
    writeFileSync(join(dir, 'base', 'sts.yaml'), BASE_STS);
    writeFileSync(join(dir, 'overlay', 'Kustomization'), overlay(['replicas.yaml']));
    writeFileSync(join(dir, 'overlay', 'replicas.yaml'), REPLICAS_PATCH);
    writeFileSync(join(dir, 'overlay', 'service.yaml'), SERVICE_PATCH);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a patch named by a Kustomization file gets no whole-object errors; what it writes is still checked', async () => {
    const uri = uriOf('overlay', 'replicas.yaml');
    await client.open(uri, REPLICAS_PATCH);
    const p = await client.nextDiagnostics(uri);
    assert.deepEqual(codes(p), ['access-mode-invalid', 'image-pull-policy-invalid']);
  });

  test("hover on a patch's metadata.name names the object it patches, its file and line", async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('overlay', 'replicas.yaml') }, position: { line: PATCH_NAME_LINE, character: 9 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Kustomize patch/);
    assert.ok(text.includes(`Patches StatefulSet \`web\` in [../base/sts.yaml](${uriOf('base', 'sts.yaml')}#L${BASE_NAME_LINE}), line ${BASE_NAME_LINE}.`), text);
  });

  test('editing the kustomization on disk re-checks the files it names', async () => {
    const uri = uriOf('overlay', 'service.yaml');
    await client.open(uri, SERVICE_PATCH);
    const whole = await client.nextDiagnostics(uri);
    assert.ok(codes(whole).includes('selector-missing'), codes(whole).join());
    writeFileSync(join(dir, 'overlay', 'Kustomization'), overlay(['replicas.yaml', 'service.yaml']));
    await client.filesChanged([{ uri: uriOf('overlay', 'Kustomization'), type: FileChangeType.Changed }]);
    await client.nextDiagnostics(uri, { where: (p) => !codes(p).includes('selector-missing') });
    writeFileSync(join(dir, 'overlay', 'Kustomization'), overlay(['replicas.yaml']));
    await client.filesChanged([{ uri: uriOf('overlay', 'Kustomization'), type: FileChangeType.Changed }]);
    await client.nextDiagnostics(uri, { where: (p) => codes(p).includes('selector-missing') });
  });

  test('an open kustomization re-checks as it is typed, and its inline patches get diagnostics in place', async () => {
    const uri = uriOf('overlay', 'service.yaml');
    const kustomization = uriOf('overlay', 'kustomization.yaml');
    const text = `${overlay(['service.yaml'])}  - target: {kind: StatefulSet, name: web}\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 2\n      - op: Replace\n        path: /spec/minReadySeconds\n        value: 5\n`;
    await client.open(kustomization, text);
    const inline = await client.nextDiagnostics(kustomization);
    assert.deepEqual(inline.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['json-patch-invalid', 9, 12]]);
    await client.nextDiagnostics(uri, { where: (p) => !codes(p).includes('selector-missing') });
    await client.close(kustomization);
    await client.nextDiagnostics(uri, { where: (p) => codes(p).includes('selector-missing') });
  });
});
