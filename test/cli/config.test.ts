/**
 * `.statefulset-tools.yaml` through the built CLI: found upwards from each file (no further than
 * the repository root), `--config`, overrides per path, `exclude`, flags over the file, a bad
 * configuration (exit 2 with file:line:col), and `--report-unused-disable-directives`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { goodManifest, jsonOf, runCli, TempDir } from './harness';

type JsonResult = { filePath: string; messages: { ruleId: string; severity: string; line: number; column: number }[] }[];

const tmp = new TempDir();
after(() => tmp.remove());

/** A replicated StatefulSet with its Service: pdb-missing (info) is among its findings. */
const STS = goodManifest('web', { replicas: 3 });

const severityOf = (r: JsonResult, file: string, rule: string): string | undefined =>
  r.find((f) => f.filePath.endsWith(file))?.messages.find((m) => m.ruleId === rule)?.severity;

test('the configuration is found upwards from each file; the nearest one applies', () => {
  mkdirSync(tmp.file('up/.git'), { recursive: true });
  tmp.write('up/.statefulset-tools.yaml', 'rules:\n  pdb-missing: warning\n');
  tmp.write('up/team/.statefulset-tools.yml', 'rules:\n  pdb-missing: error\n');
  tmp.write('up/apps/deep/sts.yaml', STS);
  tmp.write('up/team/sts.yaml', STS);
  const r = runCli(['check', tmp.file('up'), '--format', 'json']);
  const out = jsonOf<JsonResult>(r);
  assert.equal(severityOf(out, 'apps/deep/sts.yaml', 'pdb-missing'), 'warning');
  assert.equal(severityOf(out, 'team/sts.yaml', 'pdb-missing'), 'error');
  assert.equal(r.status, 1, 'an error from the configured severity fails the run');
  assert.ok(!out.some((f) => f.filePath.includes('.statefulset-tools')), 'configuration files are not checked as manifests');
});

