/**
 * Half-written text, made from valid StatefulSet files the way people damage them while typing:
 * lines deleted, duplicated and swapped, the file cut short, indentation changed, tabs, non-ASCII
 * and astral characters, YAML punctuation typed in the wrong place, CRLF and a BOM. Mutations are
 * plain data, so fast-check prints a failing case as something a person can replay.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT } from '../../support/paths';

export type Mutation =
  | { readonly op: 'delete-line'; readonly at: number }
  | { readonly op: 'duplicate-line'; readonly at: number }
  | { readonly op: 'swap-lines'; readonly at: number; readonly with: number }
  | { readonly op: 'cut'; readonly at: number }
  | { readonly op: 'indent'; readonly at: number; readonly by: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'crlf' }
  | { readonly op: 'bom' };

/**
 * What gets typed into a file: characters that change YAML's structure, YAML 1.1 words that change
 * a type, and text that stresses offsets (astral characters are two UTF-16 units, lone surrogates
 * and NUL are not valid anywhere, U+202E reorders what follows it on screen).
 */
export const PALETTE: readonly string[] = [
  '\t', ' ', '  ', '\n', '\r\n', '\r', '-', '- ', ': ', ':', '?', '? ', ',', '[', ']', '{', '}', '#', '"', "'", '|', '>', '|-\n',
  '&a ', '*a', '<<: *a\n', '<<: [*a, *b]\n', '!!binary ', '!custom ', '!!python/object:os.system ', '!!str ', '---\n', '...\n', '%YAML 1.1\n',
  'null', '~', 'yes', 'no', 'on', '0x1F', '0o17', '1e999', '-1', '2147483648', '.inf', '12:30', '1Gi', '1.5Mi',
  'é', 'ü', '日本語', 'ß', '😀', '𝔘𝔫𝔦', 'e\u0301', '\u200B', '\u202E', '\u2066', '\uFEFF', '\u0000', '\uD800', '\uDC00', '\u0085', '\u2028',
  'kind: StatefulSet\n', 'apiVersion: apps/v1\n', 'spec:\n', '  replicas: 3\n', 'name: web', '{{ .Values.x }}',
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...PALETTE) }), weight: 4 },
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 6 }) }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'bom' as const }),
);

/** A seed file and the mutations made to it. */
export interface Damaged {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

export function damagedArb(seeds: number, maxMutations = 4): fc.Arbitrary<Damaged> {
  return fc.record({ seed: fc.nat({ max: seeds - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: maxMutations }) });
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function applyMutation(text: string, m: Mutation): string {
  const ls = lines(text);
  const line = (n: number): number => (ls.length === 0 ? 0 : n % ls.length);
  switch (m.op) {
    case 'delete-line':
      if (ls.length === 0) return text;
      ls.splice(line(m.at), 1);
      return ls.join('');
    case 'duplicate-line': {
      if (ls.length === 0) return text;
      const i = line(m.at);
      const copy = ls[i].endsWith('\n') ? ls[i] : `\n${ls[i]}`;
      ls.splice(i + 1, 0, copy);
      return ls.join('');
    }
    case 'swap-lines': {
      if (ls.length < 2) return text;
      const [i, j] = [line(m.at), line(m.with)];
      // Keep each line's own ending where it stands, so the last line cannot swallow another.
      const body = (s: string) => s.replace(/\r?\n$/, '');
      const end = (s: string) => s.slice(body(s).length);
      const [a, b] = [ls[i], ls[j]];
      ls[i] = body(b) + end(a);
      ls[j] = body(a) + end(b);
      return ls.join('');
    }
    case 'cut':
      return text.slice(0, m.at % (text.length + 1));
    case 'indent': {
      if (ls.length === 0) return text;
      const i = line(m.at);
      ls[i] = m.by >= 0 ? ' '.repeat(m.by) + ls[i] : ls[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return ls.join('');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  }
}

export function damage(seedText: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, seedText);
}

export interface Seed {
  readonly name: string;
  readonly text: string;
}

/**
 * Valid StatefulSet files to damage: the examples, the identity fixtures (every StatefulSet shape
 * the preview knows) and the quick-fix fixtures (every fix kind has a finding to answer there).
 */
export function loadSeeds(): Seed[] {
  const dirs = [join(ROOT, 'examples'), join(FIXTURES, 'identities'), join(FIXTURES, 'fixes')];
  const out: Seed[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      if (!n.endsWith('.yaml') || n.endsWith('.fixed.yaml')) continue;
      out.push({ name: `${dir.slice(ROOT.length + 1)}/${n}`, text: readFileSync(join(dir, n), 'utf8') });
    }
  }
  if (out.length === 0) throw new Error('no seed files found under examples/ and test/fixtures/');
  return out;
}

/** A failing case as text a person can read and replay. */
export function describeCase(seeds: readonly Seed[], d: Damaged): string {
  return `seed ${seeds[d.seed].name}, mutations ${JSON.stringify(d.mutations)}`;
}
