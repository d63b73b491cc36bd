/** Output for CI: severity filters, GitHub workflow commands, colour conventions, closed pipes, unchecked parts. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, goodManifest, jsonOf, runCli, STS_DUPLICATE_KEY, TempDir } from './harness';

type JsonResult = { filePath: string; messages: { ruleId: string; severity: string; line: number }[] }[];

const tmp = new TempDir();
after(() => tmp.remove());
const dup = tmp.write('dup.yaml', STS_DUPLICATE_KEY);
const severities = (r: JsonResult): string[] => [...new Set(r.flatMap((f) => f.messages.map((m) => m.severity)))].sort();

// ---- --quiet and --min-severity -----------------------------------------------------------

test('--quiet shows errors only, and the summary says how many were left out', () => {
  const all = jsonOf<JsonResult>(runCli(['check', dup, '--format', 'json']));
  assert.deepEqual(severities(all), ['error', 'hint', 'info']);
  const quiet = runCli(['check', dup, '--quiet', '--format', 'json']);
  assert.equal(quiet.status, 1);
  assert.deepEqual(severities(jsonOf<JsonResult>(quiet)), ['error']);
  const stylish = runCli(['check', dup, '-q']);
  assert.match(stylish.stdout, /^1 problem \(1 error\) in 1 file$/m);
  const hidden = all.flatMap((f) => f.messages).length - 1;
  assert.match(stylish.stdout, new RegExp(`^1 file checked; ${hidden} problems below error not shown$`, 'm'));
});

test('--min-severity LEVEL keeps that severity and above; a bad level is a usage error', () => {
  const r = jsonOf<JsonResult>(runCli(['check', dup, '--min-severity', 'info', '--format', 'json']));
  assert.deepEqual(severities(r), ['error', 'info']);
  const warn = runCli(['check', dup, '--rule', 'duplicate-key=warning', '--min-severity=warning', '--format', 'json']);
  assert.deepEqual(severities(jsonOf<JsonResult>(warn)), ['warning']);
  assert.equal(warn.status, 0);
  const bad = runCli(['check', dup, '--min-severity', 'fatal']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--min-severity takes error, warning, info or hint/);
});

// ---- --format github ----------------------------------------------------------------------

test('--format github: one workflow command per finding, paths relative to the current folder', () => {
  const r = runCli(['check', 'dup.yaml', '--format', 'github'], { cwd: tmp.path });
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^:]+::.+$/.test(l)), r.stdout);
  assert.ok(lines.includes('::error file=dup.yaml,line=20,col=3,endLine=20,endColumn=11,title=duplicate-key::Duplicate key "replicas": only the last value would count, and strict validation rejects the object.'), r.stdout);
  assert.ok(lines.some((l) => l.startsWith('::notice file=dup.yaml,') && l.includes('title=pdb-missing')), 'info and hints are notices');
});

test('--format github escapes properties and data as the runner reads them', () => {
  const d = new TempDir();
  try {
    d.write('odd:name,100%.yaml', STS_DUPLICATE_KEY);
    const r = runCli(['check', '.', '--format', 'github', '--quiet'], { cwd: d.path });
    assert.equal(r.stdout.split('\n')[0].split(',line=')[0], '::error file=odd%3Aname%2C100%25.yaml');
    // In the message only %, CR and LF are escaped: the value "we%b" is quoted in it.
    d.write('pct.yaml', goodManifest('web').replace('serviceName: web', 'serviceName: "we%b:c"'));
    const pct = runCli(['check', 'pct.yaml', '--format', 'github', '--quiet'], { cwd: d.path });
    assert.match(pct.stdout, /^::error file=pct\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=service-name-invalid::serviceName "we%25b:c" is not a DNS label/m);
  } finally {
    d.remove();
  }
});

// ---- Colour -------------------------------------------------------------------------------

test('colour: FORCE_COLOR forces it on a pipe, NO_COLOR turns it off, empty values do nothing, flags win', () => {
  const esc = (env: NodeJS.ProcessEnv, ...flags: string[]): boolean => runCli(['check', dup, ...flags], { env }).stdout.includes('\u001b[');
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '1' }), true, 'FORCE_COLOR=1');
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '0' }), true, 'force-color.org: any non-empty value forces colour');
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '' }), false, 'an empty FORCE_COLOR is as if unset; stdout is a pipe');
  assert.equal(esc({ NO_COLOR: '1' }), false, 'NO_COLOR');
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '1' }, '--no-color'), false, '--no-color beats FORCE_COLOR');
  assert.equal(esc({ NO_COLOR: '1' }, '--color'), true, '--color beats NO_COLOR');
});

// ---- A closed pipe ------------------------------------------------------------------------

/** Runs `node cli ARGS | head -N` in a shell; the CLI's stderr and exit status. */
function piped(args: string, lines: number): { stderr: string; status: number } {
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${args} 2>"$ERR" | head -${lines} >/dev/null; echo "\${PIPESTATUS[0]}"`], {
    encoding: 'utf8',
    env: { ...process.env, ERR: tmp.file('stderr.txt') },
    cwd: tmp.path,
  });
  const stderr = spawnSync('cat', [tmp.file('stderr.txt')], { encoding: 'utf8' }).stdout;
  return { stderr, status: Number(r.stdout.trim()) };
}

test('output into a pipe closed early (| head) ends quietly: no EPIPE stack trace', () => {
  // Far more output than a pipe holds, so the writer does meet the closed pipe.
  const docs = Array.from({ length: 400 }, (_, i) => goodManifest(`web${i}`, { service: false })).join('---\n');
  tmp.write('many.yaml', docs);
  const check = piped('check many.yaml', 1);
  assert.equal(check.stderr, '');
  assert.ok(check.status === 0 || check.status === 1, `exit status ${check.status}`);
  const rules = piped('rules', 3);
  assert.equal(rules.stderr, '');
  assert.equal(rules.status, 0);
});

// ---- Unchecked parts ----------------------------------------------------------------------

// A multi-line quoted string: YAML the fast reader leaves to the `yaml` package, where the document limit applies.
const HUGE = `    note: "${'x'.repeat(1_100_000)}\n      more"\n`;

test('a StatefulSet document too large to check fails check, with the reason, unless --allow-unchecked', () => {
  const big = tmp.write('big-sts.yaml', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: big\n  annotations:\n${HUGE}`);
  const r = runCli(['check', big]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /big-sts\.yaml:1:1: not checked: This document has 1,100,\d+ characters, more than the 1,048,576 that are parsed/);
  assert.match(r.stderr, /--allow-unchecked/);
  assert.match(r.stdout, /1 file checked, 1 part left unchecked/);
  const allowed = runCli(['check', big, '--allow-unchecked']);
  assert.equal(allowed.status, 0);
  assert.match(allowed.stderr, /not checked/, 'the reason is still printed');
});

test('a large document that is not about StatefulSets, and a template, are not unchecked failures', () => {
  const cm = tmp.write('big-cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n${HUGE}`);
  assert.equal(runCli(['check', cm]).status, 0);
  const chart = tmp.write('tpl.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n');
  const t = runCli(['check', chart]);
  assert.equal(t.status, 0);
  assert.equal(t.stderr, '');
});
