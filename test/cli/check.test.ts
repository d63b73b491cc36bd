/** `statefulset-tools check` through the built binary: exit codes, formats, inputs, options. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, symlinkSync } from 'node:fs';
import { goodManifest, jsonOf, runCli, STS_DUPLICATE_KEY, TempDir } from './harness';

interface Message {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path?: string;
}
type JsonResult = { filePath: string; messages: Message[] }[];

const tmp = new TempDir();
after(() => tmp.remove());

const good = tmp.write('good.yaml', goodManifest());
const dup = tmp.write('dup.yaml', STS_DUPLICATE_KEY);

const errorsOf = (r: JsonResult): Message[] => r.flatMap((f) => f.messages).filter((m) => m.severity === 'error');

// ---- Exit codes -------------------------------------------------------------------------

test('exit 0 for a clean file, 1 when there are errors, 2 for bad usage', () => {
  const ok = runCli(['check', good, '--format', 'json']);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.deepEqual(errorsOf(jsonOf(ok)), []);
  assert.equal(runCli(['check', dup]).status, 1);
  assert.equal(runCli(['check']).status, 2);
});

test('check is the default command when a path comes first', () => {
  const r = runCli([dup, '--format', 'json']);
  assert.equal(r.status, 1);
  assert.ok(errorsOf(jsonOf<JsonResult>(r)).some((m) => m.ruleId === 'duplicate-key'));
});

test('bad usage exits 2 with a message on stderr and nothing on stdout', () => {
  for (const args of [
    ['check', good, '--frobnicate'],
    ['check', good, '--format', 'xml'],
    ['check', good, '--rule', 'duplicate-key'],
    ['check', good, '--rule', 'duplicate-key=fatal'],
    ['check', good, '--kubernetes-version', 'one'],
    ['check', good, '--max-warnings', 'many'],
    ['check', good, '--format'],
    ['check', good, '--replicas', '3'],
  ]) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /statefulset-tools: .+/, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('--help and --version exit 0', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage:/);
  assert.match(help.stdout, /preview/);
  assert.match(help.stdout, /Exit status/);
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

// ---- Formats ----------------------------------------------------------------------------

test('json: an array of {filePath, messages} with 1-based lines and UTF-16 columns', () => {
  // The duplicate key sits after an astral character (2 UTF-16 units, 1 code point, 4 UTF-8
  // bytes) and an accented one (1 unit, 2 bytes): only UTF-16 counting gives column 43.
  const line = '    description: "café 😀", description: again}';
  const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: notes\n  annotations: {\n${line}\n`;
  const file = tmp.write('astral.yaml', text);
  const r = runCli(['check', file, '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const result = jsonOf<JsonResult>(r);
  assert.equal(result.length, 1);
  assert.deepEqual(Object.keys(result[0]), ['filePath', 'messages']);
  assert.equal(result[0].filePath, file);
  const m = result[0].messages.find((x) => x.ruleId === 'duplicate-key');
  assert.ok(m, JSON.stringify(result));
  const expectedColumn = line.indexOf(', description') + 2 + 1;
  assert.equal(expectedColumn, 29);
  assert.notEqual([...line.slice(0, expectedColumn - 1)].length, expectedColumn - 1, 'the prefix really has a surrogate pair');
  assert.deepEqual(
    { line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, severity: m.severity },
    { line: 6, column: 29, endLine: 6, endColumn: 29 + 'description'.length, severity: 'error' },
  );
  for (const key of ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']) assert.ok(key in m, key);
  assert.equal(typeof m.message, 'string');
});

test('stylish: file name, line:column, severity, message and rule id, then a summary', () => {
  const r = runCli(['check', dup]);
  assert.equal(r.status, 1);
  assert.ok(r.stdout.includes(dup));
  assert.match(r.stdout, /\n\s+20:3\s+error\s+Duplicate key "replicas".*duplicate-key\n/);
  assert.match(r.stdout, /\d+ problems? \(\d+ errors?.*\) in 1 file/);
  assert.ok(!r.stdout.includes('\u001b['), 'no colour when NO_COLOR is set and stdout is not a terminal');
  const clean = runCli(['check', good]);
  assert.equal(clean.status, 0);
  assert.doesNotMatch(clean.stdout, /\berror\b/);
});

test('sarif: 2.1.0 with the tool, its rules and results as GitHub code scanning reads them', () => {
  const r = runCli(['check', dup, good, '--format', 'sarif']);
  assert.equal(r.status, 1, r.stderr);
  const log = jsonOf<{
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration?: { level: string } }[] } };
      results: { ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
    }[];
  }>(r);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'statefulset-tools');
  assert.ok(run.tool.driver.rules.length > 0);
  for (const rule of run.tool.driver.rules) {
    assert.match(rule.id, /^[a-z0-9-]+$/);
    assert.ok(rule.shortDescription.text.length > 0, rule.id);
  }
  const ids = run.tool.driver.rules.map((x) => x.id);
  assert.ok(ids.includes('duplicate-key'));
  const result = run.results.find((x) => x.ruleId === 'duplicate-key');
  assert.ok(result);
  assert.equal(result.level, 'error');
  assert.ok(result.message.text.length > 0);
  if (result.ruleIndex !== undefined) assert.equal(ids[result.ruleIndex], 'duplicate-key');
  const loc = result.locations[0].physicalLocation;
  assert.ok(loc.artifactLocation.uri.endsWith('dup.yaml'), loc.artifactLocation.uri);
  assert.deepEqual(loc.region, { startLine: 20, startColumn: 3, endLine: 20, endColumn: 11 });
  for (const x of run.results) {
    assert.ok(['error', 'warning', 'note', 'none'].includes(x.level), x.level);
    assert.ok(ids.includes(x.ruleId), `result rule ${x.ruleId} is described in driver.rules`);
  }
});

// ---- Inputs -----------------------------------------------------------------------------

test('- reads standard input', () => {
  const r = runCli(['check', '-', '--format', 'json'], { stdin: STS_DUPLICATE_KEY });
  assert.equal(r.status, 1);
  const result = jsonOf<JsonResult>(r);
  assert.equal(result[0].filePath, '<stdin>');
  assert.ok(result[0].messages.some((m) => m.ruleId === 'duplicate-key' && m.line === 20));
  assert.equal(runCli(['check', '-'], { stdin: goodManifest() }).status, 0);
});

test('a directory is walked for *.yaml and *.yml, skipping node_modules, .git and vendor', () => {
  const d = new TempDir();
  try {
    d.write('a.yaml', goodManifest('a'));
    d.write('nested/deeper/b.yml', goodManifest('b'));
    d.write('nested/B.YAML', goodManifest('c'));
    d.write('node_modules/pkg/bad.yaml', STS_DUPLICATE_KEY);
    d.write('.git/bad.yaml', STS_DUPLICATE_KEY);
    d.write('vendor/bad.yaml', STS_DUPLICATE_KEY);
    d.write('notes.txt', STS_DUPLICATE_KEY);
    const r = runCli(['check', d.path, '--format', 'json']);
    assert.equal(r.status, 0, r.stdout);
    const paths = jsonOf<JsonResult>(r).map((f) => f.filePath.slice(d.path.length + 1));
    assert.deepEqual(paths.sort(), ['a.yaml', 'nested/B.YAML', 'nested/deeper/b.yml']);
    d.write('nested/deeper/c.yaml', STS_DUPLICATE_KEY);
    assert.equal(runCli(['check', d.path]).status, 1, 'an error in a nested file counts');
  } finally {
    d.remove();
  }
});

test('a path that cannot be read: a clear message, and the other files are still checked', () => {
  const loop = tmp.file('loop.yaml');
  symlinkSync(loop, loop); // a link to itself: ELOOP, for root too
  const r = runCli(['check', loop, dup, '--format', 'json']);
  assert.match(r.stderr, /loop\.yaml: cannot read: ELOOP/);
  assert.equal(r.status, 1);
  const result = jsonOf<JsonResult>(r);
  const unreadable = result.find((f) => f.filePath === loop);
  assert.ok(unreadable);
  assert.equal(unreadable.messages[0].ruleId, 'file-unreadable');
  assert.ok(result.find((f) => f.filePath === dup)?.messages.some((m) => m.ruleId === 'duplicate-key'), 'the readable file is checked');
});

test('a file without read permission is reported (skipped as root, who can read anything)', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not stop root from reading; the ELOOP test covers this path');
    return;
  }
  const locked = tmp.write('locked.yaml', goodManifest());
  chmodSync(locked, 0o000);
  try {
    const r = runCli(['check', locked, good]);
    assert.match(r.stderr, /locked\.yaml: cannot read: EACCES/);
    assert.equal(r.status, 1);
  } finally {
    chmodSync(locked, 0o644);
  }
});

test('a binary file (NUL bytes) is reported as not YAML, and the rest is still checked', () => {
  const bin = tmp.write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x1a, 0x0a]));
  const r = runCli(['check', bin, dup, '--format', 'json']);
  assert.match(r.stderr, /image\.yaml: binary file/);
  const result = jsonOf<JsonResult>(r);
  assert.match(result.find((f) => f.filePath === bin)?.messages[0].message ?? '', /binary/);
  assert.ok(result.find((f) => f.filePath === dup)?.messages.some((m) => m.ruleId === 'duplicate-key'));
});

test('a path that does not exist is reported and fails the run', () => {
  const r = runCli(['check', tmp.file('missing.yaml'), good]);
  assert.match(r.stderr, /missing\.yaml: cannot read: ENOENT/);
  assert.equal(r.status, 1);
});

test('no YAML files in the paths given exits 2', () => {
  const d = new TempDir();
  try {
    d.write('readme.md', '# nothing here');
    const r = runCli(['check', d.path]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no YAML files/);
  } finally {
    d.remove();
  }
});

// ---- Options ----------------------------------------------------------------------------

test('--rule id=off silences a rule; --rule id=warning downgrades it (exit 0)', () => {
  const off = runCli(['check', dup, '--rule', 'duplicate-key=off', '--format', 'json']);
  assert.ok(!jsonOf<JsonResult>(off).some((f) => f.messages.some((m) => m.ruleId === 'duplicate-key')));
  const warn = runCli(['check', dup, '--rule', 'duplicate-key=warning', '--format', 'json']);
  const m = jsonOf<JsonResult>(warn)[0].messages.find((x) => x.ruleId === 'duplicate-key');
  assert.equal(m?.severity, 'warning');
  assert.ok(!jsonOf<JsonResult>(warn).some((f) => f.messages.some((x) => x.severity === 'error')), 'no other error in the file');
  assert.equal(warn.status, 0);
  assert.equal(runCli(['check', dup, '--rule=duplicate-key=warning', '--max-warnings', '0']).status, 1, '--max-warnings 0 fails on a warning');
});

test('--kubernetes-version, --namespace and --cluster-domain are accepted by check', () => {
  const r = runCli(['check', good, '--kubernetes-version', '1.30', '--namespace', 'team', '--cluster-domain', 'corp.local']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('files are checked together: each file of a set is reported once, in order', () => {
  const r = runCli(['check', good, dup, good, '--format', 'json']);
  assert.deepEqual(jsonOf<JsonResult>(r).map((f) => f.filePath), [good, dup]);
});

test('references resolve across all the files given: a Service in another file is found', (t) => {
  if (!runCli(['rules']).stdout.includes('service-not-found')) {
    t.skip('the service-not-found rule is not registered in this build');
    return;
  }
  const d = new TempDir();
  try {
    const sts = d.write('sts.yaml', goodManifest('web', { service: false }));
    const svc = d.write('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n');
    const notFound = (args: string[]): boolean => jsonOf<JsonResult>(runCli(['check', ...args, '--format', 'json'])).some((f) => f.messages.some((m) => m.ruleId === 'service-not-found'));
    assert.equal(notFound([sts]), true, 'alone, the Service is missing');
    assert.equal(notFound([sts, svc]), false, 'given together, it is found');
    assert.equal(notFound([svc, sts]), false, 'in either order');
    assert.equal(notFound([d.path]), false, 'and through a directory');
  } finally {
    d.remove();
  }
});
