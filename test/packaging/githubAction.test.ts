/**
 * action.yml: its inputs and expressions agree, and its shell steps, run as a GitHub runner runs
 * them (support/githubAction.ts), check the bundled examples with the inputs of the workflow in
 * docs/ci.md and with each input changed. The action installs `statefulset-tools@<its version>`
 * from the npm registry; this version is not published, so npm is pointed at a registry served
 * here with the tarball `npm pack` makes (support/registry.ts). The SARIF upload is GitHub's own
 * action (codeql-action/upload-sarif) and is not run: the test checks the file it would get.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/paths';
import { expressionsIn, runAction, type Action, type ActionRun } from './support/githubAction';
import { serveTarball, type Registry } from './support/registry';
import { NPM_ENV, pack, type Packed } from './support/tarball';

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; engines: unknown };
const docs = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The workflow step of docs/ci.md that uses this action. */
function documentedStep(): { uses: string; with: Record<string, unknown> } {
  for (const [, block] of docs.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const workflow = parse(block) as { jobs?: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    for (const job of Object.values(workflow?.jobs ?? {})) {
      const step = job.steps.find((s) => s.uses?.startsWith('statefulset-tools/statefulset-tools@'));
      if (step) return { uses: step.uses!, with: step.with ?? {} };
    }
  }
  throw new Error('docs/ci.md has no workflow using the action');
}

/** Only warnings: a StatefulSet whose Service is in no file. */
const WARNINGS_ONLY = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  replicas: 1
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers: [{name: redis, image: redis:7, readinessProbe: {tcpSocket: {port: 6379}}, resources: {requests: {cpu: 100m}}}]
`;

let packed: Packed;
let registry: Registry;
let workspace = '';

before(async () => {
  packed = pack();
  registry = await serveTarball(packed.tarball, pkg);
  // The repository a workflow checks out: the documented path, k8s/, holds the examples.
  workspace = join(packed.work, 'workspace');
  cpSync(join(ROOT, 'examples'), join(workspace, 'k8s'), { recursive: true });
  mkdirSync(join(workspace, 'warnings'));
  writeFileSync(join(workspace, 'warnings', 'cache.yaml'), WARNINGS_ONLY);
});

after(async () => {
  await registry?.close();
  packed?.dispose();
});

function run(inputs: Record<string, string>): Promise<ActionRun> {
  // A cache of its own, so the package really comes from the registry above.
  const cache = mkdtempSync(join(packed.work, 'npm-cache-'));
  return runAction(action, { actionPath: ROOT, workspace, inputs, scratch: packed.work, env: { ...NPM_ENV, npm_config_registry: registry.url, npm_config_cache: cache } });
}

function step(r: ActionRun, name: RegExp) {
  const s = r.steps.find((x) => name.test(x.name));
  assert.ok(s, `a step named ${name}`);
  return s;
}

describe('action.yml', () => {
  test('a composite action; every input the steps use is declared, and every declared input is used', () => {
    assert.equal(action.runs.using, 'composite');
    const used = new Set<string>();
    const stepIds = new Set<string>();
    for (const s of action.runs.steps) {
      // Inputs reach scripts through env: an expression inside `run` would be pasted into bash.
      assert.deepEqual(expressionsIn(s.run ?? ''), [], `${s.name}: no \${{ }} inside run`);
      for (const e of [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {}), s.if ?? ''].flatMap((v) => [...expressionsIn(String(v)), String(v)])) {
        for (const m of e.matchAll(/inputs\.([\w-]+)/g)) used.add(m[1]);
        for (const m of e.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          assert.ok(stepIds.has(m[1]), `${s.name}: step ${m[1]} runs before it`);
          const writer = action.runs.steps.find((x) => x.id === m[1]);
          assert.match(writer?.run ?? '', new RegExp(`echo "${m[2]}=`), `step ${m[1]} writes the output ${m[2]}`);
        }
      }
      if (s.id) stepIds.add(s.id);
    }
    assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description.length > 20, `${name} is described`);
    for (const [name, o] of Object.entries(action.outputs)) for (const e of expressionsIn(o.value)) assert.match(e, /^steps\.check\.outputs\.[\w-]+$/, name);
  });

  test('the documented workflow uses this version and only inputs the action has', () => {
    const { uses, with: given } = documentedStep();
    assert.equal(uses, `statefulset-tools/statefulset-tools@v${pkg.version}`);
    for (const k of Object.keys(given)) assert.ok(k in action.inputs, `${k} is an input`);
  });
});

