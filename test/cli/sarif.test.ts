/**
 * SARIF as GitHub code scanning uses it. Every SARIF log the CLI tests make is validated against
 * the SARIF 2.1.0 schema by runCli (harness.ts); the first test shows that validation has teeth.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrlFor, REPOSITORY_URL } from '../../server/src/version';
import { ROOT } from '../support/paths';
import { sarifErrors } from '../support/sarifSchema';
import { goodManifest, jsonOf, runCli, STS_DUPLICATE_KEY, TempDir } from './harness';

interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
}
interface SarifLog {
  runs: {
    tool: { driver: { version: string; informationUri: string; rules: { id: string; helpUri?: string }[] } };
    invocations: { executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: { level: string; message: { text: string }; locations?: Location[]; descriptor?: { id: string } }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    results: { ruleId: string; locations: Location[]; partialFingerprints: Record<string, string> }[];
  }[];
}

const tmp = new TempDir();
after(() => tmp.remove());
tmp.write('deploy/web.yaml', STS_DUPLICATE_KEY);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; repository?: string | { url: string } };

const sarif = (args: string[], options: { cwd?: string; stdin?: string } = {}): { log: SarifLog; status: number | null } => {
  const r = runCli(['check', ...args, '--format', 'sarif'], { cwd: tmp.path, ...options });
  return { log: jsonOf<SarifLog>(r), status: r.status };
};

test('the schema check rejects what is not SARIF 2.1.0 (so the check on every log means something)', () => {
  const { log } = sarif(['deploy/web.yaml']);
  assert.deepEqual(sarifErrors(log), []);
  const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
  broken.runs[0].results[0].level = 'fatal';
  assert.notDeepEqual(sarifErrors(broken), []);
  assert.notDeepEqual(sarifErrors({ ...log, version: '2.0.0' }), []);
});

test('%SRCROOT% is the current folder as a file URI ending in /; artifacts are relative to it', () => {
  const { log } = sarif(['deploy/web.yaml', join(tmp.path, 'deploy')]);
  const run = log.runs[0];
  const root = run.originalUriBaseIds['%SRCROOT%'].uri;
  assert.equal(root, `${pathToFileURL(tmp.path).href}/`);
  assert.deepEqual(run.artifacts.map((a) => a.location), [{ uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' }], 'an absolute path under the folder is relative too; the file is checked once');
  for (const r of run.results) assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' });
});

test('a file outside the current folder keeps an absolute file URI', () => {
  const d = new TempDir();
  try {
    const { log } = sarif([d.write('x.yaml', STS_DUPLICATE_KEY)]);
    assert.equal(log.runs[0].artifacts[0].location.uri, pathToFileURL(join(d.path, 'x.yaml')).href);
    assert.equal(log.runs[0].artifacts[0].location.uriBaseId, undefined);
  } finally {
    d.remove();
  }
});

test('partialFingerprints do not change when lines move, and differ between findings', () => {
  const before = sarif(['deploy/web.yaml']).log.runs[0].results;
  const moved = tmp.write('moved/deploy/web.yaml', `# a comment\n# and another\n\n${STS_DUPLICATE_KEY}`);
  const after_ = sarif(['deploy/web.yaml'], { cwd: join(moved, '..', '..') }).log.runs[0].results;
  const key = (r: SarifLog['runs'][0]['results'][0]): string => `${r.ruleId} ${JSON.stringify(r.partialFingerprints)}`;
  assert.equal(before.length, after_.length);
  assert.deepEqual(after_.map(key), before.map(key));
  assert.notDeepEqual(after_[0].locations[0].physicalLocation.region, before[0].locations[0].physicalLocation.region, 'the lines did move');
  const prints = before.map((r) => Object.values(r.partialFingerprints)[0]);
  assert.equal(new Set(prints).size, prints.length, 'each finding has its own fingerprint');
  assert.ok(prints.every((p) => /^[0-9a-f]{32}$/.test(p)));
});

test('invocations: exit code, success, notifications for unreadable files and unchecked parts', () => {
  const ok = sarif([tmp.write('ok.yaml', goodManifest())]);
  assert.deepEqual(ok.log.runs[0].invocations, [{ executionSuccessful: true, exitCode: ok.status, toolExecutionNotifications: [] }]);
  const loop = tmp.file('loop.yaml');
  symlinkSync(loop, loop);
  tmp.write('big.yaml', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: big\n  annotations:\n    note: "${'x'.repeat(1_100_000)}\n      more"\n`);
  const r = sarif(['loop.yaml', 'big.yaml']);
  assert.equal(r.status, 1);
  const [inv] = r.log.runs[0].invocations;
  assert.equal(inv.exitCode, 1);
  assert.equal(inv.executionSuccessful, true);
  const byId = new Map(inv.toolExecutionNotifications.map((n) => [n.descriptor?.id, n]));
  assert.match(byId.get('file-unreadable')?.message.text ?? '', /loop\.yaml: cannot read: ELOOP/);
  assert.equal(byId.get('file-unreadable')?.level, 'error');
  const unchecked = byId.get('analysis-limit');
  assert.match(unchecked?.message.text ?? '', /big\.yaml:1:1: not checked: This document has/);
  assert.deepEqual(unchecked?.locations?.[0].physicalLocation.artifactLocation, { uri: 'big.yaml', uriBaseId: '%SRCROOT%' });
  assert.equal(sarif(['big.yaml', '--allow-unchecked']).log.runs[0].invocations[0].toolExecutionNotifications[0].level, 'warning');
});

test('standard input is named by --stdin-filename (and never %3Cstdin%3E)', () => {
  const named = sarif(['-', '--stdin-filename', 'k8s/web.yaml'], { stdin: STS_DUPLICATE_KEY });
  assert.deepEqual(named.log.runs[0].artifacts[0].location, { uri: 'k8s/web.yaml', uriBaseId: '%SRCROOT%' });
  const plain = sarif(['-'], { stdin: STS_DUPLICATE_KEY });
  assert.doesNotMatch(JSON.stringify(plain.log), /%3Cstdin%3E/);
});

test('helpUri: docs/rules.md at this version\'s tag, an anchor per rule; one repository URL', () => {
  const { log } = sarif(['deploy/web.yaml']);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.version, pkg.version);
  assert.equal(driver.informationUri, REPOSITORY_URL);
  const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  for (const rule of driver.rules) {
    if (rule.id === 'file-unreadable') continue; // the CLI's own note, not a rule with a page
    assert.equal(rule.helpUri, `${docsUrlFor(pkg.version)}#${rule.id}`);
    assert.ok(rule.helpUri.startsWith(`${REPOSITORY_URL}/blob/v${pkg.version}/docs/rules.md#`));
    assert.ok(doc.includes(`<a id="${rule.id}"></a>`), `docs/rules.md has an anchor for ${rule.id}`);
  }
  // package.json declares the repository (distribution work); where it does, it is the same one.
  if (pkg.repository !== undefined) {
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url;
    assert.equal(url.replace(/^git\+/, '').replace(/\.git$/, ''), REPOSITORY_URL);
  }
});
