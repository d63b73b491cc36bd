/** Rendered Helm output (`helm template`): findings name the template of each `# Source:` comment, in every format. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../support/paths';
import { goodManifest, jsonOf, runCli, TempDir } from './harness';

interface Source {
  template: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface Message {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source?: Source;
}
type JsonResult = { filePath: string; messages: Message[] }[];

const tmp = new TempDir();
after(() => tmp.remove());

/** What `helm template` prints: each document after `---` and its `# Source:` comment. */
function rendered(): string {
  const [service, sts] = goodManifest('db').split('---\n');
  // A duplicate key in the StatefulSet: the second `replicas`, on the 8th line of its rendered document.
  const broken = sts.replace('  replicas: 3\n', '  replicas: 3\n  replicas: 3\n');
  return `---\n# Source: mychart/templates/service.yaml\n${service}---\n# Source: mychart/templates/statefulset.yaml\n${broken}`;
}
const STREAM = rendered();
/** The line (1-based) of the second `replicas` in the whole stream, and inside its template's document. */
const RENDERED_LINE = STREAM.split('\n').indexOf('  replicas: 3') + 2;
const TEMPLATE_LINE = 8;

const duplicateOf = (r: JsonResult): Message | undefined => r.flatMap((f) => f.messages).find((m) => m.ruleId === 'duplicate-key');

test('json: each message of rendered output has a source {template, line, column} beside the rendered position', () => {
  const r = runCli(['check', '-', '--format', 'json'], { stdin: STREAM });
  assert.equal(r.status, 1, r.stderr);
  const result = jsonOf<JsonResult>(r);
  assert.equal(result[0].filePath, '<stdin>');
  const m = duplicateOf(result);
  assert.ok(m, r.stdout);
  assert.deepEqual({ line: m.line, column: m.column }, { line: RENDERED_LINE, column: 3 });
  assert.deepEqual(m.source, { template: 'mychart/templates/statefulset.yaml', line: TEMPLATE_LINE, column: 3, endLine: TEMPLATE_LINE, endColumn: 11 });
  for (const x of result.flatMap((f) => f.messages)) assert.ok(x.source, `every finding of the stream lies in a template: ${JSON.stringify(x)}`);
});

test('--stdin-filename names standard input in json, stylish, github and sarif', () => {
  const name = 'out/rendered.yaml';
  assert.equal(jsonOf<JsonResult>(runCli(['check', '-', '--stdin-filename', name, '--format', 'json'], { stdin: STREAM }))[0].filePath, name);
  assert.match(runCli(['check', '-', '--stdin-filename', name], { stdin: STREAM }).stdout, /^out\/rendered\.yaml$/m);
  assert.match(runCli(['check', '-', '--stdin-filename', name, '--format', 'github'], { stdin: STREAM }).stdout, /^::error file=out\/rendered\.yaml,/m);
  const sarif = jsonOf<{ runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; artifacts: { location: { uri: string } }[] }[] }>(
    runCli(['check', '-', '--stdin-filename', name, '--format', 'sarif'], { stdin: STREAM }),
  );
  assert.deepEqual(sarif.runs[0].artifacts.map((a) => a.location.uri), [name]);
  const dup = sarif.runs[0].results.find((x) => x.ruleId === 'duplicate-key');
  assert.equal(dup?.relatedLocations?.[0].physicalLocation.artifactLocation.uri, name);
});

test('stylish: grouped by template, template positions first, the rendered position beside them', () => {
  const file = tmp.write('rendered.yaml', STREAM);
  const r = runCli(['check', file]);
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  const header = lines.indexOf('  mychart/templates/statefulset.yaml');
  assert.ok(header > 0, r.stdout);
  assert.equal(lines[header - 1] === file || lines.slice(0, header).includes(file), true, 'the rendered file heads the list');
  const row = lines.find((l) => l.includes('duplicate-key'));
  assert.ok(row, r.stdout);
  assert.match(row, new RegExp(`^    ${TEMPLATE_LINE}:3\\s+error\\s+Duplicate key "replicas".*duplicate-key\\s+\\(rendered ${RENDERED_LINE}:3\\)$`));
  assert.ok(lines.indexOf(row) > header, 'the finding is listed under its template');
});

