/**
 * The in-process kustomize build against the real thing. Uses kubectl (`kubectl kustomize`, which
 * embeds kustomize 5) and skips, saying so, where kubectl or the shared corpus is absent.
 *
 * Every kustomization of every tree in ../shared/corpus/real-repos/kustomize, and the generated
 * overlays in kustomizeCases.ts, is built by kubectl and by us; both outputs are parsed (YAML 1.1,
 * as the analysis reads them) and compared object by object, keyed by kind, namespace and name.
 * Where kubectl fails, our build must fail or say what it did not build; where we leave something
 * out (generators, remote bases), the build must say so instead of giving objects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../../server/src/core/parse';
import { buildKustomization, type Build } from '../../server/src/core/kustomize/build';
import { emitObjects } from '../../server/src/core/kustomize/emit';
import { deepEqualJson } from '../../server/src/core/kustomize/tree';
import { SHARED } from '../support/paths';
import { GENERATED_CASES } from './kustomizeCases';

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const TREES = join(SHARED, 'corpus', 'real-repos', 'kustomize');
const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function readFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function kubectlKustomize(dir: string): { ok: true; text: string } | { ok: false; error: string } {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? { ok: true, text: r.stdout } : { ok: false, error: r.stderr.trim().split('\n').pop() ?? '' };
}

function objectsOf(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const d of parseAllDocuments(text, PARSE_OPTIONS)) {
    const o = d.toJS({ maxAliasCount: -1 }) as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    if (o) out.set(`${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o);
  }
  return out;
}

interface Outcome {
  readonly dir: string;
  readonly verdict: 'equal' | 'both-fail' | 'not-built' | 'differs' | 'we-fail' | 'we-build-kubectl-fails';
  readonly objects: number;
  readonly equalObjects: number;
  readonly detail: string;
}

function compare(dir: string): Outcome {
  const real = kubectlKustomize(dir);
  const ours = buildKustomization(dir, readFile, { sha256 }) as Build;
  const partial = ours.notBuilt.length > 0;
  if (!real.ok) {
    if (ours.failure || partial) return { dir, verdict: 'both-fail', objects: 0, equalObjects: 0, detail: `kubectl: ${real.error}; ours: ${ours.failure?.what ?? ours.notBuilt.map((n) => n.what).join(', ')}` };
    return { dir, verdict: 'we-build-kubectl-fails', objects: 0, equalObjects: 0, detail: real.error };
  }
  const theirs = objectsOf(real.text);
  if (partial) return { dir, verdict: 'not-built', objects: theirs.size, equalObjects: 0, detail: ours.notBuilt.map((n) => n.what).join(', ') };
  if (ours.failure) return { dir, verdict: 'we-fail', objects: theirs.size, equalObjects: 0, detail: ours.failure.what };
  const mine = objectsOf(emitObjects(ours.objects.map((o) => o.root)).text);
  let equal = 0;
  const problems: string[] = [];
  for (const [key, obj] of theirs) {
    if (!mine.has(key)) problems.push(`missing ${key}`);
    else if (deepEqualJson(mine.get(key), obj)) equal++;
    else problems.push(`differs ${key}: ${firstDifference(mine.get(key), obj, '')}`);
  }
  for (const key of mine.keys()) if (!theirs.has(key)) problems.push(`extra ${key}`);
  return { dir, verdict: problems.length === 0 ? 'equal' : 'differs', objects: theirs.size, equalObjects: equal, detail: problems.join('\n') };
}

/** The first path where two JSON values differ, with both values there. */
function firstDifference(a: unknown, b: unknown, path: string): string {
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      if (!deepEqualJson(ao[k], bo[k])) return firstDifference(ao[k], bo[k], `${path}/${k}`);
    }
  }
  return `at ${path || '/'} ours ${JSON.stringify(a)?.slice(0, 300)}, kubectl ${JSON.stringify(b)?.slice(0, 300)}`;
}

function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (NAMES.includes(n) && !/^kind:\s*Component/m.test(readFileSync(p, 'utf8'))) out.push(dir);
    }
  };
  walk(root);
  return out;
}

function report(label: string, outcomes: readonly Outcome[]): void {
  const built = outcomes.filter((o) => o.verdict !== 'not-built');
  const objects = built.reduce((s, o) => s + o.objects, 0);
  const equal = built.reduce((s, o) => s + o.equalObjects, 0);
  const notBuiltObjects = outcomes.filter((o) => o.verdict === 'not-built').reduce((s, o) => s + o.objects, 0);
  const by = (v: Outcome['verdict']) => outcomes.filter((o) => o.verdict === v).length;
  console.log(
    `${label}: ${outcomes.length} kustomizations, ${by('equal')} equal, ${by('not-built')} not built (said so, ${notBuiltObjects} objects in kubectl's output), ` +
      `${by('both-fail')} fail in both; objects of the built ones: ${equal}/${objects} equal`,
  );
}

function assertAll(outcomes: readonly Outcome[]): void {
  const bad = outcomes.filter((o) => o.verdict === 'differs' || o.verdict === 'we-fail' || o.verdict === 'we-build-kubectl-fails');
  assert.deepEqual(bad.map((o) => `${o.dir}: ${o.verdict}\n${o.detail}`), []);
}

const skipReal = !KUBECTL ? 'kubectl is not installed' : !existsSync(TREES) ? `${TREES} is absent` : false;

test('kubectl kustomize and our build agree on every kustomization of the real trees (uses kubectl)', { skip: skipReal }, () => {
  const all: Outcome[] = [];
  for (const tree of readdirSync(TREES).sort()) {
    const outcomes = kustomizationDirs(join(TREES, tree)).map(compare);
    report(`  ${tree}`, outcomes.map((o) => ({ ...o, dir: relative(TREES, o.dir) })));
    for (const o of outcomes) if (o.verdict !== 'equal') console.log(`    ${relative(TREES, o.dir)}: ${o.verdict} (${o.detail.split('\n')[0]})`);
    all.push(...outcomes);
  }
  report('real trees', all);
  assert.ok(all.length >= 20, `only ${all.length} kustomizations found`);
  assertAll(all);
  const failing = all.find((o) => o.dir.endsWith('variants/scale-6-9'));
  assert.equal(failing?.verdict, 'both-fail', 'yolean scale-6-9 fails in kustomize and must fail or be not built here');
});

test('kubectl kustomize and our build agree on the generated overlays (uses kubectl)', { skip: KUBECTL ? false : 'kubectl is not installed' }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sst-kustomize-'));
  try {
    const outcomes: Outcome[] = [];
    for (const c of GENERATED_CASES) {
      const root = join(tmp, c.name);
      for (const [path, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      outcomes.push({ ...compare(join(root, c.overlay ?? '.')), dir: c.name });
    }
    report('generated', outcomes);
    assert.ok(outcomes.length >= 20);
    const expected = GENERATED_CASES.map((c) => `${c.name}: ${c.expect ?? 'equal'}`);
    assert.deepEqual(outcomes.map((o) => `${o.dir}: ${o.verdict}${o.verdict === GENERATED_CASES.find((c) => c.name === o.dir)?.expect ? '' : `\n${o.detail}`}`), expected);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
