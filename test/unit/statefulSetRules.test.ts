/**
 * The StatefulSet warning and advice rules beyond what the fixtures show: label selector
 * semantics, the disruption budget arithmetic, the boundaries left to the error rules, and the fix
 * data the quick fixes are built from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, WorkspaceIndex, type Finding } from '../../server/src/core';
import { selects, selectorOf, isEmptySelector } from '../../server/src/core/labelSelector';
import { blockingReason } from '../../server/src/core/rules/pdbBlocksEviction';
import { statefulsetNameTooLong } from '../../server/src/core/rules/statefulsetNameTooLong';
import { parseChunk } from '../../server/src/core/parse';

const sts = (name: string, extra = ''): string =>
  [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  serviceName: nginx',
    extra,
    '  selector:',
    '    matchLabels:',
    '      app: nginx',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: nginx',
    '    spec:',
    '      containers:',
    '        - name: nginx',
    '          image: nginx:1.27',
    '          ports:',
    '            - name: web',
    '              containerPort: 80',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n';

const byCode = (findings: readonly Finding[], code: string): Finding[] => findings.filter((f) => f.code === code);

test('label selectors: matchLabels and every operator, unknown operators undecided', () => {
  const labels = { app: 'db', tier: 'backend' };
  assert.equal(selects({ matchLabels: { app: 'db' } }, labels), true);
  assert.equal(selects({ matchLabels: { app: 'web' } }, labels), false);
  const expr = (operator: string, values: string[] = [], key = 'app') => selects({ matchExpressions: [{ key, operator, values }] }, labels);
  assert.equal(expr('In', ['db', 'cache']), true);
  assert.equal(expr('In', ['web']), false);
  assert.equal(expr('NotIn', ['web']), true);
  assert.equal(expr('NotIn', ['db']), false);
  assert.equal(expr('NotIn', ['x'], 'zone'), true, 'NotIn holds when the label is absent');
  assert.equal(expr('Exists'), true);
  assert.equal(expr('Exists', [], 'zone'), false);
  assert.equal(expr('DoesNotExist', [], 'zone'), true);
  assert.equal(expr('DoesNotExist'), false);
  assert.equal(expr('Matches', ['db']), undefined);
  assert.equal(selects({}, labels), true);
});

test('label selectors read from YAML, and an empty one is recognised', () => {
  const [doc] = parseChunk('selector:\n  matchLabels: {app: db}\n  matchExpressions:\n    - {key: tier, operator: In, values: [backend]}\n');
  const sel = selectorOf(doc.root && doc.root.kind === 'map' ? doc.root.pairs[0].value : undefined);
  assert.ok(sel);
  assert.deepEqual(sel, { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] });
  assert.equal(isEmptySelector(sel), false);
  assert.equal(isEmptySelector({ matchLabels: {}, matchExpressions: [] }), true);
});

test('disruption budgets: percentages round up, as the disruption controller does', () => {
  assert.equal(blockingReason({ field: 'maxUnavailable', value: 0 }, 3)?.startsWith('maxUnavailable: 0'), true);
  assert.equal(blockingReason({ field: 'maxUnavailable', value: '0%' }, 3) !== undefined, true);
  assert.equal(blockingReason({ field: 'maxUnavailable', value: '1%' }, 3), undefined, '1% of 3 rounds up to one pod');
  assert.equal(blockingReason({ field: 'maxUnavailable', value: 1 }, 3), undefined);
  assert.equal(blockingReason({ field: 'minAvailable', value: 3 }, 3) !== undefined, true);
  assert.equal(blockingReason({ field: 'minAvailable', value: 5 }, 3) !== undefined, true);
  assert.equal(blockingReason({ field: 'minAvailable', value: 2 }, 3), undefined);
  assert.equal(blockingReason({ field: 'minAvailable', value: '67%' }, 3) !== undefined, true, '67% of 3 is 2.01, rounded up to 3');
  assert.equal(blockingReason({ field: 'minAvailable', value: '66%' }, 3), undefined, '66% of 3 is 1.98, rounded up to 2');
  assert.equal(blockingReason({ field: 'minAvailable', value: '100%' }, 10) !== undefined, true);
  assert.equal(blockingReason({ field: 'minAvailable', value: 1 }, 1)?.includes('the only pod'), true);
  assert.equal(blockingReason({ field: 'minAvailable', value: 'most' }, 3), undefined, 'a malformed value is left to the error rules');
  assert.equal(blockingReason({ field: 'minAvailable', value: 1 }, 0), undefined, 'no pods, nothing to evict');
});

test('statefulset-name-too-long: 53 to 63 characters, names that are no DNS label left to the error rules', () => {
  const only = { rules: [statefulsetNameTooLong] };
  const count = (name: string, kubernetesVersion?: string) => analyze(sts(name), { ...only, settings: { kubernetesVersion } }).findings.length;
  assert.equal(count('a'.repeat(52)), 0);
  assert.equal(count('a'.repeat(53)), 1);
  assert.equal(count('a'.repeat(63)), 1);
  assert.equal(count('a'.repeat(64)), 0);
  assert.equal(count('a'.repeat(64), '1.26'), 0);
  assert.equal(count(`${'a'.repeat(50)}.example`), 0);
  const [f] = analyze(sts('a'.repeat(60)), only).findings;
  assert.deepEqual(f.fix, { kind: 'shorten-name', maxLength: 52, suggestion: 'a'.repeat(52) });
  assert.match(f.message, /every revision|practically every revision/);
});

test('governing Service: found across files, by namespace, and the fix data points at the Service', () => {
  const index = new WorkspaceIndex();
  const svcText = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  selector:\n    app: nginx\n';
  analyze(svcText, { uri: 'file:///svc.yaml', index });
  const a = analyze(sts('web'), { uri: 'file:///sts.yaml', index });
  assert.equal(byCode(a.findings, 'service-not-found').length, 0);
  const [notHeadless] = byCode(a.findings, 'service-not-headless');
  assert.ok(notHeadless, 'a Service with a cluster IP is reported');
  const fix = notHeadless.fix as { kind: string; uri: string; span: { start: number; end: number } };
  assert.equal(fix.kind, 'make-service-headless');
  assert.equal(fix.uri, 'file:///svc.yaml');
  assert.ok(svcText.slice(fix.span.start, fix.span.end).startsWith('apiVersion: v1\nkind: Service'));

  // Another namespace: the Service no longer counts, and the message says where it is.
  const shop = analyze(sts('web').replace('  name: web\n', '  name: web\n  namespace: shop\n'), { uri: 'file:///sts.yaml', index });
  const [missing] = byCode(shop.findings, 'service-not-found');
  assert.match(missing.message, /namespace "default"/);
  assert.deepEqual(missing.fix, { kind: 'create-headless-service', name: 'nginx', namespace: 'shop', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] });

  // The default namespace is a setting of the file that asks.
  const asShop = analyze(sts('web'), { uri: 'file:///sts.yaml', index, settings: { defaultNamespace: 'shop' } });
  assert.equal(byCode(asShop.findings, 'service-not-found').length, 0, 'both objects without a namespace land in the same default namespace');
});

test('disruption budget in another file: the finding is on the StatefulSet, the budget file stays quiet', () => {
  const index = new WorkspaceIndex();
  const pdbText = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: nginx\n';
  const stsText = sts('web', '  replicas: 2');
  analyze(pdbText, { uri: 'file:///pdb.yaml', index });
  const a = analyze(stsText, { uri: 'file:///sts.yaml', index });
  const [f] = byCode(a.findings, 'pdb-blocks-eviction');
  assert.ok(f);
  assert.equal(stsText.slice(f.span.start, f.span.end), 'web');
  assert.equal(byCode(a.findings, 'pdb-missing').length, 0, 'the budget covers the pods');
  assert.equal(byCode(analyze(pdbText, { uri: 'file:///pdb.yaml', index }).findings, 'pdb-blocks-eviction').length, 0);
  // Scaled to 3, the same budget leaves room for one eviction.
  assert.equal(byCode(analyze(sts('web', '  replicas: 3'), { uri: 'file:///sts.yaml', index }).findings, 'pdb-blocks-eviction').length, 0);
});

test('advice stays quiet on a single replica and follows the settings', () => {
  const single = analyze(sts('web')).findings.map((f) => f.code);
  assert.ok(!single.includes('pdb-missing'));
  assert.ok(!single.includes('spread-constraints-missing'));
  const three = analyze(sts('web', '  replicas: 3'), { settings: { rules: { 'pdb-missing': 'off' } } }).findings.map((f) => f.code);
  assert.ok(!three.includes('pdb-missing'));
  assert.ok(three.includes('spread-constraints-missing'));
});
