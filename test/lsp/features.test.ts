/**
 * Editor features over the bundled server: hover, completion, definition, references, rename,
 * inlay hints and code lenses, with exact UTF-16 ranges (an astral character sits before some of
 * the names) and references into files that are not open.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  InsertTextFormat,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type InlayHint,
  type Location,
  type MarkupContent,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './support/lspClient';
import { applyEdits, positionOf, rangeOf } from './support/positions';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  serviceName: nginx
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts:
        - {mountPath: "/srv/🚀", name: data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: fast
      resources:
        requests:
          storage: 1Gi
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {app: web}
`;

const CLASSES = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
`;

const OTHER_STS = STS.replace('name: web', 'name: cache').replace(/app: web/g, 'app: cache');

describe('editor features', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-features-'));
    writeFileSync(join(dir, 'services.yaml'), SERVICES);
    writeFileSync(join(dir, 'classes.yaml'), CLASSES);
    writeFileSync(join(dir, 'cache.yaml'), OTHER_STS);
    writeFileSync(join(dir, 'sts.yaml'), STS);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
    await client.open(uriOf('sts.yaml'), STS);
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const uri = (): string => uriOf('sts.yaml');
  const at = (position: Position) => ({ textDocument: { uri: uri() }, position });

  test('capabilities announce every feature, rename with prepare', () => {
    const c = client.initializeResult.capabilities;
    assert.equal(c.hoverProvider, true);
    assert.ok(c.completionProvider);
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.ok(c.inlayHintProvider);
    assert.ok(c.codeLensProvider);
  });

  test('hover on replicas: markdown with the pod names, over the exact key range', async () => {
    const h = await client.request<Hover>('textDocument/hover', at(positionOf(STS, 'replicas', 3)));
    const contents = h.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\*\*Pods:\*\* `web-0`, `web-1`, `web-2`/);
    assert.deepEqual(h.range, rangeOf(STS, 'replicas'));
  });

  test('hover on serviceName names the Service found in another file of the workspace', async () => {
    const h = await client.request<Hover>('textDocument/hover', at(positionOf(STS, 'nginx', 1)));
    assert.match((h.contents as MarkupContent).value, new RegExp(`\\*\\*Service:\\*\\* \`nginx\` in \\[services\\.yaml\\]\\(${uriOf('services.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\), headless`));
  });

  test('no hover where there is nothing to say', async () => {
    assert.equal(await client.request<Hover | null>('textDocument/hover', at({ line: 4, character: 5 })), null);
  });

  test('completion on a half-typed key: plain text for a client without snippets, exact replace range', async () => {
    const text = STS.replace('  replicas: 3\n', '  replicas: 3\n  upd\n');
    const version = await client.change(uri(), [{ text }]);
    await client.nextDiagnostics(uri(), { version });
    const list = await client.request<CompletionList>('textDocument/completion', at(positionOf(text, '  upd', 5)));
    const up = list.items.find((i) => i.label === 'updateStrategy');
    assert.ok(up, list.items.map((i) => i.label).join());
    assert.equal(up.insertTextFormat, InsertTextFormat.PlainText);
    assert.deepEqual(up.textEdit, { range: rangeOf(text, 'upd'), newText: 'updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 0' });
    assert.ok(!list.items.some((i) => i.label === 'replicas'));
  });

  test('completion of serviceName and storageClassName from the workspace index', async () => {
    const text = STS.replace('serviceName: nginx', 'serviceName: ').replace('storageClassName: fast', 'storageClassName: ');
    const version = await client.change(uri(), [{ text }]);
    await client.nextDiagnostics(uri(), { version });
    const services = await client.request<CompletionList>('textDocument/completion', at(positionOf(text, 'serviceName: ', 13)));
    assert.deepEqual(services.items.map((i: CompletionItem) => i.label), ['nginx']);
    const classes = await client.request<CompletionList>('textDocument/completion', at(positionOf(text, 'storageClassName: ', 18)));
    assert.deepEqual(classes.items.map((i: CompletionItem) => [i.label, i.detail]), [['fast', 'ebs.csi.aws.com']]);
    const back = await client.change(uri(), [{ text: STS }]);
    await client.nextDiagnostics(uri(), { version: back });
  });

  test('definition: a mount after an astral character goes to its claim template; serviceName to the other file', async () => {
    const mount = await client.request<Location[]>('textDocument/definition', at(positionOf(STS, 'name: data}', 7)));
    assert.deepEqual(mount, [{ uri: uri(), range: { start: positionOf(STS, 'data\n    spec'), end: positionOf(STS, 'data\n    spec', 4) } }]);
    // And back: the mount's range counts the astral character as two UTF-16 units.
    const refs = await client.request<Location[]>('textDocument/references', { ...at(positionOf(STS, 'data\n    spec', 1)), context: { includeDeclaration: false } });
    assert.deepEqual(refs, [{ uri: uri(), range: { start: positionOf(STS, 'data}'), end: positionOf(STS, 'data}', 4) } }]);
    assert.equal(refs[0].range.start.character, '        - {mountPath: "/srv/'.length + 2 + '", name: '.length);
    const svc = await client.request<Location[]>('textDocument/definition', at(positionOf(STS, 'nginx', 2)));
    assert.deepEqual(svc, [{ uri: uriOf('services.yaml'), range: rangeOf(SERVICES, 'nginx') }]);
    const sc = await client.request<Location[]>('textDocument/definition', at(positionOf(STS, 'fast', 2)));
    assert.deepEqual(sc, [{ uri: uriOf('classes.yaml'), range: rangeOf(CLASSES, 'fast') }]);
  });

  test('references of a Service reach StatefulSets in files that are not open', async () => {
    const svcUri = uriOf('services.yaml');
    await client.open(svcUri, SERVICES);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: svcUri }, position: positionOf(SERVICES, 'nginx', 2), context: { includeDeclaration: true } });
    const sorted = [...refs].sort((a, b) => a.uri.localeCompare(b.uri));
    assert.deepEqual(sorted, [
      { uri: uriOf('cache.yaml'), range: rangeOf(OTHER_STS, 'nginx') },
      { uri: svcUri, range: rangeOf(SERVICES, 'nginx') },
      { uri: uri(), range: rangeOf(STS, 'nginx') },
    ]);
    await client.close(svcUri);
  });

  test('prepareRename and rename of a claim template; a clear error for a bad name or a Service named from serviceName', async () => {
    const pos = positionOf(STS, 'data\n    spec', 1);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(pos));
    assert.deepEqual(prepared, { range: { start: positionOf(STS, 'data\n    spec'), end: positionOf(STS, 'data\n    spec', 4) }, placeholder: 'data' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(pos), newName: 'pgdata' });
    const edits = edit.changes?.[uri()] ?? [];
    assert.equal(applyEdits(STS, edits), STS.replace('name: data}', 'name: pgdata}').replace('name: data\n', 'name: pgdata\n'));
    await assert.rejects(client.request('textDocument/rename', { ...at(pos), newName: 'PG_data' }), /"PG_data" is not a valid volume name: it must be lowercase/);
    await assert.rejects(client.request('textDocument/prepareRename', at(positionOf(STS, 'nginx', 1))), /Rename the Service on its metadata\.name/);
  });

  test('inlay hints: pod and PVC name ranges at the ends of their values', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri() }, range: { start: { line: 0, character: 0 }, end: positionOf(STS, 'storage: 1Gi', 12) } });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [
      [positionOf(STS, 'replicas: 3', 11), 'web-0 … web-2'],
      [positionOf(STS, 'data\n    spec', 4), 'data-web-0 … data-web-2'],
    ]);
  });

  test('code lens: preview command with the document and the StatefulSet index', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri() } });
    assert.deepEqual(lenses, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'Preview pods, PVCs and DNS · 5 suggestions', command: 'statefulset.openPreview', arguments: [uri(), 0] } }]);
  });

  test('an edit is reflected at once: hover after changing replicas', async () => {
    const text = STS.replace('replicas: 3', 'replicas: 5');
    const version = await client.change(uri(), [{ range: rangeOf(STS, 'replicas: 3'), text: 'replicas: 5' }]);
    await client.nextDiagnostics(uri(), { version });
    const h = await client.request<Hover>('textDocument/hover', at(positionOf(text, 'replicas', 1)));
    assert.match((h.contents as MarkupContent).value, /`web-0`, `web-1`, `web-2`, `web-3`, `web-4`/);
  });
});
