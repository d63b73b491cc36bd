/**
 * syntaxes/statefulset.injection.json, tokenised with vscode-textmate: quantities and the
 * StatefulSet enum values get their scopes in values, and nothing else does (keys, comments, block
 * scalars, image tags, words that merely start like a value). Run against a minimal YAML grammar
 * everywhere, and against VS Code's own YAML grammar when a VS Code build is on the machine (the
 * end-to-end setup leaves one in its cache).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { ROOT } from '../support/paths';
import { grammarsIn, INJECTION_PATH, INJECTION_SCOPE, tokenizeLines, yamlGrammar, type Token } from './support/tokenize';

const QTY = 'constant.numeric.quantity.statefulset';
const UNIT = 'keyword.other.unit.quantity.statefulset';
const ACCESS = 'support.constant.access-mode.statefulset';
const POLICY = 'support.constant.pod-management-policy.statefulset';
const STRATEGY = 'support.constant.update-strategy.statefulset';
const RETENTION = 'support.constant.retention-policy.statefulset';

/** A manifest; each line is checked by the tables below. */
const DOC = [
  'apiVersion: apps/v1', // 0
  'kind: StatefulSet', // 1
  'spec:', // 2
  '  replicas: 3', // 3
  '  podManagementPolicy: Parallel', // 4
  '  updateStrategy:', // 5
  '    type: RollingUpdate', // 6
  '  persistentVolumeClaimRetentionPolicy:', // 7
  '    whenDeleted: Retain', // 8
  '    whenScaled: Delete # PVCs go on scale-down', // 9
  '  template:', // 10
  '    spec:', // 11
  '      containers:', // 12
  '        - name: app', // 13
  '          image: nginx:1.27', // 14
  '          resources:', // 15
  '            requests:', // 16
  '              cpu: 500m', // 17
  '              memory: "1.5Gi"', // 18
  '            limits:', // 19
  "              memory: '2Gi'", // 20
  '              ephemeral-storage: 1e3', // 21
  '          command:', // 22
  '            - sh', // 23
  '            - -c', // 24
  '          args: |', // 25
  '            echo 10Gi Parallel', // 26
  '            Retain', // 27
  '  volumeClaimTemplates:', // 28
  '    - metadata:', // 29
  '        name: data-10Gi', // 30
  '      spec:', // 31
  '        accessModes: ["ReadWriteOnce"]', // 32
  '        resources:', // 33
  '          requests:', // 34
  '            storage: 10Gi # per pod', // 35
  '    - spec:', // 36
  '        accessModes: [ReadWriteOncePod, ReadOnlyMany]', // 37
  '        accessModes:', // 38
  '          - ReadWriteMany', // 39
  '# storage: 20Gi OrderedReady', // 40
  'status: Deleted soon', // 41
  'Retain: yes', // 42
  'policy: OrderedReady', // 43
  'strategy: OnDelete', // 44
  'size: 20Gix', // 45
].join('\n');

/** [line, text of the token, scope it must carry]. The token is the last occurrence on the line. */
const EXPECTED: readonly [number, string, string][] = [
  [4, 'Parallel', POLICY],
  [6, 'RollingUpdate', STRATEGY],
  [8, 'Retain', RETENTION],
  [9, 'Delete', RETENTION],
  [17, '500', QTY],
  [17, 'm', UNIT],
  [18, '1.5', QTY],
  [18, 'Gi', UNIT],
  [20, '2', QTY],
  [20, 'Gi', UNIT],
  [21, '1', QTY],
  [21, 'e3', UNIT],
  [32, 'ReadWriteOnce', ACCESS],
  [35, '10', QTY],
  [35, 'Gi', UNIT],
  [37, 'ReadWriteOncePod', ACCESS],
  [37, 'ReadOnlyMany', ACCESS],
  [39, 'ReadWriteMany', ACCESS],
  [43, 'OrderedReady', POLICY],
  [44, 'OnDelete', STRATEGY],
];

/** Lines where no token may carry one of our scopes. */
const UNTOUCHED = [0, 1, 3, 14, 23, 24, 26, 27, 30, 40, 41, 42, 45];

const lines = DOC.split('\n');

function tokenAt(tokens: readonly Token[], line: number, text: string): Token | undefined {
  const start = lines[line].lastIndexOf(text);
  return tokens.find((t) => t.start === start);
}

function ours(t: Token): string[] {
  return t.scopes.filter((s) => s.endsWith('.statefulset'));
}

function checkGrammar(load: () => Promise<IGrammar>): void {
  let tokens: Token[][] = [];
  test('tokenises the document', async () => {
    tokens = tokenizeLines(await load(), DOC);
    assert.equal(tokens.length, lines.length);
  });
  for (const [line, text, scope] of EXPECTED) {
    test(`line ${line}: ${JSON.stringify(text)} is ${scope}`, () => {
      const t = tokenAt(tokens[line], line, text);
      assert.ok(t, `a token starts at ${JSON.stringify(text)} in ${JSON.stringify(lines[line])}: ${JSON.stringify(tokens[line].map((x) => x.text))}`);
      assert.equal(t.text, text, 'the token ends where the value part ends');
      assert.equal(t.scopes[0], 'source.yaml');
      assert.deepEqual(ours(t), [scope]);
    });
  }
  test('keys, comments, block scalars, image tags and longer words keep their YAML scopes only', () => {
    for (const line of UNTOUCHED) {
      const marked = tokens[line].filter((t) => ours(t).length > 0);
      assert.deepEqual(marked.map((t) => `${t.text} ${ours(t).join(' ')}`), [], `line ${line}: ${JSON.stringify(lines[line])}`);
    }
    const comment = tokenAt(tokens[40], 40, 'OrderedReady');
    assert.equal(comment, undefined, 'the comment is one token');
    assert.ok(tokens[9].some((t) => t.scopes.some((s) => s.startsWith('comment'))), 'the comment after a value is still a comment');
  });
}

describe('injection grammar', () => {
  test('is registered in package.json for source.yaml under its own scope', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: unknown[] } };
    assert.deepEqual(pkg.contributes.grammars, [{ scopeName: INJECTION_SCOPE, path: './syntaxes/statefulset.injection.json', injectTo: ['source.yaml'] }]);
    const grammar = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(grammar.scopeName, INJECTION_SCOPE);
    assert.match(grammar.injectionSelector, /^L:source\.yaml /);
  });
});

describe('on a minimal YAML grammar', () => {
  checkGrammar(() => yamlGrammar(new Map([['source.yaml', join(ROOT, 'test', 'grammar', 'support', 'yaml-minimal.tmLanguage.json')]])));
});

/** VS Code's YAML grammars, where a VS Code build already sits on this machine. */
function vscodeYamlSyntaxes(): string | undefined {
  const e2e = process.env.STS_E2E_HOME ?? join(homedir(), '.cache', 'statefulset-tools-e2e');
  const candidates = [
    join(e2e, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes'),
    '/usr/share/code/resources/app/extensions/yaml/syntaxes',
  ];
  return candidates.find((d) => existsSync(join(d, 'yaml.tmLanguage.json')));
}

const real = vscodeYamlSyntaxes();
describe('on VS Code\'s YAML grammar', { skip: real ? false : 'no VS Code build on this machine (scripts/setup-vscode-e2e.sh installs one)' }, () => {
  if (real) checkGrammar(() => yamlGrammar(grammarsIn(real)));
});
