/**
 * Kustomize overlays in the language server: after the workspace scan every overlay is built
 * in-process, its findings reach the file where the value was written (the patch line, the
 * kustomization's namePrefix), an edit of the kustomization in the editor re-checks it, an
 * overlay the build does not cover gets one info, and the preview of a kustomization shows the
 * built names.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, FullDocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { IdentitiesResult } from '../../server/src/protocol';
import { FIXTURES } from '../support/paths';
import { LspClient } from './support/lspClient';

const WORKSPACE = join(FIXTURES, 'diagnostics', 'kustomize', 'built.workspace');
const PREFIX = 'production-eu-west-1-primary-cluster-postgres-database-';

const overlayFindings = (p: PublishDiagnosticsParams | { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => String(d.message).startsWith('in overlay '));

describe('kustomize overlays in the editor', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (...parts: string[]): string => pathToFileURL(join(dir, ...parts)).href;
  const text = (...parts: string[]): string => readFileSync(join(dir, ...parts), 'utf8');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-overlays-'));
    cpSync(WORKSPACE, dir, { recursive: true });
    // An overlay with a part the in-process build leaves out.
    mkdirSync(join(dir, 'replaced'));
    writeFileSync(
      join(dir, 'replaced', 'kustomization.yaml'),
      'resources:\n  - ../base\nreplacements:\n  - source:\n      kind: Service\n      name: db\n    targets:\n      - select:\n          kind: StatefulSet\n        fieldPaths: [spec.serviceName]\n',
    );
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a patch file gets the overlay error at the line the patch wrote', async () => {
    const uri = uriOf('overlay', 'mount.yaml');
    await client.open(uri, text('overlay', 'mount.yaml'));
    const p = await client.nextDiagnostics(uri, { where: (d) => overlayFindings(d).length > 0 });
    const [d] = overlayFindings(p);
    assert.equal(overlayFindings(p).length, 1, JSON.stringify(p.diagnostics));
    assert.equal(d.code, 'volume-mount-unresolved');
    assert.match(String(d.message), /^in overlay overlay: /);
    assert.deepEqual(d.range, { start: { line: 10, character: 20 }, end: { line: 10, character: 26 } });
  });

  test('the kustomization gets the namePrefix warning; the preview of it shows the prefixed names', async () => {
    const uri = uriOf('overlay', 'kustomization.yaml');
    await client.open(uri, text('overlay', 'kustomization.yaml'));
    const p = await client.nextDiagnostics(uri);
    assert.deepEqual(
      overlayFindings(p).map((d) => [d.code, d.range.start.line]),
      [['statefulset-name-too-long', 2]],
    );
    const result = await client.request<IdentitiesResult | null>('statefulset/identities', { textDocument: { uri } });
    assert.ok(result, 'a kustomization that builds a StatefulSet has a model');
    assert.deepEqual(result.overlay, { label: 'overlay' });
    assert.equal(result.statefulSets.length, 1);
    const identity = result.statefulSets[0].identity;
    assert.equal(identity.name, `${PREFIX}db`);
    assert.deepEqual(
      identity.pods.map((pod) => pod.name),
      [0, 1, 2].map((i) => `${PREFIX}db-${i}`),
    );
    assert.ok(identity.notes.some((n) => n.includes('overlay overlay as built')), identity.notes.join('\n'));
    // The status bar's summary (and the preview command it enables) is the overlay's too.
    const summary = await client.request<{ statefulSets: number; pods: number } | null>('statefulset/identitiesSummary', { textDocument: { uri } });
    assert.equal(summary?.statefulSets, 1);
    assert.equal(summary?.pods, 3);
  });

  test('removing the patch in the editor clears the error in the patch file', async () => {
    const uri = uriOf('overlay', 'kustomization.yaml');
    const patch = uriOf('overlay', 'mount.yaml');
    const without = text('overlay', 'kustomization.yaml').replace('patches:\n  - path: mount.yaml\n', '');
    assert.ok(!without.includes('mount.yaml'));
    await client.change(uri, [{ text: without }]);
    const p = await client.nextDiagnostics(patch, { where: (d) => overlayFindings(d).length === 0 });
    assert.deepEqual(overlayFindings(p), []);
  });

  test('closing the kustomization unsaved: the one on disk, with the patch, is built again', async () => {
    const patch = uriOf('overlay', 'mount.yaml');
    await client.close(uriOf('overlay', 'kustomization.yaml'));
    const p = await client.nextDiagnostics(patch, { where: (d) => overlayFindings(d).length > 0 });
    assert.deepEqual(
      overlayFindings(p).map((d) => d.code),
      ['volume-mount-unresolved'],
    );
  });

  test('an overlay the in-process build does not cover gets one info on its kustomization', async () => {
    const uri = uriOf('replaced', 'kustomization.yaml');
    await client.open(uri, text('replaced', 'kustomization.yaml'));
    const p = await client.nextDiagnostics(uri);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.severity, d.message]),
      [['kustomize-not-built', 3, 'in overlay replaced: not built in-process: replacements; the overlay is not checked as a whole']],
    );
  });
});

describe('kustomize overlays, pulled', () => {
  test('a client that pulls gets the overlay findings in the patch file, and is asked to pull again when they change', async () => {
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(WORKSPACE).href], pullDiagnostics: true });
    try {
      const file = join(WORKSPACE, 'overlay', 'mount.yaml');
      const uri = pathToFileURL(file).href;
      await client.open(uri, readFileSync(file, 'utf8'));
      // The overlays are built on a timer after the scan: pull until they are there.
      let items: Diagnostic[] = [];
      for (let i = 0; i < 100 && overlayFindings({ diagnostics: items }).length === 0; i++) {
        items = ((await client.pull(uri)) as FullDocumentDiagnosticReport).items;
        if (overlayFindings({ diagnostics: items }).length === 0) await client.refreshes.next((m) => m === 'workspace/diagnostic/refresh', 'workspace/diagnostic/refresh');
      }
      assert.deepEqual(
        overlayFindings({ diagnostics: items }).map((d) => d.code),
        ['volume-mount-unresolved'],
      );
    } finally {
      client.kill();
    }
  });
});
