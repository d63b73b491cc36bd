/**
 * The fast YAML path (core/fastYaml.ts) against the `yaml` package: wherever the fast path takes
 * a chunk, `parseChunk` must give exactly what `parseChunkWithYaml` gives (trees, spans, values,
 * YAML 1.1 types, styles, resources, document spans). Over every fixture, example and corpus file,
 * the benchmark's workloads, random mutations of all of them (fixed seed) and YAML written by the
 * `yaml` package from random values; and the fast path must take the workloads and the realistic
 * files, or it would speed nothing up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { fastParseChunk } from '../../server/src/core/fastYaml';
import { parseChunk, parseChunkWithYaml, splitChunks } from '../../server/src/core/parse';
import { ROOT, SHARED } from '../support/paths';
import { SEED } from '../support/randomEdits';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

interface Source {
  readonly name: string;
  readonly text: string;
}

const FILES: Source[] = [join(ROOT, 'test', 'fixtures'), join(ROOT, 'examples'), join(SHARED, 'corpus')]
  .flatMap(yamlFiles)
  .map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

type Workload = (sets: number, variant?: string) => { text: string };

async function workloads(): Promise<Source[]> {
  const mod = (await import(pathToFileURL(join(ROOT, 'test', 'bench', 'workload.mjs')).href)) as { workload: Workload };
  return [
    { name: 'workload 100', text: mod.workload(100).text },
    { name: 'workload 100 errors', text: mod.workload(100, 'errors').text },
  ];
}

/** Checks every chunk of `text`; returns how many the fast path took, of how many. */
function check(text: string, what: string): { taken: number; chunks: number } {
  let taken = 0;
  const chunks = splitChunks(text);
  for (const c of chunks) {
    if (fastParseChunk(c.text) === undefined) continue;
    taken++;
    assert.deepStrictEqual(parseChunk(c.text), parseChunkWithYaml(c.text), `${what}: chunk at ${c.start}: ${JSON.stringify(c.text.slice(0, 400))}`);
  }
  return { taken, chunks: chunks.length };
}

/** Takes the chunk and equals the `yaml` package's reading. */
function taken(text: string): void {
  assert.ok(fastParseChunk(text) !== undefined, `the fast path should take ${JSON.stringify(text)}`);
  assert.deepStrictEqual(parseChunk(text), parseChunkWithYaml(text), JSON.stringify(text));
}

