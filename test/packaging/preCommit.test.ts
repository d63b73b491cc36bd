/**
 * .pre-commit-hooks.yaml, run by the real pre-commit (Debian's package; `.ci/run` installs it) with
 * the configuration docs/ci.md shows, its repo pointed at a clone of this working tree: pre-commit
 * clones it, installs the hook with npm (`npm install`, `npm pack` whose prepack builds, `npm
 * install -g` of the tarball) and runs the entry with the hook's args and the commit's YAML files.
 * The npm install fetches the devDependencies the build needs from the registry (or npm's cache).
 * Without pre-commit the run is skipped, except in CI.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from '../support/paths';
import { NPM_ENV } from './support/tarball';

interface Hook {
  readonly id: string;
  readonly entry: string;
  readonly language: string;
  readonly types?: readonly string[];
  readonly files?: string;
  readonly require_serial?: boolean;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; repository: { url: string } };
const docs = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The `.pre-commit-config.yaml` docs/ci.md shows. */
function documentedConfig(): { repos: { repo: string; rev: string; hooks: { id: string; args?: string[] }[] }[] } {
  for (const [, block] of docs.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const config = parse(block) as { repos?: { repo: string; rev: string; hooks: { id: string }[] }[] };
    if (config?.repos) return config as ReturnType<typeof documentedConfig>;
  }
  throw new Error('docs/ci.md has no .pre-commit-config.yaml');
}

function git(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r;
}

describe('.pre-commit-hooks.yaml', () => {
  test('one node hook whose entry is a bin of the package, for YAML files, run once for all of them', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'statefulset-tools');
    assert.equal(hook.language, 'node');
    assert.ok(hook.entry.split(' ')[0] in pkg.bin, `${hook.entry} starts with a bin`);
    assert.deepEqual(hook.types, ['yaml']);
    assert.equal(hook.require_serial, true);
  });

  test('the documented configuration names this repository, this version and this hook', () => {
    const [repo] = documentedConfig().repos;
    assert.equal(`git+${repo.repo}.git`, pkg.repository.url);
    assert.equal(repo.rev, `v${pkg.version}`);
    assert.deepEqual(repo.hooks.map((h) => h.id), [hooks[0].id]);
  });
});

describe('pre-commit run', () => {
  const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  const skip = available ? false : process.env.CI ? false : 'pre-commit is not installed (apt-get install pre-commit)';
  let work = '';
  let project = '';
  let home = '';

  before(() => {
    if (skip) return;
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    work = mkdtempSync(join(ROOT, '.cache', 'pre-commit-'));
    // The hook's repository: a clone of this one with the working tree's changes committed.
    const hookRepo = join(work, 'hook-repo');
    git(ROOT, 'clone', '-q', '--no-local', ROOT, hookRepo);
    const changed = [git(ROOT, 'diff', '--name-only', 'HEAD').stdout, git(ROOT, 'ls-files', '--others', '--exclude-standard').stdout].join('\n').split('\n').filter(Boolean);
    for (const f of changed) {
      try {
        mkdirSync(dirname(join(hookRepo, f)), { recursive: true });
        cpSync(join(ROOT, f), join(hookRepo, f));
      } catch {
        rmSync(join(hookRepo, f), { force: true });
      }
    }
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '--allow-empty', '-m', 'working tree');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').stdout.trim();

    // The user's project: the documented configuration, pointed at that clone.
    project = join(work, 'project');
    mkdirSync(project);
    git(project, 'init', '-q');
    const config = documentedConfig();
    config.repos[0].repo = hookRepo;
    config.repos[0].rev = rev;
    writeFileSync(join(project, '.pre-commit-config.yaml'), stringify(config));
    cpSync(join(ROOT, 'examples', 'mistakes.yaml'), join(project, 'mistakes.yaml'));
    cpSync(join(ROOT, 'examples', 'redis.yaml'), join(project, 'redis.yml'));
    writeFileSync(join(project, 'notes.txt'), 'replicas: "not YAML to the hook"\n');
    git(project, 'add', '-A');
    home = join(work, 'pre-commit-home');
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function preCommit(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync('pre-commit', ['run', ...args], {
      cwd: project,
      encoding: 'utf8',
      timeout: 600_000,
      // npm's cache first: the hook's install needs the project's devDependencies.
      env: { ...NPM_ENV, PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true', PRE_COMMIT_COLOR: 'never' },
    });
  }

  test('installs the hook and fails the commit on a broken StatefulSet, with the findings', { skip, timeout: 600_000 }, () => {
    const r = preCommit('--all-files');
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 1, out);
    assert.match(out, /statefulset-tools\.+Failed/);
    assert.match(out, /mistakes\.yaml\n\s+15:9\s+warning/);
    assert.match(out, /access-mode-invalid/);
    // The documented args reached the CLI: before 1.29 there is no ReadWriteOncePod to suggest.
    assert.doesNotMatch(out, /prefer-read-write-once-pod/);
    assert.doesNotMatch(out, /notes\.txt/, 'only YAML files are passed');
  });

  test('passes a commit of good files', { skip, timeout: 600_000 }, () => {
    const r = preCommit('--files', 'redis.yml', 'notes.txt');
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /statefulset-tools\.+Passed/);
  });
});
