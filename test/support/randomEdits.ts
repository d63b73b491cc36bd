/**
 * Random edits for the incremental-equivalence tests (core and server): realistic multi-document
 * files, and the edits a person makes plus the ones that move chunk boundaries (`---` lines
 * typed and removed, a document deleted in part, a word retyped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, ROOT } from './paths';

/** One seed for every run, so a failure is reproducible. */
export const SEED = 20260517;

const read = (...p: string[]): string => readFileSync(join(...p), 'utf8');
const DIAG = join(FIXTURES, 'diagnostics');

/** Examples and fixtures that exercise the workspace rules, in one file of many documents. */
export function manyDocuments(): string {
  return [
    read(ROOT, 'examples', 'postgres.yaml'),
    read(ROOT, 'examples', 'redis.yaml'),
    read(DIAG, 'warnings', 'service-selector-mismatch.yaml'),
    read(DIAG, 'warnings', 'service-not-headless.yaml'),
    read(DIAG, 'warnings', 'pdb-blocks-eviction.yaml'),
    read(ROOT, 'examples', 'mistakes.yaml'),
  ].join('\n---\n');
}

/** Services, budgets and classes that a second file's StatefulSets look up (and, with `sets`, those StatefulSets). */
export function objectsElsewhere(sets: boolean): string {
  const parts = [
    read(DIAG, 'warnings', 'services.workspace', 'services.yaml'),
    read(DIAG, 'warnings', 'pdb.workspace', 'budgets.yaml'),
    read(DIAG, 'warnings', 'storage-class.workspace', 'classes.yaml'),
    read(ROOT, 'examples', 'kafka.yaml'),
  ];
  if (sets) parts.push(read(DIAG, 'warnings', 'services.workspace', 'statefulsets.yaml'), read(DIAG, 'warnings', 'pdb.workspace', 'statefulsets.yaml'));
  return parts.join('\n---\n');
}

const SNIPPETS = ['x', '-', ' ', '\n', ':', '"', '#', '\t', '0', '---\n', '\n---\n', '--- ', 'name: web\n', '  replicas: 2\n', 'kind: Service\n', 'clusterIP: None', '...\n', 'a', '%YAML 1.1\n', '%', '{{ .Values.x }}'];
const WORDS = ['web', 'nginx', 'None', '3', 'app', 'ReadWriteOnce'];

export type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace-word'; readonly at: number; readonly text: string }
  | { readonly kind: 'drop-marker'; readonly nth: number };

/** A point in the text as a fraction of its length, so an edit fits whatever the text became. */
const where = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.min(0.999999, Math.max(0, x)));

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: where, text: fc.constantFrom(...SNIPPETS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: where, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace-word' as const), at: where, text: fc.constantFrom(...WORDS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop-marker' as const), nth: fc.nat(40) }) },
);

/** What an edit does to `text`: replace [start, end) with `text`. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function replacementOf(text: string, e: Edit): Replacement {
  switch (e.kind) {
    case 'insert': {
      const at = Math.floor(e.at * (text.length + 1));
      return { start: at, end: at, text: e.text };
    }
    case 'delete': {
      const at = Math.floor(e.at * (text.length + 1));
      return { start: at, end: Math.min(text.length, at + e.length), text: '' };
    }
    case 'replace-word': {
      // The word (letters, digits, dashes) around a point: how a name or a value gets retyped.
      let start = Math.floor(e.at * text.length);
      let end = start;
      while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
      while (end < text.length && /[\w-]/.test(text[end])) end++;
      return { start, end, text: e.text };
    }
    case 'drop-marker': {
      const markers = [...text.matchAll(/^---[^\n]*\n/gm)];
      if (markers.length === 0) return { start: 0, end: 0, text: '' };
      const m = markers[e.nth % markers.length];
      return { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: '' };
    }
  }
}

export function applyReplacement(text: string, r: Replacement): string {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}