test('the subset: typing, quoting, flow, comments, empty values and markers read as the yaml package reads them', () => {
  const scalars = [
    'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'NO', 'true', 'True', 'TRUE', 'false', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'oN', 'yES',
    '~', 'null', 'Null', 'NULL', 'nULL', '0', '-0', '+1', '007', '0755', '0o17', '0x1F', '0X1F', '0xfe', '-0x1', '0b101', '1_000', '1__0', '1:30', '-1:30:05', '1:30.5', '1:60',
    '1.0', '1.', '.5', '-.5', '1.5e3', '1e3', '1E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.', '12e', '3.14_15',
    '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-13-45', '20011214',
    '250m', '512Mi', '1Gi', 'nginx:1.25', 'http://x.example/a?b=c', 'a b  c', 'é', '😀x', 'x]', 'x}', 'a,b', 'a:b', '-x', '--x', 'x#y', '0.0.0.0', '1e', 'e3', 'E-2', 'e12345678', 'NaN', 'inf',
  ];
  for (const s of scalars) {
    taken(`a: ${s}\n`);
    taken(`- ${s}\n`);
    taken(`${s}: v\n`);
    if (!/[,[\]{}#]|: /.test(s)) taken(`a: [${s}, x]\n`);
  }
  const docs = [
    "a: 'it''s'\nb: \"tab\\there \\u00e9\\x41\\U0001F600 \\\" \\\\ \\/ \\0 \\_\"\nc: ''\nd: \"\"\n",
    'a:\n  b:\n    - x\n    -\n    - y: 1\n      z: 2\n    - - n\n      - m\n  c: {k: v, n: [1, "2", {d: e}]}\n  e: [ ]\n  f: {}\n',
    'a:\n- x\n- y\nb: 1\n',
    '- a:\n  - x\n- b:\n  c: 1\n',
    '# head\n\na: 1 # one\n  # indented comment\nb:   # empty then comment\n\n# c\nc: x\n# tail\n\n',
    '---\na: 1\n',
    '---\n', '---', '---\r\n\r\n', '---   \n', '---\n   \n\n', '\n---\n',
    '--- # marker comment\n- 1\n- 2\n',
    'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\n',
    '  a: 1\n  b: 2\n',
    '"quoted key": 1\n\'single\': 2\n',
    'a: 1   \n',
    'a: 1',
    '',
    '# only a comment\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    'a: |\n  line one\n    indented\n\n  # not a comment\nb: >-\n  folded\n  text\n\n  para\n    more\nc: |+\n  kept\n\n\nd: 1\n',
    '- |-\n  x\n- >\n  y\n  \n- z\n',
    'a:\n  b: |\n    x\n  \n   \nc: 1\n',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n',
  ];
  for (const d of docs) taken(d);
});

test('outside the subset: the fast path leaves these to the yaml package', () => {
  const outside = [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '<<: {a: 1}\n',
    '? a\n: 1\n',
    'a: |2\n  text\n',
    'a: |\n\n    more-indented leading blank line\n  text\n',
    'a: |\nb: 1\n',
    'a: "multi\n  line"\n',
    'a: plain\n  continued\n',
    // A comment line before a scalar on the key's next line: yaml reads `s:# 0 x` as a key (an error).
    'o:\n  k:\n  #c\n    s:# 0\n  x: 1\n',
    'a:\n\tb: 1\n',
    'a: [1,\n  2]\n',
    '%YAML 1.1\n---\na: 1\n',
    'a: 1\n...\n',
    'a: 1\nb:\n',
    'a: b: c\n',
    'a : 1\n',
    'plain root\n',
    '--- # c\n\n# x\n',
    'a: 1\n  b: 2\n',
    'a: "\\q"\n',
    '\ufeffa: 1\n',
  ];
  for (const d of outside) {
    assert.equal(fastParseChunk(d), undefined, JSON.stringify(d));
    assert.deepStrictEqual(parseChunk(d), parseChunkWithYaml(d));
  }
});

test('every fixture, example and corpus file: where the fast path takes a chunk, it equals the yaml package', () => {
  let all = 0;
  let took = 0;
  let corpusAll = 0;
  let corpusTook = 0;
  for (const f of FILES) {
    const { taken: t, chunks } = check(f.text, f.name);
    all += chunks;
    took += t;
    if (f.name.includes(`corpus${'/'}real`)) {
      corpusAll += chunks;
      corpusTook += t;
    }
  }
  assert.ok(all > 200, `found ${all} chunks`);
  // Most of what falls back is broken YAML, templates, block scalars and anchors, kept on purpose.
  assert.ok(took / all > 0.85, `the fast path took ${took} of ${all} chunks`);
  if (corpusAll > 0) assert.ok(corpusTook / corpusAll > 0.8, `the fast path took ${corpusTook} of ${corpusAll} real corpus chunks`);
});

test('the benchmark workloads: the fast path takes every chunk and equals the yaml package', async () => {
  for (const w of await workloads()) {
    const { taken: t, chunks } = check(w.text, w.name);
    assert.equal(t, chunks, `${w.name}: the fast path took ${t} of ${chunks} chunks`);
  }
});

const INSERTS = [
  ':', ': ', ' #', '#', '"', "'", '|', '|-', '>', '\t', 'é', '😀', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '~', 'yes', 'on',
  '0x1F', '0755', '1_000', '1:30', '2001-12-14', '.inf', '\\', '\\u00e9', '\n', '  ', ' ', '---\n', '...\n', '? ', '<<: ', '%', '\r', '\u2028', '\ufeff',
];

type Mutation = { readonly kind: 'delete' | 'duplicate' | 'indent' | 'insert' | 'crlf'; readonly at: number; readonly arg: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'duplicate', 'indent', 'insert', 'insert', 'insert', 'crlf'),
  at: fc.nat(),
  arg: fc.nat(),
});

