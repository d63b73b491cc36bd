/**
 * Repositories of mixed YAML: the CLI checks the files the language server speaks about, skips
 * YAML without a Kubernetes object (and says so), honours .gitignore and --exclude.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DUPLICATE_KEY, goodManifest, jsonOf, runCli, STS_DUPLICATE_KEY, TempDir } from './harness';

type JsonResult = { filePath: string; messages: { ruleId: string; severity: string }[]; skipped?: string }[];

const COMPOSE_WITH_TAB = 'services:\n  web:\n\timage: nginx\n    ports:\n      - "80:80"\n';
const BROKEN_CI = 'on: [push\njobs:\n  build: {runs-on: ubuntu-latest\n';
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - sts.yaml\n';

function withTree(files: Record<string, string>, body: (d: TempDir) => void): void {
  const d = new TempDir();
  try {
    for (const [rel, text] of Object.entries(files)) d.write(rel, text);
    body(d);
  } finally {
    d.remove();
  }
}

const relPaths = (r: JsonResult, root: string): string[] => r.map((f) => f.filePath.slice(root.length + 1)).sort();

test('YAML without a Kubernetes object is skipped, even with a tab or a syntax error, and counted in the summary', () => {
  withTree({ 'docker-compose.yml': COMPOSE_WITH_TAB, '.github/workflows/ci.yml': BROKEN_CI, 'openapi.yaml': 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\n', 'k8s/sts.yaml': goodManifest() }, (d) => {
    const r = runCli(['check', d.path]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^1 file checked, 3 skipped: no Kubernetes object$/m);
    assert.doesNotMatch(r.stdout, /tab-indentation|yaml-syntax/);
    const json = jsonOf<JsonResult>(runCli(['check', d.path, '--format', 'json']));
    assert.deepEqual(relPaths(json.filter((f) => !f.skipped), d.path), ['k8s/sts.yaml']);
    assert.deepEqual(
      json.filter((f) => f.skipped).map((f) => [f.filePath.slice(d.path.length + 1), f.skipped, f.messages.length]).sort(),
      [['.github/workflows/ci.yml', 'no Kubernetes object', 0], ['docker-compose.yml', 'no Kubernetes object', 0], ['openapi.yaml', 'no Kubernetes object', 0]],
      'skipped files are listed, marked, with no messages',
    );
  });
});

test('files given by name follow the same rule, and the summary names them', () => {
  withTree({ 'docker-compose.yml': COMPOSE_WITH_TAB, 'sts.yaml': goodManifest() }, (d) => {
    const compose = d.file('docker-compose.yml');
    const r = runCli(['check', compose, d.file('sts.yaml')]);
    assert.equal(r.status, 0, r.stdout);
    assert.ok(r.stdout.includes(`1 file checked, 1 skipped: no Kubernetes object (${compose})`), r.stdout);
  });
});

test('the same files as the language server: a file is reported on when it holds a StatefulSet or an object StatefulSets use', () => {
  withTree({ 'configmap.yaml': DUPLICATE_KEY, 'sts.yaml': STS_DUPLICATE_KEY }, (d) => {
    const r = runCli(['check', d.path, '--format', 'json']);
    assert.equal(r.status, 1);
    const byFile = new Map(jsonOf<JsonResult>(r).map((f) => [f.filePath.slice(d.path.length + 1), f.messages.map((m) => m.ruleId)]));
    assert.deepEqual(byFile.get('configmap.yaml'), [], 'a ConfigMap is checked (it holds a Kubernetes object) but its duplicate key is not ours to report');
    assert.ok(byFile.get('sts.yaml')?.includes('duplicate-key'));
  });
});

test('kustomization files are checked quietly, never skipped or failed; Kustomization without extension is found', () => {
  withTree({ 'base/kustomization.yaml': KUSTOMIZATION, 'base/sts.yaml': goodManifest(), 'overlay/Kustomization': 'resources:\n  - ../base\npatches:\n\t- path: p.yaml\n' }, (d) => {
    const r = runCli(['check', d.path, '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const result = jsonOf<JsonResult>(r);
    assert.deepEqual(relPaths(result, d.path), ['base/kustomization.yaml', 'base/sts.yaml', 'overlay/Kustomization']);
    assert.deepEqual(result.filter((f) => !f.filePath.endsWith('sts.yaml')).flatMap((f) => f.messages), []);
    assert.doesNotMatch(runCli(['check', d.path]).stdout, /skipped/);
  });
});

test('.gitignore files are honoured: the root one up to the git root, nested ones, negations', () => {
  withTree(
    {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'rendered/\n*.gen.yaml\n!keep.gen.yaml\n',
      'deploy/.gitignore': 'local/\n',
      'deploy/sts.yaml': goodManifest('a'),
      'deploy/rendered/bad.yaml': STS_DUPLICATE_KEY,
      'deploy/x.gen.yaml': STS_DUPLICATE_KEY,
      'deploy/keep.gen.yaml': goodManifest('b'),
      'deploy/local/bad.yaml': STS_DUPLICATE_KEY,
      'deploy/sub/c.yaml': goodManifest('c'),
    },
    (d) => {
      // Given a subfolder: the root's .gitignore still applies, found by walking up to .git.
      const r = runCli(['check', d.file('deploy'), '--format', 'json']);
      assert.equal(r.status, 0, r.stdout);
      assert.deepEqual(relPaths(jsonOf<JsonResult>(r), d.path), ['deploy/keep.gen.yaml', 'deploy/sts.yaml', 'deploy/sub/c.yaml']);
      // A file named explicitly is read even when ignored.
      assert.equal(runCli(['check', d.file('deploy/x.gen.yaml')]).status, 1);
    },
  );
});

test('without a git root, only the .gitignore files inside the folder given apply', () => {
  withTree({ 'outer/.gitignore': '*.yaml\n', 'outer/inner/sts.yaml': goodManifest() }, (d) => {
    const r = runCli(['check', d.file('outer/inner'), '--format', 'json']);
    assert.equal(jsonOf<JsonResult>(r).length, 1, 'outer/.gitignore is not consulted: no .git above it');
  });
});

test('--exclude GLOB, repeatable: relative to the current folder; a glob without / matches names', () => {
  withTree({ 'charts/a/sts.yaml': STS_DUPLICATE_KEY, 'app/sts.yaml': goodManifest(), 'app/tmp.draft.yaml': STS_DUPLICATE_KEY, 'app/other.yaml': goodManifest('o') }, (d) => {
    const r = runCli(['check', '.', '--exclude', 'charts/**', '--exclude', '*.draft.yaml', '--format', 'json'], { cwd: d.path });
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(jsonOf<JsonResult>(r).map((f) => f.filePath).sort(), ['app/other.yaml', 'app/sts.yaml']);
    const named = runCli(['check', 'app/tmp.draft.yaml', 'app/sts.yaml', '--exclude=*.draft.yaml', '--format', 'json'], { cwd: d.path });
    assert.deepEqual(jsonOf<JsonResult>(named).map((f) => f.filePath), ['app/sts.yaml'], 'named files are excluded too (pre-commit passes names)');
  });
});

test('vendor is never walked', () => {
  withTree({ 'vendor/github.com/x/sts.yaml': STS_DUPLICATE_KEY, 'sts.yaml': goodManifest() }, (d) => {
    mkdirSync(join(d.path, 'node_modules'));
    assert.equal(runCli(['check', d.path]).status, 0);
  });
});
