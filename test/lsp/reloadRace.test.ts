/**
 * After a window reload the editor opens its documents while the server indexes the workspace.
 * Opening a StatefulSet puts its objects in the index, which asks for the other open documents to
 * be re-checked on the next turn of the event loop, leaving out the one that asked (its own
 * analysis is current). A second index change in the same turn (the scan ending, a file deleted)
 * used to be folded into that first request, and so also left that document out: it kept the
 * findings it got while workspace findings were held back (no service-not-found, no pdb-missing)
 * until the next keystroke. The scan's end cannot be timed from outside, so the test makes the
 * same fold with a file deletion sent together with the open.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient } from './support/lspClient';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector: {app: web}\n';
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

describe('cross-file diagnostics when documents open while the index changes', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-reload-'));
    writeFileSync(join(dir, 'service.yaml'), SERVICE);
    // Settings from the defaults: the open is analysed in the turn it arrives, as with a cached configuration.
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], configuration: false });
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a document opened in the same turn as another index change is re-checked too', async () => {
    const uri = pathToFileURL(join(dir, 'sts.yaml')).href;
    const service = pathToFileURL(join(dir, 'service.yaml')).href;
    rmSync(join(dir, 'service.yaml'));
    const published = client.nextDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.code === 'service-not-found'), timeout: 5_000 });
    // Both notifications in one write, so the server reads them in one go (two writes may arrive apart).
    const frame = (method: string, params: unknown): string => {
      const body = JSON.stringify({ jsonrpc: '2.0', method, params });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    client.process.stdin.write(
      frame('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: STS } }) +
        frame('workspace/didChangeWatchedFiles', { changes: [{ uri: service, type: FileChangeType.Deleted }] }),
    );
    const p = await published;
    assert.ok(p.diagnostics.some((d) => d.code === 'service-not-found'));
  });
});
