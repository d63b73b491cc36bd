/** Pushed diagnostics from the bundled server: content, exact ranges, silence where we have nothing to say. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticTag } from 'vscode-languageserver-protocol/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docsUrlFor } from '../../server/src/version';
import { ROOT } from '../support/paths';
import { LspClient } from './support/lspClient';
import { annotated, comparable, expectedFromCore, fixture, memoryUri, sorted } from './support/expect';

describe('push diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  test('a faulty StatefulSet file: codes, exact ranges, severity, source, docs link and fix data', async () => {
    const text = fixture('faulty.yaml');
    const uri = memoryUri('faulty.yaml');
    await client.open(uri, text);
    const published = await client.nextDiagnostics(uri, { version: 1 });

    assert.deepEqual(comparable(published.diagnostics), sorted(expectedFromCore(text)));
    for (const a of annotated(text)) {
      const d = published.diagnostics.find((x) => x.code === a.code && x.range.start.line === a.line);
      assert.ok(d, `missing ${a.code} on line ${a.line + 1}`);
      assert.deepEqual(d.range, { start: { line: a.line, character: a.start }, end: { line: a.line, character: a.end } });
      assert.equal(d.severity, a.severity);
    }
    const syntax = published.diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.ok(syntax, 'the broken flow map in the Service document is reported');
    // Where the unclosed `{` opens, not where the parser gave up.
    assert.deepEqual(syntax.range.start, { line: 29, character: 12 });
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'statefulset');
      // The bundled server links the docs at its own version's tag.
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(d.codeDescription?.href, `${docsUrlFor(version)}#${d.code}`);
    }
    const dup = published.diagnostics.find((d) => d.code === 'duplicate-key');
    // The YAML-level rules also say so (`layer`), for clients that leave them to a YAML server.
    assert.deepEqual(dup?.data, { fix: { kind: 'remove-pair' }, layer: 'yaml' });
    const tabs = published.diagnostics.find((d) => d.code === 'tab-indentation');
    assert.deepEqual(tabs?.data, { fix: { kind: 'replace-tabs', spaces: 2 }, layer: 'yaml' });
    assert.deepEqual(syntax.data, { layer: 'yaml' }, 'no fix, no path: only the layer');
  });

  test('tags: a removed apiVersion is Deprecated, a field the controller overwrites is Unnecessary', async () => {
    const text = 'apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata:\n  name: old\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      hostname: fixed\n      containers: [{name: a, image: b}]\n';
    const uri = memoryUri('tags.yaml');
    await client.open(uri, text);
    const { diagnostics } = await client.nextDiagnostics(uri);
    const tagsOf = (code: string) => diagnostics.find((d) => d.code === code)?.tags;
    assert.deepEqual(tagsOf('api-version-removed'), [DiagnosticTag.Deprecated]);
    assert.deepEqual(tagsOf('pod-identity-overwritten'), [DiagnosticTag.Unnecessary]);
    assert.ok(diagnostics.filter((d) => d.code !== 'api-version-removed' && d.code !== 'pod-identity-overwritten').every((d) => d.tags === undefined));
  });

  test('a clean StatefulSet file gets an empty list', async () => {
    const uri = memoryUri('clean.yaml');
    await client.open(uri, fixture('clean.yaml'));
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
  });

  for (const name of ['plain.yaml', 'deployment.yaml']) {
    test(`${name}: YAML mistakes in a file without a StatefulSet are not ours to report`, async () => {
      const text = fixture(name);
      assert.ok(expectedFromCore(text).length > 0, 'the core does see YAML problems in it');
      const uri = memoryUri(name);
      await client.open(uri, text);
      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    });
  }

  test('a file of its own with an object StatefulSets work with is reported when a Kubernetes rule speaks', async () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n';
    const uri = memoryUri('pdb.yaml');
    await client.open(uri, text);
    const { diagnostics } = await client.nextDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'api-version-removed'));
    assert.deepEqual(comparable(diagnostics), sorted(expectedFromCore(text)));
    // Its budget would cover the other tests' StatefulSets (all named web).
    await client.close(uri);
    await client.nextDiagnostics(uri, { where: (p) => p.version === undefined });
  });

  test('a file that gains a StatefulSet starts getting diagnostics; closing clears them', async () => {
    const uri = memoryUri('grows.yaml');
    const plain = fixture('plain.yaml');
    await client.open(uri, plain);
    assert.deepEqual((await client.nextDiagnostics(uri, { version: 1 })).diagnostics, []);
    const end = plain.split('\n').length - 1;
    const version = await client.change(uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n' }]);
    const next = await client.nextDiagnostics(uri, { version });
    assert.ok(next.diagnostics.some((d) => d.code === 'duplicate-key'), 'the YAML mistakes now count');
    await client.close(uri);
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
  });

  test('ranged edits give the same diagnostics as opening the edited text fresh', async () => {
    const original = fixture('faulty.yaml');
    const uri = memoryUri('edited.yaml');
    await client.open(uri, original);
    await client.nextDiagnostics(uri, { version: 1 });

    // Each edit's range is in the text left by the edits before it (LSP applies them in order).
    const edits = [
      // Remove the first `name: web` line (the duplicate key goes away).
      { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: '', apply: (t: string) => t.replace('  name: web\n  name: web\n', '  name: web\n') },
      // Indent `ports` with spaces instead of tabs.
      { range: { start: { line: 19, character: 0 }, end: { line: 19, character: 6 } }, text: '          ', apply: (t: string) => t.replace('\t\t\t\t\t\tports', '          ports') },
      // Add a document with a duplicate key across a chunk boundary, with astral characters before it.
      {
        range: { start: { line: 21, character: 0 }, end: { line: 21, character: 0 } },
        text: '---\nkind: ConfigMap\ndata: {"😀😀": a, "😀😀": b}\n',
        apply: (t: string) => t.replace('#^^^^^^ error tab-indentation\n---\n', '#^^^^^^ error tab-indentation\n---\nkind: ConfigMap\ndata: {"😀😀": a, "😀😀": b}\n---\n'),
      },
    ];
    let expectedText = original;
    let version = 1;
    for (const e of edits) {
      version = await client.change(uri, [{ range: e.range, text: e.text }]);
      expectedText = e.apply(expectedText);
    }
    const incremental = await client.nextDiagnostics(uri, { version });

    const fresh = memoryUri('edited-fresh.yaml');
    await client.open(fresh, expectedText);
    const reopened = await client.nextDiagnostics(fresh, { version: 1 });
    assert.deepEqual(comparable(incremental.diagnostics), comparable(reopened.diagnostics));
    assert.deepEqual(comparable(incremental.diagnostics), sorted(expectedFromCore(expectedText)));
    assert.ok(!incremental.diagnostics.some((d) => d.code === 'tab-indentation'));
    const dup = incremental.diagnostics.filter((d) => d.code === 'duplicate-key');
    assert.equal(dup.length, 1);
    // Before the second key, `data: {"😀😀": a, ` is 16 code points but 18 UTF-16 code units.
    assert.deepEqual(dup[0].range, { start: { line: 23, character: 18 }, end: { line: 23, character: 24 } });
  });

  test('several changes in one notification, and a full-text change', async () => {
    const uri = memoryUri('multi.yaml');
    const text = fixture('faulty.yaml');
    await client.open(uri, text);
    await client.nextDiagnostics(uri, { version: 1 });
    const version = await client.change(uri, [
      { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 11 } }, text: 'db' },
      { range: { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, text: 'namespace' },
    ]);
    const after = await client.nextDiagnostics(uri, { version });
    const edited = text.replace('  name: web\n  name: web\n', '  name: web\n  namespace: db\n');
    assert.deepEqual(comparable(after.diagnostics), sorted(expectedFromCore(edited)));
    assert.ok(!after.diagnostics.some((d) => d.code === 'duplicate-key'));
    const full = await client.change(uri, [{ text }]);
    assert.deepEqual(comparable((await client.nextDiagnostics(uri, { version: full })).diagnostics), sorted(expectedFromCore(text)));
  });

  test('astral characters before a finding: columns count UTF-16 code units', async () => {
    const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  labels: {"𝔘𝔫𝔦": a, "𝔘𝔫𝔦": b}\n';
    const uri = memoryUri('astral.yaml');
    await client.open(uri, text);
    const { diagnostics } = await client.nextDiagnostics(uri);
    const dup = diagnostics.find((d) => d.code === 'duplicate-key');
    assert.ok(dup);
    // Before the second key: `  labels: {"𝔘𝔫𝔦": a, ` = 21 code points, 24 UTF-16 code units.
    assert.deepEqual(dup.range, { start: { line: 4, character: 24 }, end: { line: 4, character: 32 } });
    assert.deepEqual(comparable(diagnostics), sorted(expectedFromCore(text)));
  });

  test('CRLF line endings: the same lines and columns as LF', async () => {
    const lf = fixture('faulty.yaml');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = memoryUri('lf.yaml');
    const b = memoryUri('crlf.yaml');
    await client.open(a, lf);
    await client.open(b, crlf);
    const [withLf, withCrlf] = await Promise.all([client.nextDiagnostics(a), client.nextDiagnostics(b)]);
    assert.ok(withCrlf.diagnostics.length >= 3);
    assert.deepEqual(
      comparable(withCrlf.diagnostics).map(({ message: _m, ...rest }) => rest),
      comparable(withLf.diagnostics).map(({ message: _m, ...rest }) => rest),
    );
    assert.deepEqual(comparable(withCrlf.diagnostics), sorted(expectedFromCore(crlf)));
  });
});