test('sarif: the template is the location, the rendered file a related location', () => {
  const d = new TempDir();
  try {
    d.write('rendered.yaml', STREAM);
    const r = runCli(['check', 'rendered.yaml', '--format', 'sarif'], { cwd: d.path });
    const log = jsonOf<{
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    }>(r);
    const dup = log.runs[0].results.find((x) => x.ruleId === 'duplicate-key');
    assert.ok(dup);
    assert.deepEqual(dup.locations[0].physicalLocation.artifactLocation, { uri: 'mychart/templates/statefulset.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(dup.locations[0].physicalLocation.region, { startLine: TEMPLATE_LINE, startColumn: 3, endLine: TEMPLATE_LINE, endColumn: 11 });
    assert.deepEqual(dup.relatedLocations?.[0].physicalLocation.artifactLocation, { uri: 'rendered.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(dup.relatedLocations?.[0].physicalLocation.region.startLine, RENDERED_LINE);
  } finally {
    d.remove();
  }
});

test('github: the annotation is on the rendered file and its message names the template position', () => {
  const r = runCli(['check', '-', '--stdin-filename', 'rendered.yaml', '--format', 'github'], { stdin: STREAM });
  const line = r.stdout.split('\n').find((l) => l.includes('title=duplicate-key'));
  assert.equal(line, `::error file=rendered.yaml,line=${RENDERED_LINE},col=3,endLine=${RENDERED_LINE},endColumn=11,title=duplicate-key::${'Duplicate key "replicas": only the last value would count, and strict validation rejects the object.'} (mychart/templates/statefulset.yaml:${TEMPLATE_LINE}:3)`);
});

test('a file without # Source: comments has no source field', () => {
  const r = runCli(['check', '-', '--format', 'json'], { stdin: goodManifest('plain').replace('  replicas: 3\n', '  replicas: 3\n  replicas: 3\n') });
  const m = duplicateOf(jsonOf<JsonResult>(r));
  assert.ok(m);
  assert.equal(m.source, undefined);
});

test('chart templates ({{ }}) stay quiet: one info, no cascade, exit 0', () => {
  const chart = tmp.write('chart/templates/statefulset.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n  {{- include "x" . | nindent 2 }}\n');
  const r = runCli(['check', chart, '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const messages = jsonOf<JsonResult>(r).flatMap((f) => f.messages);
  assert.deepEqual(messages.map((m) => [m.ruleId, m.severity]), [['template-file', 'info']]);
  assert.doesNotMatch(r.stderr, /not checked/, 'a template is not an unchecked failure');
});

test('real committed helm template outputs: every finding names its template', (t) => {
  const file = join(SHARED, 'corpus', 'real-repos', 'helm-rendered', 'argo-cd-redis-ha', 'manifests', 'ha', 'base', 'redis-ha', 'chart', 'upstream.yaml');
  if (!existsSync(file)) {
    t.skip('../shared/corpus is not next to this clone');
    return;
  }
  const text = readFileSync(file, 'utf8');
  const r = runCli(['check', '-', '--stdin-filename', 'upstream.yaml', '--format', 'json'], { stdin: text });
  const messages = jsonOf<JsonResult>(r).flatMap((f) => f.messages);
  assert.ok(messages.length > 0);
  const lines = text.split('\n');
  for (const m of messages) {
    assert.ok(m.source, JSON.stringify(m));
    // The template's comment is exactly source.line lines above the rendered line.
    assert.equal(lines[m.line - 1 - m.source.line], `# Source: ${m.source.template}`, JSON.stringify(m));
  }
  assert.ok(messages.some((m) => m.source?.template === 'redis-ha/charts/redis-ha/templates/redis-ha-statefulset.yaml'));
});