describe('the action, run as a runner runs it', () => {
  test('the documented workflow: findings in the log, SARIF for the upload, the job fails on errors', async () => {
    const inputs = Object.fromEntries(Object.entries(documentedStep().with).map(([k, v]) => [k, String(v)]));
    const r = await run(inputs);
    const check = step(r, /^Check/);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /k8s\/mistakes\.yaml[\s\S]*access-mode-invalid/);
    assert.equal(r.outputs['exit-code'], '1');
    assert.ok(registry.requests.some((q) => q.startsWith(`GET /${pkg.name}/-/`)), 'the package came from the registry');

    const upload = step(r, /Upload SARIF/);
    assert.ok(upload.ran, 'the upload runs');
    assert.equal(upload.with?.sarif_file, r.outputs['sarif-file']);
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'access-mode-invalid'));

    assert.equal(step(r, /^Fail/).status, 1);
    assert.ok(r.failed);
  });

  test('defaults on a clean file: nothing fails, nothing is uploaded', async () => {
    const r = await run({ path: 'k8s/redis.yaml' });
    assert.equal(r.outputs['exit-code'], '0');
    assert.equal(step(r, /Upload SARIF/).ran, false);
    assert.equal(r.failed, false, r.steps.map((s) => s.stderr).join('\n'));
  });

  test('path takes several paths; format json prints the JSON of check', async () => {
    const r = await run({ path: 'k8s/redis.yaml\nk8s/postgres.yaml warnings/', format: 'json' });
    const results = JSON.parse(step(r, /^Check/).stdout.trim()) as { filePath: string }[];
    assert.deepEqual(results.map((x) => x.filePath), ['k8s/redis.yaml', 'k8s/postgres.yaml', 'warnings/cache.yaml']);
  });

  test('fail-on: warning fails on warnings alone, never reports without failing', async () => {
    assert.equal((await run({ path: 'warnings/' })).failed, false, 'warnings alone pass by default');
    const strict = await run({ path: 'warnings/', 'fail-on': 'warning' });
    assert.ok(strict.failed);
    assert.match(step(strict, /^Check/).stdout, /service-not-found/);
    const lenient = await run({ path: 'k8s/', 'fail-on': 'never' });
    assert.equal(lenient.outputs['exit-code'], '1');
    assert.equal(lenient.failed, false);
  });

  test('kubernetes-version reaches the CLI; a bad value fails even with fail-on: never', async () => {
    const r = await run({ path: 'k8s/redis.yaml', 'kubernetes-version': 'banana', 'fail-on': 'never' });
    assert.equal(r.outputs['exit-code'], '2');
    assert.match(step(r, /^Check/).stderr, /--kubernetes-version/);
    assert.ok(r.failed);
  });

  test('config reaches the CLI as --config', async (t) => {
    const help = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
    if (!help.stdout.includes('--config')) {
      t.skip('this CLI has no --config yet (the configuration file is another change)');
      return;
    }
    writeFileSync(join(workspace, 'sts-config.yaml'), 'rules:\n  access-mode-invalid: off\n');
    const r = await run({ path: 'k8s/mistakes.yaml', config: 'sts-config.yaml' });
    assert.doesNotMatch(step(r, /^Check/).stdout, /access-mode-invalid/);
  });

  test('a fail-on the action does not know stops the step with a clear error', async () => {
    const r = await run({ path: 'k8s/', 'fail-on': 'sometimes' });
    assert.match(step(r, /^Check/).stdout, /::error title=statefulset-tools::fail-on must be/);
    assert.ok(r.failed);
  });
});
