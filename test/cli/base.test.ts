/**
 * `--base REF` through the built binary, on a real repository (built with the git binary, which
 * only the test runs): check reports forbidden changes and warnings, --explain prints the plan,
 * preview shows the difference, an unknown ref is bad usage, a file outside a repository or
 * untracked is checked as usual.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { jsonOf, runCli, TempDir } from './harness';
import { GIT_MISSING, GitRepo, statefulSet } from '../support/gitRepo';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  namespace: prod\nspec:\n  clusterIP: None\n  selector:\n    app: db\n';
const CLASS = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: ebs.csi.aws.com\nallowVolumeExpansion: true\n';
const withClass = (s: string) => s.replace('        accessModes:', '        storageClassName: fast\n        accessModes:');

describe('check and preview with --base', { skip: GIT_MISSING }, () => {
  let repo: GitRepo;
  before(() => {
    repo = new GitRepo();
    repo.write('db.yaml', `${SERVICE}---\n${withClass(statefulSet({ namespace: 'prod' }))}`);
    repo.write('classes.yaml', CLASS);
    repo.commit('deployed');
    repo.git('gc', '-q');
  });
  after(() => repo?.remove());

  test('check --base HEAD: one error per forbidden field, exit 1; without --base, none', () => {
    writeFileSync(repo.path('db.yaml'), `${SERVICE}---\n${withClass(statefulSet({ namespace: 'prod', storage: '20Gi', serviceName: 'db2' }))}`);
    const r = runCli(['check', '--base', 'HEAD', '--format', 'json', 'db.yaml', 'classes.yaml'], { cwd: repo.dir });
    assert.equal(r.status, 1, r.stderr);
    const [file] = jsonOf<{ messages: { ruleId: string; line: number; column: number; message: string }[] }[]>(r);
    const errors = file.messages.filter((m) => m.ruleId === 'update-forbidden');
    assert.deepEqual(errors.map((m) => m.message.split(';')[0]), ['serviceName was db at HEAD', 'storage was 10Gi at HEAD']);
    const plain = runCli(['check', '--format', 'json', 'db.yaml'], { cwd: repo.dir });
    assert.deepEqual(jsonOf<{ messages: { ruleId: string }[] }[]>(plain)[0].messages.filter((m) => m.ruleId === 'update-forbidden'), []);
  });

  test('check --base HEAD --explain prints the exact commands', () => {
    writeFileSync(repo.path('db.yaml'), `${SERVICE}---\n${withClass(statefulSet({ namespace: 'prod', storage: '20Gi' }))}`);
    const r = runCli(['check', '--base', 'HEAD', '--explain', 'db.yaml', 'classes.yaml'], { cwd: repo.dir });
    assert.equal(r.status, 1, r.stderr);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('kubectl'));
    assert.deepEqual(commands, [
      `kubectl patch pvc data-db-0 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      `kubectl patch pvc data-db-1 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      `kubectl patch pvc data-db-2 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      'kubectl delete statefulset db -n prod --cascade=orphan',
      `kubectl apply -f ${repo.path('db.yaml')}`,
    ]);
    assert.match(r.stdout, /StorageClass fast allows volume expansion/);
  });

  test('the governing Service renamed in the same file: a warning', () => {
    writeFileSync(repo.path('db.yaml'), `${SERVICE.replace('name: db\n', 'name: db-headless\n')}---\n${withClass(statefulSet({ namespace: 'prod' }))}`);
    const r = runCli(['check', '--base', 'HEAD', '--format', 'json', 'db.yaml'], { cwd: repo.dir });
    const m = jsonOf<{ messages: { ruleId: string; message: string }[] }[]>(r)[0].messages.find((x) => x.ruleId === 'governing-service-removed');
    assert.match(m?.message ?? '', /renamed to "db-headless"/);
  });

  test('preview --base HEAD: pods and PVCs against the base, in JSON and text', () => {
    writeFileSync(repo.path('db.yaml'), `${SERVICE}---\n${withClass(statefulSet({ namespace: 'prod', replicas: 1, retention: 'Delete' }))}`);
    const r = runCli(['preview', '--base', 'HEAD', '--format', 'json', 'db.yaml'], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    const [s] = jsonOf<{ statefulSets: { base?: { pods: { removed: string[] }; pvcs: { deleted: string[] } } }[] }>(r).statefulSets;
    assert.deepEqual(s.base?.pods.removed, ['db-1', 'db-2']);
    assert.deepEqual(s.base?.pvcs.deleted, ['data-db-1', 'data-db-2']);
    const text = runCli(['preview', '--base', 'HEAD', 'db.yaml'], { cwd: repo.dir });
    assert.match(text.stdout, /Compared with HEAD \(db\.yaml\)/);
    assert.match(text.stdout, /PVCs deleted {4}data-db-1, data-db-2/);
  });

  test('an unknown ref is bad usage (exit 2); --explain needs check --base and the stylish format', () => {
    const r = runCli(['check', '--base', 'no-such-ref', 'db.yaml'], { cwd: repo.dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--base no-such-ref: no such branch, tag or commit/);
    assert.equal(runCli(['check', '--explain', 'db.yaml'], { cwd: repo.dir }).status, 2);
    assert.equal(runCli(['check', '--base', 'HEAD', '--explain', '--format', 'json', 'db.yaml'], { cwd: repo.dir }).status, 2);
  });
});

describe('--base without a repository', () => {
  const tmp = new TempDir();
  after(() => tmp.remove());
  test('a file outside any repository is checked as usual, nothing said about a base', () => {
    const file = tmp.write('db.yaml', statefulSet({ storage: '20Gi' }));
    const r = runCli(['check', '--base', 'HEAD', '--format', 'json', file]);
    assert.notEqual(r.status, 2, r.stderr);
    assert.deepEqual(jsonOf<{ messages: { ruleId: string }[] }[]>(r)[0].messages.filter((m) => m.ruleId === 'update-forbidden'), []);
  });
});
