/**
 * snippets/statefulset.json: each snippet, inserted with its defaults as VS Code would insert it,
 * makes YAML our own checker finds no error (and no warning) in. Fragments are inserted into a
 * StatefulSet at the place they belong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, WorkspaceIndex, type Finding } from '../../server/src/core';
import { previewEntries } from '../../server/src/core/identities';
import { ROOT } from '../support/paths';
import { expandSnippet, indentAfterFirstLine, parseSnippet } from './support/snippetSyntax';

interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

const SNIPPETS_PATH = join(ROOT, 'snippets', 'statefulset.json');
const snippets = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, Snippet>;

test('snippet syntax: placeholders, nesting, mirrors, choices, variables, escapes, $0', () => {
  assert.equal(expandSnippet('name: ${1:web}\nservice: $1\n$0'), 'name: web\nservice: web\n');
  assert.equal(expandSnippet('a: ${1:x ${2:y}} b: $2 c: ${2}'), 'a: x y b: y c: y');
  assert.equal(expandSnippet('early $1, then ${1:late}'), 'early late, then late');
  assert.equal(expandSnippet('mode: ${3|ReadWriteOnce,ReadWriteMany|} again: $3'), 'mode: ReadWriteOnce again: ReadWriteOnce');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet('cost: \\$5 \\} \\\\ ${1:in \\} side}'), 'cost: $5 } \\ in } side');
  assert.equal(expandSnippet('$((x)) ${ and $'), '$((x)) ${ and $');
  assert.equal(expandSnippet('$TM_FILENAME ${UNKNOWN} ${V:dflt}', { TM_FILENAME: 'a.yaml' }), 'a.yaml UNKNOWN dflt');
  assert.equal(expandSnippet('$10 $1', {}), ' ');
  assert.equal(expandSnippet(['line1', '${1:two}', '$1']), 'line1\ntwo\ntwo');
  assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms are not supported/);
  assert.deepEqual(parseSnippet('${1:a${2:b}}'), [{ kind: 'tabstop', index: 1, children: [{ kind: 'text', value: 'a' }, { kind: 'tabstop', index: 2, children: [{ kind: 'text', value: 'b' }] }] }]);
  assert.equal(indentAfterFirstLine('- a\n  b\n\nc', '    '), '- a\n      b\n\n    c');
});

test('snippets: contributed for yaml, each with a prefix, a description and a body', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/statefulset.json' }]);
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  for (const want of ['statefulset', 'sts-postgres', 'sts-redis', 'sts-kafka', 'sts-zookeeper', 'sts-claim-template', 'sts-update-strategy', 'sts-retention-policy']) {
    assert.ok(prefixes.includes(want), `a snippet with prefix ${want}`);
  }
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.description.length > 20, `${name} describes itself`);
    assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string' && !l.includes('\t')), `${name}: body lines, no tabs`);
    assert.ok(s.body.some((l) => l.includes('$0')), `${name} ends at $0`);
  }
});

/** A StatefulSet, its Service and PDB; its container mounts `data`, a claim template added below. */
const HOST = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app.kubernetes.io/name: db
  ports:
    - name: tcp
      port: 5000
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: db
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: db
  template:
    metadata:
      labels:
        app.kubernetes.io/name: db
    spec:
      containers:
        - name: db
          image: registry.example/db:1.0
          ports:
            - name: tcp
              containerPort: 5000
          readinessProbe:
            tcpSocket:
              port: tcp
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
          volumeMounts:
            - name: data
              mountPath: /data
`;

const CLAIM = `  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;
const IN_SPEC = `${HOST.replace('  replicas: 1\n', '  replicas: 1\n  #SNIPPET#\n')}${CLAIM}`;

const HOSTS: Record<string, string> = {
  'sts-claim-template': `${HOST}  volumeClaimTemplates:\n    #SNIPPET#\n`,
  'sts-update-strategy': IN_SPEC,
  'sts-retention-policy': IN_SPEC,
  // A Service needs no host, but checking it beside a StatefulSet that names it is the real use.
  'sts-service': `${HOST}${CLAIM}`.replace(/^[\s\S]*?---\n/, '#SNIPPET#\n---\n').replace(/\bdb\b/g, 'web'),
};

/** Inserts the expanded snippet where the host has `#SNIPPET#`, indenting as the editor does. */
function insert(host: string, text: string): string {
  const at = host.indexOf('#SNIPPET#');
  const lineStart = host.lastIndexOf('\n', at) + 1;
  const indent = host.slice(lineStart, at);
  assert.match(indent, /^ *$/, 'the marker stands alone on its line');
  return host.slice(0, at) + indentAfterFirstLine(text, indent).replace(/\n$/, '') + host.slice(at + '#SNIPPET#'.length);
}

function serious(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.severity} ${f.code}: ${f.message}`);
}

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet ${snippet.prefix} (${name}) expands to YAML with no error or warning`, () => {
    const expanded = expandSnippet(snippet.body, { TM_FILENAME: `${snippet.prefix}.yaml` });
    assert.doesNotMatch(expanded, /\$\{?\d/, 'no tabstop left over');
    const host = HOSTS[snippet.prefix];
    const whole = expanded.startsWith('apiVersion:');
    assert.ok(whole || host, `fragment ${snippet.prefix} has a host document in this test`);
    const text = host ? insert(host, expanded) : expanded;
    const uri = `file:///snippets/${snippet.prefix}.yaml`;
    const index = new WorkspaceIndex();
    const analysis = analyze(text, { uri, index });
    assert.deepEqual(serious(analysis.findings), [], `${snippet.prefix}:\n${text}`);

    const entries = previewEntries(analysis, index);
    assert.equal(entries.length, 1, 'one StatefulSet');
    const { identity, service } = entries[0];
    assert.deepEqual(service && { found: service.found, headless: service.headless }, { found: true, headless: true }, 'its headless Service is found');
    assert.ok(identity.replicas >= 1);
    if (snippet.prefix === 'sts-claim-template' || whole) assert.ok(identity.claimTemplates.length >= 1, 'a claim template per pod');
    if (snippet.prefix === 'sts-update-strategy') assert.equal(identity.update.partition, 0);
    if (snippet.prefix === 'sts-retention-policy') assert.deepEqual(identity.retention, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  });
}
