/**
 * The incremental path (DocumentCache: chunk parses, document findings, summaries and workspace
 * findings reused) must give exactly what a full re-analysis gives. Random edits, with a fixed
 * seed, over realistic multi-document files, including `---` lines inserted and removed so
 * chunks split and merge, and over two files sharing an index so one file's edits change the
 * other's workspace findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, DocumentCache, WorkspaceIndex, type Analysis } from '../../server/src/core';
import { FIXTURES, ROOT } from '../support/paths';

const SEED = 20260517;

const read = (...p: string[]): string => readFileSync(join(...p), 'utf8');
const DIAG = join(FIXTURES, 'diagnostics');

/** Examples and fixtures that exercise the workspace rules, one file of many documents. */
const FILE_A = [
  read(ROOT, 'examples', 'postgres.yaml'),
  read(ROOT, 'examples', 'redis.yaml'),
  read(DIAG, 'warnings', 'service-selector-mismatch.yaml'),
  read(DIAG, 'warnings', 'service-not-headless.yaml'),
  read(DIAG, 'warnings', 'pdb-blocks-eviction.yaml'),
  read(ROOT, 'examples', 'mistakes.yaml'),
].join('\n---\n');

/** A second file whose Services, budgets and classes the first one's rules look up. */
const FILE_B = [
  read(DIAG, 'warnings', 'services.workspace', 'services.yaml'),
  read(DIAG, 'warnings', 'pdb.workspace', 'budgets.yaml'),
  read(DIAG, 'warnings', 'storage-class.workspace', 'classes.yaml'),
  read(ROOT, 'examples', 'kafka.yaml'),
].join('\n---\n');

const FILE_B_SETS = [read(DIAG, 'warnings', 'services.workspace', 'statefulsets.yaml'), read(DIAG, 'warnings', 'pdb.workspace', 'statefulsets.yaml')].join('\n---\n');

/** Small edits a person makes, and the ones that move chunk boundaries. */
const SNIPPETS = ['x', '-', ' ', '\n', ':', '"', '#', '\t', '0', '---\n', '\n---\n', '--- ', 'name: web\n', '  replicas: 2\n', 'kind: Service\n', 'clusterIP: None', '...\n', 'a'];

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace-word'; readonly at: number; readonly text: string }
  | { readonly kind: 'drop-marker'; readonly nth: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map(toUnit), text: fc.constantFrom(...SNIPPETS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map(toUnit), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace-word' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map(toUnit), text: fc.constantFrom('web', 'nginx', 'None', '3', 'app', 'ReadWriteOnce') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop-marker' as const), nth: fc.nat(40) }) },
);

function toUnit(x: number): number {
  return Math.min(0.999999, Math.max(0, x));
}

function apply(text: string, e: Edit): string {
  switch (e.kind) {
    case 'insert': {
      const at = Math.floor(e.at * (text.length + 1));
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = Math.floor(e.at * (text.length + 1));
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'replace-word': {
      // The word (letters, digits, dashes) around a point: how a name or value gets retyped.
      const at = Math.floor(e.at * text.length);
      let start = at;
      let end = at;
      while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
      while (end < text.length && /[\w-]/.test(text[end])) end++;
      return text.slice(0, start) + e.text + text.slice(end);
    }
    case 'drop-marker': {
      const markers = [...text.matchAll(/^---[^\n]*\n/gm)];
      if (markers.length === 0) return text;
      const m = markers[e.nth % markers.length];
      return text.slice(0, m.index) + text.slice((m.index ?? 0) + m[0].length);
    }
  }
}

function same(inc: Analysis, fresh: Analysis, what: string): void {
  assert.deepEqual(inc.findings, fresh.findings, `${what}: findings`);
  assert.deepEqual(inc.summaries, fresh.summaries, `${what}: summaries`);
  assert.deepEqual(
    inc.docs.map((d) => d.offset),
    fresh.docs.map((d) => d.offset),
    `${what}: document offsets`,
  );
}

test('one file: a cached analysis after random edits equals a fresh one', () => {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), (edits) => {
      const uri = 'file:///work/a.yaml';
      const cache = new DocumentCache();
      const index = new WorkspaceIndex();
      let text = FILE_A;
      analyze(text, { uri, cache, index });
      edits.forEach((e, step) => {
        text = apply(text, e);
        const inc = analyze(text, { uri, cache, index });
        const fresh = analyze(text, { uri, index: new WorkspaceIndex() });
        same(inc, fresh, `step ${step} (${e.kind})`);
      });
    }),
    { seed: SEED, numRuns: 40 },
  );
});

