/**
 * The incremental path (DocumentCache: chunk parses, document findings, summaries and workspace
 * findings reused) must give exactly what a full re-analysis gives. Random edits, with a fixed
 * seed, over realistic multi-document files, including `---` lines inserted and removed so
 * chunks split and merge, and over two files sharing an index so one file's edits change the
 * other's workspace findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, composeChanges, DocumentCache, NO_CHANGE, PieceText, WorkspaceIndex, type Analysis, type TextChange } from '../../server/src/core';
import { applyReplacement, editArb, manyDocuments, objectsElsewhere, replacementOf, SEED, type Edit } from '../support/randomEdits';

const FILE_A = manyDocuments();

function apply(text: string, e: Edit): string {
  return applyReplacement(text, replacementOf(text, e));
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

test('one file, with the editor\'s change ranges: only the chunks near a change are cut again, and the result equals a fresh analysis', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 12 }), fc.boolean(), (steps, asPieces) => {
      const uri = 'file:///work/a.yaml';
      const cache = new DocumentCache();
      const index = new WorkspaceIndex();
      let text = FILE_A;
      // The server's input: a PieceText (small pieces here, so that edits cross them), never joined.
      let pieces = PieceText.of(text, 256);
      const input = (): string | PieceText => (asPieces ? pieces : text);
      analyze(input(), { uri, cache, index });
      // Changes made since the last analysis, composed as the server composes them.
      let pending: TextChange | undefined;
      // After a template the cache is empty (nothing was checked), so the next analysis cuts it all.
      let wasTemplate = false;
      steps.forEach(([e, analyseNow], step) => {
        const r = replacementOf(text, e);
        text = applyReplacement(text, r);
        pieces = pieces.replace(r.start, r.end, r.text);
        pending = composeChanges(pending, { start: r.start, oldEnd: r.end, newEnd: r.start + r.text.length });
        if (!analyseNow && step < steps.length - 1) return;
        const inc = analyze(input(), { uri, cache, index, change: pending });
        pending = undefined;
        if (!wasTemplate && !inc.template) assert.equal(cache.lastCut, 'window', `step ${step}: the change was used`);
        wasTemplate = inc.template !== undefined;
        same(inc, analyze(text, { uri, index: new WorkspaceIndex() }), `step ${step} (${e.kind})`);
        assert.equal(inc.text, text, `step ${step}: the analysis's text`);
        // Nothing changed: the same text again, as after a settings or workspace change.
        same(analyze(input(), { uri, cache, index, change: NO_CHANGE }), inc, `step ${step}, again`);
      });
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('a change that does not describe the text is not trusted', () => {
  const uri = 'file:///work/a.yaml';
  const cache = new DocumentCache();
  const index = new WorkspaceIndex();
  analyze(FILE_A, { uri, cache, index });
  // A real edit near the end, announced as one at the start with the right length.
  const at = FILE_A.lastIndexOf('replicas:');
  const text = `${FILE_A.slice(0, at)}replicas: 7\n  ${FILE_A.slice(at)}`;
  const lie = { start: 0, oldEnd: 0, newEnd: text.length - FILE_A.length };
  same(analyze(text, { uri, cache, index, change: lie }), analyze(text, { uri, index: new WorkspaceIndex() }), 'a wrong change');
  assert.equal(cache.lastCut, 'whole');
  // A change whose lengths do not add up.
  same(analyze(FILE_A, { uri, cache, index, change: { start: 5, oldEnd: 9, newEnd: 5 } }), analyze(FILE_A, { uri, index: new WorkspaceIndex() }), 'lengths');
});

test('composed changes: one change that covers both, in the right coordinates', () => {
  const edits: [number, number, string][] = [
    [10, 12, 'abc'],
    [2, 3, ''],
    [40, 40, 'xy'],
    [5, 30, 'Q'],
  ];
  let text = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP';
  const original = text;
  let change: TextChange | undefined;
  for (const [s, e, t] of edits) {
    text = text.slice(0, s) + t + text.slice(e);
    change = composeChanges(change, { start: s, oldEnd: e, newEnd: s + t.length });
    const c = change;
    // Outside the composed change the two texts agree.
    assert.equal(text.slice(0, c.start), original.slice(0, c.start));
    assert.equal(text.slice(c.newEnd), original.slice(c.oldEnd));
  }
  assert.deepEqual(change, { start: 2, oldEnd: 40, newEnd: 18 });
});

test('two files sharing an index: edits to either keep both files equal to a fresh analysis', () => {
  const fileArb = fc.constantFrom('a', 'b');
  fc.assert(
    fc.property(fc.array(fc.tuple(fileArb, editArb), { minLength: 1, maxLength: 12 }), fc.boolean(), (edits, setsInB) => {
      const uris = { a: 'file:///work/a.yaml', b: 'file:///work/b.yaml' };
      const texts = { a: FILE_A, b: objectsElsewhere(setsInB) };
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