function mutate(text: string, m: Mutation): string {
  if (m.kind === 'crlf') return text.replace(/\r?\n/g, '\r\n');
  if (m.kind === 'insert') {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    return text.slice(0, at) + INSERTS[m.arg % INSERTS.length] + text.slice(at);
  }
  const lines = text.split('\n');
  const i = m.at % lines.length;
  if (m.kind === 'delete') lines.splice(i, 1);
  else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]);
  else {
    const delta = [-2, -1, 1, 2][m.arg % 4];
    lines[i] = delta > 0 ? ' '.repeat(delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-delta}}`), '');
  }
  return lines.join('\n');
}

test('mutated files: wherever the fast path takes a chunk, it equals the yaml package', async () => {
  // Small sources keep each run cheap; the mutations reach every construct they hold.
  const sources = [...FILES.filter((f) => f.text.length < 20_000), ...(await workloads()).map((w) => ({ name: w.name, text: w.text.slice(0, 12_000) }))];
  let tookAny = 0;
  fc.assert(
    fc.property(fc.nat(sources.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, ms) => {
      let text = sources[i].text;
      for (const m of ms) text = mutate(text, m);
      if (check(text, `${sources[i].name} after ${JSON.stringify(ms)}`).taken > 0) tookAny++;
    }),
    { seed: SEED, numRuns: 3000 },
  );
  assert.ok(tookAny > 1000, `the fast path took a chunk in ${tookAny} of 3000 runs`);
});

test('YAML the yaml package writes from random values: the fast path equals its reading', () => {
  const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('y', 'on', '0755', '1:30', '~', 'null', '1.0', 'a b', '- x', 'a: b', '#c'));
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('yes', 'No', 'off', '0x1F', '0o17', '012', '1_000', '1:30', '2001-12-14', '.inf', '.nan', '~', '', ' lead', 'trail ', "it's", 'a"b', 'multi\nline', 'é😀'),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('seq'), tie('map')),
    seq: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).map;
  let took = 0;
  fc.assert(
    fc.property(value, fc.boolean(), (v, flowish) => {
      const text = stringify(v, { version: '1.1', collectionStyle: flowish ? 'any' : 'block' });
      if (check(text, 'stringified').taken > 0) took++;
    }),
    { seed: SEED, numRuns: 2000 },
  );
  assert.ok(took > 500, `the fast path took ${took} of 2000`);
});

/**
 * Block YAML made from a seed: maps, sequences (compact and at their key's indentation), values
 * on the line after their key (some going on over a second line), block scalars with every chomping and trailing blank lines at any indentation, flow collections,
 * empty values, comments and blank lines at random indentations, markers, CRLF. Aims at the
 * places where the document's layout decides spans: where collections and block scalars end.
 */
function blockYaml(seed: number): string {
  let s = seed;
  const rnd = (n: number): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const pick = <T>(a: readonly T[]): T => a[rnd(a.length)];
  const scalars = ['x', 'a b', 'yes', 'on', '1', '0755', '0x1F', '1:30', '2001-12-14', '~', 'null', '1.5', '.inf', "'q'", '"d\\n"', '""', "''", '[a, b]', '{k: v}', '[]', '{}', '[{a: 1}, [2]]', 'é😀', 'a:b', 'x#y', '-1'];
  const sp = (): string => ' '.repeat(rnd(3));
  const junk = (ind: number): string => {
    const r = rnd(10);
    return r === 0 ? `${' '.repeat(rnd(ind + 3))}# c\n` : r === 1 ? `${' '.repeat(rnd(ind + 4))}\n` : '';
  };
  const value = (depth: number, col: number): string => {
    const r = rnd(10);
    if (r < 4) return ` ${pick(scalars)}${sp()}${rnd(5) === 0 ? ' # c' : ''}\n`;
    if (r === 4) return `${sp()}\n`;
    if (r === 5) {
      const bi = col + 1 + rnd(3);
      let out = ` ${pick(['|', '|-', '|+', '>', '>-', '>+'])}${sp()}\n`;
      for (let n = 1 + rnd(4); n > 0; n--) {
        const k = rnd(6);
        out += k === 0 ? `${' '.repeat(rnd(bi + 3))}\n` : `${' '.repeat(bi + (k === 1 ? rnd(3) : 0))}${pick(['text', 'more words', '# hash', '- dash', 'k: v'])}\n`;
      }
      return out;
    }
    const ni = col + 1 + rnd(3);
    if (r === 6) return `${sp()}\n${junk(ni)}${' '.repeat(ni)}${pick(scalars)}\n${rnd(3) === 0 ? `${' '.repeat(ni + rnd(2))}more\n` : ''}`;
    return `${sp()}${rnd(4) === 0 ? ' # c' : ''}\n${junk(ni)}${collection(rnd(2) ? 'map' : 'seq', ni, depth + 1)}`;
  };
  const collection = (kind: 'map' | 'seq', ind: number, depth: number): string => {
    const pad = ' '.repeat(ind);
    let out = '';
    for (let n = 1 + rnd(4); n > 0; n--) {
      if (kind === 'map') {
        out += `${junk(ind)}${pad}${pick(['a', 'b', 'name', 'y', '"q"', "'s'", '1', 'on', 'k k', 'x.y/z'])}:`;
        if (rnd(6) === 0) {
          out += `${sp()}\n`;
          for (let m = 1 + rnd(3); m > 0; m--) out += `${pad}-${depth > 4 ? ' x\n' : value(depth + 1, ind)}`;
        } else {
          out += depth > 4 ? ' x\n' : value(depth, ind);
        }
      } else {
        out += `${junk(ind)}${pad}-`;
        if (rnd(4) === 0 && depth < 5) out += ` ${collection('map', ind + 2, depth + 1).slice(ind + 2)}`;
        else out += depth > 4 ? ' x\n' : value(depth, ind);
      }
    }
    return out;
  };
  let text = `${rnd(5) === 0 ? `---${sp()}\n` : ''}${junk(0)}${collection(rnd(2) ? 'map' : 'seq', 0, 0)}${junk(0)}${rnd(4) === 0 ? '\n' : ''}`;
  if (rnd(6) === 0) text = text.replace(/\n/g, '\r\n');
  if (rnd(5) === 0) text = text.replace(/\r?\n$/, '');
  return text;
}

test('generated block YAML: wherever the fast path takes it, it equals the yaml package', () => {
  let took = 0;
  fc.assert(
    fc.property(fc.nat(), (seed) => {
      if (check(blockYaml(seed), `blockYaml(${seed})`).taken > 0) took++;
    }),
    { seed: SEED, numRuns: 4000 },
  );
  assert.ok(took > 1500, `the fast path took ${took} of 4000`);
});

test('plain scalars over the characters YAML 1.1 typing reads: typed as the yaml package types them', () => {
  const chars = '0123456789eE.+-_:xXoObB~nNyYtTfFaAlLsSuUrRiI '.split('');
  const text = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 9 }).map((cs) => cs.join('').trim());
  let took = 0;
  fc.assert(
    fc.property(text, (s) => {
      took += check(`a: ${s}\nc:\n- ${s}\n${s}: b\n`, `plain ${JSON.stringify(s)}`).taken;
    }),
    { seed: SEED, numRuns: 5000 },
  );
  assert.ok(took > 3000, `the fast path took ${took} of 5000`);
});