test('two files sharing an index: edits to either keep both files equal to a fresh analysis', () => {
  const fileArb = fc.constantFrom('a', 'b');
  fc.assert(
    fc.property(fc.array(fc.tuple(fileArb, editArb), { minLength: 1, maxLength: 12 }), fc.boolean(), (edits, setsInB) => {
      const uris = { a: 'file:///work/a.yaml', b: 'file:///work/b.yaml' };
      const texts = { a: FILE_A, b: setsInB ? `${FILE_B}\n---\n${FILE_B_SETS}` : FILE_B };
      const caches = { a: new DocumentCache(), b: new DocumentCache() };
      const index = new WorkspaceIndex();
      // As the server does: every file indexed, then each analysed with the others known.
      for (const f of ['a', 'b'] as const) analyze(texts[f], { uri: uris[f], cache: caches[f], index });
      for (const f of ['a', 'b'] as const) analyze(texts[f], { uri: uris[f], cache: caches[f], index });
      edits.forEach(([file, e], step) => {
        texts[file] = apply(texts[file], e);
        const other = file === 'a' ? 'b' : 'a';
        const inc = { [file]: analyze(texts[file], { uri: uris[file], cache: caches[file], index }) } as Record<'a' | 'b', Analysis>;
        inc[other] = analyze(texts[other], { uri: uris[other], cache: caches[other], index });

        const freshIndex = new WorkspaceIndex();
        for (const f of ['a', 'b'] as const) analyze(texts[f], { uri: uris[f], index: freshIndex });
        for (const f of ['a', 'b'] as const) same(inc[f], analyze(texts[f], { uri: uris[f], index: freshIndex }), `step ${step}: ${e.kind} in ${file}, file ${f}`);
      });
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test('workspace findings follow a Service that moves, changes or goes away in the same file', () => {
  const sts = (svc: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: ${svc}\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n`;
  const svc = (selector: string, clusterIP = 'None') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: ${clusterIP}\n  selector:\n    app: ${selector}\n  ports:\n    - port: 5432\n`;
  // A document before both, so that editing it moves them without changing their text.
  const head = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: ${value}\n---\n`;
  const versions = [
    `${head('a')}${sts('db')}---\n${svc('db')}`,
    // The selector no longer selects the pods: the fix data names the Service's span.
    `${head('a')}${sts('db')}---\n${svc('other')}`,
    // The same finding, both objects moved by an edit above them: the span in the fix must follow.
    `${head('a longer value')}${sts('db')}---\n${svc('other')}`,
    `${head('a longer value')}${sts('db')}---\n${svc('db', '10.0.0.1')}`,
    `${head('b')}${sts('db')}`,
    `${head('b')}${sts('db')}---\n${svc('db')}`,
  ];
  const cache = new DocumentCache();
  const index = new WorkspaceIndex();
  const uri = 'file:///work/one.yaml';
  const codes: string[][] = [];
  versions.forEach((text, i) => {
    const inc = analyze(text, { uri, cache, index });
    same(inc, analyze(text, { uri, index: new WorkspaceIndex() }), `version ${i}`);
    codes.push(inc.findings.filter((f) => f.code.startsWith('service-')).map((f) => f.code));
  });
  // The sequence went through each state (a test that compared two empty lists would prove little).
  assert.deepEqual(codes, [[], ['service-selector-mismatch'], ['service-selector-mismatch'], ['service-not-headless'], ['service-not-found'], []]);
});