test('the search stops at the repository root (a folder holding .git)', () => {
  tmp.write('outer/.statefulset-tools.yaml', 'rules:\n  pdb-missing: error\n');
  mkdirSync(tmp.file('outer/repo/.git'), { recursive: true });
  tmp.write('outer/repo/sts.yaml', STS);
  const r = runCli(['check', tmp.file('outer/repo/sts.yaml'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(severityOf(jsonOf(r), 'sts.yaml', 'pdb-missing'), 'hint', 'the file above the repository is not read');
});

test('--config replaces the lookup; overrides apply per path relative to the configuration, later ones win; flags win over the file', () => {
  tmp.write('cfg/ci.yaml', `rules: {pdb-missing: warning}
overrides:
  - files: ["charts/**"]
    rules: {pdb-missing: error}
  - files: ["charts/legacy/**"]
    rules: {pdb-missing: hint}
`);
  tmp.write('cfg/.statefulset-tools.yaml', 'rules: {pdb-missing: off}\n');
  tmp.write('cfg/charts/db/sts.yaml', STS);
  tmp.write('cfg/charts/legacy/sts.yaml', STS);
  tmp.write('cfg/apps/sts.yaml', STS);
  const r = runCli(['check', tmp.file('cfg'), '--config', tmp.file('cfg/ci.yaml'), '--format', 'json']);
  const out = jsonOf<JsonResult>(r);
  assert.equal(severityOf(out, 'charts/db/sts.yaml', 'pdb-missing'), 'error');
  assert.equal(severityOf(out, 'charts/legacy/sts.yaml', 'pdb-missing'), 'hint');
  assert.equal(severityOf(out, 'apps/sts.yaml', 'pdb-missing'), 'warning');
  const flagged = runCli(['check', tmp.file('cfg'), '-c', tmp.file('cfg/ci.yaml'), '--rule', 'pdb-missing=info', '--format', 'json']);
  assert.equal(severityOf(jsonOf(flagged), 'charts/db/sts.yaml', 'pdb-missing'), 'info', '--rule wins over the file');
  assert.equal(flagged.status, 0);
});

test('exclude leaves files out; a file named on the command line is mentioned; all excluded is exit 2', () => {
  tmp.write('ex/.statefulset-tools.yaml', 'exclude: ["vendor/", "*.generated.yaml"]\n');
  mkdirSync(tmp.file('ex/.git'), { recursive: true });
  tmp.write('ex/vendor/x/sts.yaml', 'a: [\n');
  tmp.write('ex/apps/web.generated.yaml', 'a: [\n');
  tmp.write('ex/apps/sts.yaml', STS);
  const r = runCli(['check', tmp.file('ex'), '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(jsonOf<JsonResult>(r).map((f) => f.filePath.slice(tmp.file('ex').length)), ['/apps/sts.yaml']);
  const named = runCli(['check', tmp.file('ex/vendor/x/sts.yaml')]);
  assert.equal(named.status, 2);
  assert.match(named.stderr, /vendor\/x\/sts\.yaml: not checked: excluded by .*\.statefulset-tools\.yaml/);
  assert.match(named.stderr, /every file given is excluded/);
});

test('a bad configuration is exit 2 with file:line:col and the problem, never a silent default', () => {
  tmp.write('bad/.statefulset-tools.yaml', 'rules:\n  pdb-mising: off\nkubernetesVersion: 1.30\nrulez: {}\n');
  mkdirSync(tmp.file('bad/.git'), { recursive: true });
  tmp.write('bad/sts.yaml', STS);
  const r = runCli(['check', 'sts.yaml'], { cwd: tmp.file('bad') });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'statefulset-tools: .statefulset-tools.yaml:2:3: Unknown rule "pdb-mising". Did you mean "pdb-missing"? `statefulset-tools rules` lists them.',
    'statefulset-tools: .statefulset-tools.yaml:3:20: kubernetesVersion must be a string; it is the number 1.3. Quote it: YAML reads 1.30 as the number 1.3.',
    'statefulset-tools: .statefulset-tools.yaml:4:1: Unknown key "rulez". Did you mean "rules"? Keys: rules, kubernetesVersion, defaultNamespace, clusterDomain, reportUnusedDisableDirectives, yamlFindings, exclude, overrides.',
  ]);
  tmp.write('bad2/.statefulset-tools.yaml', 'rules: [\n');
  mkdirSync(tmp.file('bad2/.git'), { recursive: true });
  tmp.write('bad2/sts.yaml', STS);
  const yamlError = runCli(['check', tmp.file('bad2/sts.yaml')]);
  assert.equal(yamlError.status, 2);
  assert.match(yamlError.stderr, /\.statefulset-tools\.yaml:1:8: Flow sequence/);
  const missing = runCli(['check', tmp.file('bad/sts.yaml'), '--config', tmp.file('nope.yaml')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yaml: cannot read the configuration given with --config: ENOENT/);
});

test('--report-unused-disable-directives: warnings (exit 0), counted by --max-warnings; the configuration key does the same', () => {
  mkdirSync(tmp.file('unused/.git'), { recursive: true });
  const text = STS.replace('  name: web\nspec:\n  serviceName', '  name: web\n  annotations:\n    statefulset-tools.io/disable: "pdb-missing, ordered-ready-slow"\nspec:\n  serviceName');
  assert.notEqual(text, STS);
  tmp.write('unused/sts.yaml', text);
  const plain = runCli(['check', tmp.file('unused/sts.yaml'), '--format', 'json']);
  assert.ok(!jsonOf<JsonResult>(plain)[0].messages.some((m) => m.ruleId === 'unused-disable-directive' || m.ruleId === 'pdb-missing'));
  const r = runCli(['check', tmp.file('unused/sts.yaml'), '--report-unused-disable-directives', '--format', 'json']);
  assert.equal(r.status, 0);
  const unused = jsonOf<JsonResult>(r)[0].messages.filter((m) => m.ruleId === 'unused-disable-directive');
  assert.deepEqual(unused.map((m) => [m.severity, m.line]), [['warning', 18]]);
  assert.equal(runCli(['check', tmp.file('unused/sts.yaml'), '--report-unused-disable-directives', '--max-warnings', '0']).status, 1);
  tmp.write('unused/.statefulset-tools.yaml', 'reportUnusedDisableDirectives: true\n');
  const fromFile = runCli(['check', tmp.file('unused/sts.yaml'), '--format', 'json']);
  assert.equal(jsonOf<JsonResult>(fromFile)[0].messages.filter((m) => m.ruleId === 'unused-disable-directive').length, 1);
});
