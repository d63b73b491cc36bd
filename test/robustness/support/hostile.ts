/**
 * Hostile YAML: the small cases are files in test/fixtures/hostile/, the big ones are made here at
 * test time (a 20 MB file has no place in git). Each says what a good outcome is: a finding with a
 * given rule id, or only that the work stays bounded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../support/paths';

export interface HostileCase {
  readonly name: string;
  /** What makes it hostile, for the test's title. */
  readonly what: string;
  make(): string;
  /** A rule id the analysis must report (a clear finding), if any. */
  readonly expect?: string;
}

export const HOSTILE_DIR = join(FIXTURES, 'hostile');
/** The file `tags.yaml` tells a careless loader to create: it must never appear. */
export const PWNED = '/tmp/statefulset-tools-pwned';

const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n';
const fixture = (name: string) => (): string => readFileSync(join(HOSTILE_DIR, name), 'utf8');

/** Deterministic bytes (a linear congruential generator), so the binary case is the same every run. */
function bytes(n: number): string {
  let x = 20250601;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x & 0xff);
  }
  return out;
}

/** A valid StatefulSet with its Service, repeated to `size` characters: a big generated bundle. */
function bundle(size: number): string {
  const one = `${STS}spec:\n  serviceName: web\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: busybox}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector: {app: web}\n---\n`;
  return one.repeat(Math.ceil(size / one.length));
}

export const HOSTILE: readonly HostileCase[] = [
  { name: 'billion-laughs', what: 'alias expansion bomb (10^9 strings if copied)', make: fixture('billion-laughs.yaml') },
  { name: 'merge-loop', what: 'merge keys that loop back to their own mapping', make: fixture('merge-loop.yaml'), expect: 'yaml-syntax' },
  { name: 'tags', what: '!!binary, !custom, !!python/object and !!js/function tags', make: fixture('tags.yaml') },
  { name: 'deep-flow-seq', what: '10,000 nested flow sequences', make: () => `${STS}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, expect: 'analysis-limit' },
  { name: 'deep-flow-map', what: '10,000 nested flow mappings', make: () => `${STS}spec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, expect: 'analysis-limit' },
  { name: 'deep-unclosed', what: '100,000 unclosed flow mappings on one line', make: () => `${STS}spec: ${'{'.repeat(100_000)}\n`, expect: 'analysis-limit' },
  { name: 'deep-block-seq', what: '10,000 nested block sequences (`- - - ...`)', make: () => `${STS}spec:\n  ${'- '.repeat(10_000)}x\n`, expect: 'analysis-limit' },
  { name: 'deep-block-map', what: '1,200 nested block mappings', make: () => `${STS}spec:\n${Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`, expect: 'analysis-limit' },
  { name: 'deep-anchors', what: '10,000 nested anchors, each holding the next', make: () => `${STS}spec: ${Array.from({ length: 10_000 }, (_, i) => `&a${i} [`).join('')}${']'.repeat(10_000)}\n`, expect: 'analysis-limit' },
  {
    name: 'deep-aliases',
    what: 'aliases stacking 60-level anchors past the depth limit',
    make: () => {
      const lines = [`${STS}x:`, `  a0: &a0 ${'['.repeat(60)}1${']'.repeat(60)}`];
      for (let i = 1; i < 8; i++) lines.push(`  a${i}: &a${i} ${'['.repeat(60)}*a${i - 1}${']'.repeat(60)}`);
      return `${lines.join('\n')}\n`;
    },
    expect: 'analysis-limit',
  },
  { name: 'past-the-file-limit', what: 'a 65 MiB file of StatefulSets and Services (over MAX_FILE_LENGTH)', make: () => bundle(65 * 1024 * 1024), expect: 'analysis-limit' },
  // Plain block YAML: checked whatever its length (the document limit is for YAML the fast reader leaves to the yaml package).
  { name: 'big-document', what: 'one 2 MB block document', make: () => `${STS}spec:\n  template:\n    metadata:\n      annotations:\n${Array.from({ length: 70_000 }, (_, i) => `        k${i}: "value number ${i}"`).join('\n')}\n` },
  { name: 'big-flow-document', what: 'one 1.2 MB document of flow mappings over several lines', make: () => `${STS}spec: {${Array.from({ length: 60_000 }, (_, i) => `k${i}: "value ${i}"`).join(',\n  ')}}\n`, expect: 'analysis-limit' },
  // A one-line flow map the fast reader takes: checked, in time linear in its length.
  { name: 'five-megabyte-line', what: 'a single 5 MB line', make: () => `${STS}  annotations: {x: "${'y'.repeat(5 * 1024 * 1024)}"}\n` },
  { name: 'long-line-of-braces', what: 'a 900 KB line of `{{` (a quadratic template search)', make: () => `${STS}x: ${'{{ '.repeat(300_000)}\n` },
  { name: 'duplicate-keys', what: '100,000 keys written twice', make: () => `${STS}spec: {${'a: 1, '.repeat(100_000)}}\n`, expect: 'analysis-limit' },
  { name: 'binary', what: '64 KB of binary bytes, NUL included', make: () => bytes(64 * 1024) },
];

export function hostileCase(name: string): HostileCase {
  const c = HOSTILE.find((h) => h.name === name);
  if (!c) throw new Error(`no hostile case ${name}`);
  return c;
}
