/**
 * The base read from real git repositories (built with the git binary in a temporary folder; the
 * reader itself is isomorphic-git): HEAD, branches, tags and commit ids, a moved file, a renamed
 * object, CRLF, a file deleted at HEAD, a packed repository (`git gc`), a linked worktree, an
 * untracked file, no repository.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBaseReader, findRepository } from '../../server/src/base/gitBase';
import { analyze, type BaseSet, type Finding } from '../../server/src/core';
import { GIT_MISSING, GitRepo, statefulSet } from '../support/gitRepo';

function forbidden(text: string, base: BaseSet | undefined): Finding[] {
  return analyze(text, { uri: 'file:///x/db.yaml', base }).findings.filter((f) => f.code === 'update-forbidden');
}

describe('the base from git', { skip: GIT_MISSING }, () => {
  let repo: GitRepo;
  let first: string;
  before(() => {
    repo = new GitRepo();
    repo.write('k8s/db.yaml', statefulSet());
    repo.write('k8s/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n');
    repo.write('README.md', 'not yaml\n');
    first = repo.commit('first');
  });
  after(() => repo?.remove());

  test('HEAD: the committed version of the same objects', async () => {
    repo.write('k8s/db.yaml', statefulSet({ storage: '20Gi' }));
    const found = await new GitBaseReader().baseFor(repo.path('k8s/db.yaml'), 'HEAD', 'default');
    assert.equal(found.commit, first);
    assert.deepEqual(found.base?.objects.map((o) => `${o.source} ${o.resource.kind}/${o.resource.name}`).sort(), ['k8s/db.yaml StatefulSet/db', 'k8s/svc.yaml Service/db']);
    const [f] = forbidden(statefulSet({ storage: '20Gi' }), found.base);
    assert.match(f.message, /^storage was 10Gi at HEAD/);
  });

  test('a branch, a tag, an annotated tag and a commit id; an unknown ref has no base', async () => {
    repo.git('branch', 'release');
    repo.git('tag', 'v1');
    repo.git('tag', '-a', 'v1-annotated', '-m', 'annotated');
    repo.write('k8s/db.yaml', statefulSet({ storage: '30Gi' }));
    const second = repo.commit('second');
    const reader = new GitBaseReader();
    const file = repo.path('k8s/db.yaml');
    for (const ref of ['release', 'v1', 'v1-annotated', first, first.slice(0, 10)]) {
      const found = await reader.baseFor(file, ref, 'default');
      assert.equal(found.commit, first, ref);
      assert.match(forbidden(statefulSet({ storage: '40Gi' }), found.base)[0].message, new RegExp(`^storage was 10Gi at ${ref}`));
    }
    assert.equal((await reader.baseFor(file, 'HEAD', 'default')).commit, second);
    assert.deepEqual(await reader.baseFor(file, 'no-such-branch', 'default'), { reason: 'unknown ref no-such-branch' });
  });

  test('a moved file and a renamed object: matched by kind, namespace and name across files', async () => {
    mkdirSync(repo.path('apps'));
    repo.git('mv', 'k8s/db.yaml', 'apps/database.yaml');
    const moved = repo.path('apps/database.yaml');
    const reader = new GitBaseReader();
    const found = await reader.baseFor(moved, 'HEAD', 'default');
    assert.equal(forbidden(statefulSet({ storage: '50Gi' }), found.base).length, 1, 'the object is found in its old file');
    // Renamed: a new name is a new object, so nothing is compared (the old one is simply gone).
    assert.deepEqual(forbidden(statefulSet({ name: 'db2', storage: '50Gi' }), found.base), []);
    repo.git('mv', 'apps/database.yaml', 'k8s/db.yaml');
  });

  test('CRLF files read as the same objects', async () => {
    repo.write('k8s/db.yaml', statefulSet({ storage: '30Gi' }).replace(/\n/g, '\r\n'));
    repo.commit('crlf');
    const found = await new GitBaseReader().baseFor(repo.path('k8s/db.yaml'), 'HEAD', 'default');
    assert.deepEqual(forbidden(statefulSet({ storage: '30Gi' }), found.base), []);
    const [f] = forbidden(statefulSet({ storage: '60Gi' }).replace(/\n/g, '\r\n'), found.base);
    assert.match(f.message, /^storage was 30Gi at HEAD/);
  });

  test('a file deleted at HEAD: its objects are not in the base', async () => {
    repo.write('k8s/cache.yaml', statefulSet({ name: 'cache' }));
    const withCache = repo.commit('cache');
    unlinkSync(repo.path('k8s/cache.yaml'));
    repo.commit('remove cache');
    repo.write('k8s/cache.yaml', statefulSet({ name: 'cache', storage: '1Gi' }));
    const reader = new GitBaseReader();
    const found = await reader.baseFor(repo.path('k8s/cache.yaml'), 'HEAD', 'default');
    assert.equal(found.base, undefined, 'an untracked file, and no object at HEAD');
    assert.equal(found.reason, 'untracked');
    const before = await reader.baseFor(repo.path('k8s/cache.yaml'), withCache, 'default');
    assert.equal(forbidden(statefulSet({ name: 'cache', storage: '1Gi' }), before.base).length, 1, 'the commit before still has it');
    unlinkSync(repo.path('k8s/cache.yaml'));
  });

  test('a file added to the index but not committed is tracked: its objects are compared with the base', async () => {
    repo.write('k8s/copy.yaml', statefulSet({ storage: '70Gi' }));
    const reader = new GitBaseReader();
    assert.equal((await reader.baseFor(repo.path('k8s/copy.yaml'), 'HEAD', 'default')).reason, 'untracked');
    repo.git('add', 'k8s/copy.yaml');
    const found = await reader.baseFor(repo.path('k8s/copy.yaml'), 'HEAD', 'default');
    assert.ok(found.base);
    repo.git('rm', '-q', '--cached', 'k8s/copy.yaml');
    unlinkSync(repo.path('k8s/copy.yaml'));
  });

  test('a packed repository (git gc): packed refs and pack files', async () => {
    repo.git('gc', '-q', '--aggressive');
    repo.git('pack-refs', '--all');
    const reader = new GitBaseReader();
    const file = repo.path('k8s/db.yaml');
    for (const ref of ['HEAD', 'release', 'v1-annotated', 'main']) {
      const found = await reader.baseFor(file, ref, 'default');
      assert.ok(found.base, ref);
      assert.equal(found.base.objects.filter((o) => o.resource.kind === 'StatefulSet' && o.resource.name === 'db').length, 1, ref);
    }
  });

  test('the same commit is read once: a second file of the repository reuses its index', async () => {
    const reader = new GitBaseReader();
    const a = await reader.baseFor(repo.path('k8s/db.yaml'), 'HEAD', 'default');
    const b = await reader.baseFor(repo.path('k8s/svc.yaml'), 'HEAD', 'default');
    assert.equal(a.base, b.base);
    assert.notEqual((await reader.baseFor(repo.path('k8s/db.yaml'), 'HEAD', 'prod')).base, a.base, 'another default namespace places objects elsewhere');
  });

  test('a linked worktree: its own HEAD, the main repository\'s objects', async () => {
    const wt = mkdtempSync(join(tmpdir(), 'sts-wt-'));
    rmSync(wt, { recursive: true });
    repo.git('worktree', 'add', '-q', '-b', 'feature', wt, first);
    try {
      const found = await new GitBaseReader().baseFor(join(wt, 'k8s', 'db.yaml'), 'HEAD', 'default');
      assert.equal(found.commit, first);
      assert.ok(findRepository(join(wt, 'k8s', 'db.yaml'))?.commondir.endsWith('.git'));
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
  });
});

describe('no repository', () => {
  test('a file outside any repository has no base, and nothing is said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-norepo-'));
    try {
      writeFileSync(join(dir, 'db.yaml'), statefulSet());
      const found = await new GitBaseReader().baseFor(join(dir, 'db.yaml'), 'HEAD', 'default');
      // The temporary folder may itself sit in a repository on some machines; then it is untracked there.
      assert.equal(found.base, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
