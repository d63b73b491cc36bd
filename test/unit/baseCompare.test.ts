/**
 * The comparison with a base, pure: semantic equality as the API server's (quantities, defaults,
 * empty and absent, list order, key order and style), each release's mutable fields, the
 * findings of update-forbidden and the warnings, the migration plan and the preview's difference.
 * The git side is in gitBase.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyze,
  baseSetOf,
  DocumentCache,
  RULES,
  forbiddenChanges,
  forbiddenMessage,
  LineIndex,
  mutableFields,
  objectsOfText,
  parseKubeVersion,
  previewEntries,
  previewReferencesOf,
  referencesInFile,
  resolveSettings,
  withBaseDiffs,
  withReferences,
  WorkspaceIndex,
  type Finding,
  type KubeVersion,
} from '../../server/src/core';
import { fixesFor, applyEdits } from '../../server/src/core/fixes';
import { statefulSet } from '../support/gitRepo';

const v = (text: string): KubeVersion => parseKubeVersion(text) as KubeVersion;

function changesOf(base: string, current: string, version = '1.35') {
  const [b] = objectsOfText('base.yaml', base);
  const [c] = objectsOfText('current.yaml', current);
  return forbiddenChanges(b.resource, c.resource, v(version)).map((x) => ({ ...x, text: current.slice(x.span.start, x.span.end) }));
}

function findings(base: string, current: string, settings: Record<string, unknown> = {}, others = ''): Finding[] {
  const index = new WorkspaceIndex();
  if (others) analyze(others, { uri: 'file:///w/others.yaml', index });
  const set = baseSetOf('HEAD', objectsOfText('db.yaml', base), 'default');
  return analyze(current, { uri: 'file:///w/db.yaml', base: set, index, settings }).findings.filter((f) => ['update-forbidden', 'scale-down-deletes-claims', 'ordinals-start-changed', 'rollout-held', 'governing-service-removed'].includes(f.code));
}

describe('semantic equality', () => {
  const base = statefulSet();
  test('the same object, restyled, is no change: key order, flow style, quotes, comments', () => {
    const restyled = base
      .replace('accessModes: [ReadWriteOnce]', 'accessModes:\n          - "ReadWriteOnce"   # same')
      .replace('  serviceName: db\n  replicas: 3\n', '  replicas: 3\n  serviceName: \'db\'\n')
      .replace('    matchLabels:\n      app: db\n', '    matchLabels: {app: db}\n');
    assert.deepEqual(changesOf(base, restyled), []);
  });
  test('quantities compare as quantities: 10Gi is 10240Mi', () => {
    assert.deepEqual(changesOf(base, statefulSet({ storage: '10240Mi' })), []);
    assert.equal(changesOf(base, statefulSet({ storage: '10G' })).length, 1, '10G is not 10Gi');
  });
  test('defaulted fields equal their defaults: podManagementPolicy, revisionHistoryLimit, volumeMode', () => {
    const explicit = base
      .replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: OrderedReady\n  revisionHistoryLimit: 10\n')
      .replace('        accessModes: [ReadWriteOnce]\n', '        accessModes: [ReadWriteOnce]\n        volumeMode: Filesystem\n');
    assert.deepEqual(changesOf(base, explicit, '1.30'), []);
    const parallel = base.replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n');
    const [c] = changesOf(base, parallel);
    assert.equal(c.path, 'spec.podManagementPolicy');
    assert.equal(c.was, 'OrderedReady (the default)');
    assert.equal(c.text, 'Parallel');
  });
  test('null, [] and {} are absent; the embedded claim\'s apiVersion, kind, status and creationTimestamp do not count', () => {
    const noisy = base.replace('    - metadata:\n        name: data\n', '    - apiVersion: v1\n      kind: PersistentVolumeClaim\n      metadata:\n        name: data\n        creationTimestamp: null\n        labels: {}\n      status:\n        phase: Pending\n');
    assert.deepEqual(changesOf(base, noisy), []);
  });
  test('list order counts (accessModes), as DeepEqual compares lists in order', () => {
    const two = base.replace('[ReadWriteOnce]', '[ReadWriteOnce, ReadOnlyMany]');
    const swapped = base.replace('[ReadWriteOnce]', '[ReadOnlyMany, ReadWriteOnce]');
    const [c] = changesOf(two, swapped);
    assert.equal(c.path, 'spec.volumeClaimTemplates[0].spec.accessModes');
    assert.equal(c.was, '[ReadWriteOnce,ReadOnlyMany]');
  });
  test('a plain string field\'s "" is its zero value; a map entry\'s "" is a value', () => {
    const empty = statefulSet().replace('  serviceName: db\n', '  serviceName: ""\n');
    const absent = statefulSet().replace('  serviceName: db\n', '');
    assert.deepEqual(changesOf(absent, empty), []);
    const label = statefulSet().replace('    matchLabels:\n      app: db\n', '    matchLabels:\n      app: db\n      tier: ""\n');
    assert.equal(changesOf(statefulSet(), label)[0]?.path, 'spec.selector.matchLabels.tier');
  });
  test('a field the API server does not know is dropped when decoding: no forbidden change (unknown-field reports it)', () => {
    const typo = statefulSet().replace('  replicas: 3\n', '  replicas: 3\n  podManagmentPolicy: Parallel\n').replace('        accessModes:', '        storageClas: fast\n        accessModes:');
    assert.deepEqual(changesOf(statefulSet(), typo), []);
  });
  test('storageClassName "" is not absent (no class versus the default class)', () => {
    const empty = base.replace('        accessModes:', '        storageClassName: ""\n        accessModes:');
    assert.equal(changesOf(base, empty).length, 1);
  });
});

describe('one change per field, at the changed value', () => {
  test('storage, selector, serviceName each on their own, with the base value', () => {
    const current = statefulSet({ storage: '20Gi', serviceName: 'db-headless' }).replace('    matchLabels:\n      app: db\n', '    matchLabels:\n      app: db\n      tier: data\n');
    const cs = changesOf(statefulSet(), current);
    assert.deepEqual(
      cs.map((c) => [c.path, c.was, c.text]),
      [
        ['spec.serviceName', 'db', 'db-headless'],
        ['spec.selector.matchLabels.tier', 'not set', 'data'],
        ['spec.volumeClaimTemplates[0].spec.resources.requests.storage', '10Gi', '20Gi'],
      ],
    );
  });
  test('a removed field is reported on its nearest parent key', () => {
    const base = statefulSet().replace('        accessModes:', '        storageClassName: fast\n        accessModes:');
    const [c] = changesOf(base, statefulSet());
    assert.equal(c.path, 'spec.volumeClaimTemplates[0].spec.storageClassName');
    assert.equal(c.was, 'fast');
    assert.equal(c.now, 'not set');
    assert.equal(c.text, 'spec', 'the claim template spec key');
  });
  test('claim templates match by name: added, removed, renamed', () => {
    const renamed = statefulSet().replace('        name: data\n', '        name: data2\n');
    const cs = changesOf(statefulSet(), renamed);
    assert.deepEqual(cs.map((c) => [c.kind, c.path, c.field]), [
      ['template-removed', 'spec.volumeClaimTemplates', 'data'],
      ['template-added', 'spec.volumeClaimTemplates[0]', 'data2'],
    ]);
    const messages = findings(statefulSet(), renamed).map((f) => f.message.split(';')[0]);
    assert.deepEqual(messages, ['claim template data was at HEAD and is removed here', 'claim template data2 is new: HEAD has no claim template of that name']);
    assert.match(findings(statefulSet(), renamed)[0].fix?.plan as string, /Existing claims are kept and used again by name.*a removed one leaves its claims in place, unused/);
  });
  test('mutable fields never count: replicas, template, updateStrategy, ordinals, minReadySeconds, retention policy', () => {
    const current = statefulSet({ replicas: 5, image: 'postgres:17', retention: 'Delete', extraSpec: '  minReadySeconds: 10\n  ordinals:\n    start: 1\n  updateStrategy:\n    type: OnDelete\n' });
    assert.deepEqual(changesOf(statefulSet(), current), []);
  });
});

describe('the mutable fields of each release (ValidateStatefulSetUpdate)', () => {
  const table: [string, string[]][] = [
    ['1.19', ['replicas', 'template', 'updateStrategy']],
    ['1.21', ['replicas', 'template', 'updateStrategy']],
    ['1.22', ['replicas', 'template', 'updateStrategy', 'minReadySeconds']],
    ['1.23', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy']],
    ['1.25', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy']],
    ['1.26', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals']],
    ['1.32', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals']],
    ['1.33', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'revisionHistoryLimit']],
    ['1.35', ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'revisionHistoryLimit']],
  ];
  for (const [version, fields] of table) {
    test(`${version}: ${fields.join(', ')}`, () => {
      assert.deepEqual(mutableFields(v(version)), fields);
      for (const f of fields) assert.ok(forbiddenMessage(v(version)).includes(`'${f}'`), `${f} in the message of ${version}`);
    });
  }
  test('revisionHistoryLimit: forbidden before 1.33, allowed from it', () => {
    const current = statefulSet({ extraSpec: '  revisionHistoryLimit: 3\n' });
    assert.equal(changesOf(statefulSet(), current, '1.32')[0]?.path, 'spec.revisionHistoryLimit');
    assert.deepEqual(changesOf(statefulSet(), current, '1.33'), []);
  });
  test('a field newer than the release is dropped by its API server, so it cannot fail an update', () => {
    const current = statefulSet({ extraSpec: '  ordinals:\n    start: 2\n  minReadySeconds: 5\n' });
    assert.deepEqual(changesOf(statefulSet(), current, '1.21'), []);
  });
  test('the message is the API server\'s, per release', () => {
    assert.equal(forbiddenMessage(v('1.21')), "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'template', and 'updateStrategy' are forbidden");
    assert.match(forbiddenMessage(v('1.35')), /'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden$/);
  });
});

describe('update-forbidden and the migration plan', () => {
  test('one error per changed field, at the value, saying what the base had', () => {
    const current = statefulSet({ storage: '20Gi', serviceName: 'db2' });
    const fs = findings(statefulSet(), current).filter((f) => f.code === 'update-forbidden');
    assert.deepEqual(fs.map((f) => current.slice(f.span.start, f.span.end)), ['db2', '20Gi']);
    assert.match(fs[1].message, /^storage was 10Gi at HEAD; the API server of Kubernetes 1\.35 rejects/);
    assert.equal(fs[1].severity, 'error');
    assert.equal(fs[1].path, 'spec.volumeClaimTemplates[0].spec.resources.requests.storage');
  });
  test('no base object (a new StatefulSet, another namespace), or no base at all: nothing', () => {
    assert.deepEqual(findings(statefulSet({ name: 'other' }), statefulSet({ storage: '20Gi' })), []);
    assert.deepEqual(findings(statefulSet({ namespace: 'prod' }), statefulSet({ storage: '20Gi' })), []);
    assert.deepEqual(analyze(statefulSet({ storage: '20Gi' })).findings.filter((f) => f.code === 'update-forbidden'), []);
  });
  test('the plan patches each existing claim when the class allows expansion, then orphan-deletes and applies', () => {
    const cls = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: ebs.csi.aws.com\nallowVolumeExpansion: true\n';
    const withClass = (s: string) => s.replace('        accessModes:', '        storageClassName: fast\n        accessModes:');
    const [f] = findings(withClass(statefulSet({ namespace: 'prod' })), withClass(statefulSet({ namespace: 'prod', storage: '20Gi', replicas: 5 })), {}, cls);
    const plan = f.fix?.plan as string;
    const commands = plan.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(commands, [
      `kubectl patch pvc data-db-0 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      `kubectl patch pvc data-db-1 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      `kubectl patch pvc data-db-2 -n prod -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`,
      'kubectl delete statefulset db -n prod --cascade=orphan',
      'kubectl apply -f /w/db.yaml',
    ]);
    assert.match(plan, /StorageClass fast allows volume expansion/);
  });
  test('a class without allowVolumeExpansion gets no patch; a class not in the workspace gets a check first', () => {
    const cls = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: x\n';
    const withClass = (s: string) => s.replace('        accessModes:', '        storageClassName: fast\n        accessModes:');
    const fixed = findings(withClass(statefulSet()), withClass(statefulSet({ storage: '20Gi' })), {}, cls)[0].fix?.plan as string;
    assert.doesNotMatch(fixed, /kubectl patch/);
    assert.match(fixed, /does not allow volume expansion/);
    const unknown = findings(withClass(statefulSet()), withClass(statefulSet({ storage: '20Gi' })))[0].fix?.plan as string;
    assert.match(unknown, /kubectl get storageclass fast -o jsonpath='\{\.allowVolumeExpansion\}'/);
    assert.match(unknown, /kubectl patch pvc data-db-0/);
  });
  test('other fields: orphan-delete and re-create, saying what happens to pods and claims', () => {
    const plan = findings(statefulSet(), statefulSet({ serviceName: 'db2' }))[0].fix?.plan as string;
    assert.doesNotMatch(plan, /kubectl patch/);
    assert.match(plan, /kubectl delete statefulset db -n default --cascade=orphan/);
    assert.match(plan, /keep their old DNS subdomain until they are replaced: kubectl rollout restart statefulset db -n default/);
  });
  test('the quick fix inserts the plan as a comment above the object, and the file stays valid YAML', () => {
    const current = statefulSet({ storage: '20Gi' });
    const set = baseSetOf('HEAD', objectsOfText('db.yaml', statefulSet()), 'default');
    const a = analyze(current, { uri: 'file:///w/db.yaml', base: set });
    const f = a.findings.find((x) => x.code === 'update-forbidden') as Finding;
    const [fix] = fixesFor(a, f);
    assert.equal(fix.title, 'Insert the migration plan for StatefulSet db as a comment');
    const fixed = applyEdits(current, fix.edits);
    assert.ok(fixed.startsWith('# Migration plan for StatefulSet db'));
    assert.ok(fixed.endsWith(current));
    assert.match(fixed, /^# {3}kubectl delete statefulset db -n default --cascade=orphan$/m);
    assert.deepEqual(analyze(fixed).findings.filter((x) => x.code === 'yaml-syntax'), []);
  });
  test('with CRLF line ends, the inserted comment lines end in CRLF too', () => {
    const current = statefulSet({ storage: '20Gi' }).replace(/\n/g, '\r\n');
    const set = baseSetOf('HEAD', objectsOfText('db.yaml', statefulSet()), 'default');
    const a = analyze(current, { uri: 'file:///w/db.yaml', base: set });
    const [fix] = fixesFor(a, a.findings.find((x) => x.code === 'update-forbidden') as Finding);
    const inserted = fix.edits[0].newText;
    assert.ok(inserted.endsWith('\r\n'));
    assert.equal(inserted.split('\r\n').length, inserted.split('\n').length, 'every line break is a CRLF');
  });
});

describe('warnings for allowed but dangerous changes', () => {
  test('a scale-down under whenScaled: Delete names the claims it deletes', () => {
    const [f] = findings(statefulSet({ replicas: 5, retention: 'Delete' }), statefulSet({ replicas: 3, retention: 'Delete' }));
    assert.equal(f.code, 'scale-down-deletes-claims');
    assert.match(f.message, /Scaling from 5 \(at HEAD\) to 3 deletes the claims data-db-3, data-db-4/);
    assert.deepEqual(findings(statefulSet({ replicas: 5 }), statefulSet({ replicas: 3 })), [], 'Retain keeps them');
    assert.deepEqual(findings(statefulSet({ replicas: 5, retention: 'Delete' }), statefulSet({ replicas: 3, retention: 'Delete' }), { kubernetesVersion: '1.26' }), [], 'not honoured before 1.27');
  });
  test('an ordinals.start change names the old and the new pods', () => {
    const [f] = findings(statefulSet(), statefulSet({ extraSpec: '  ordinals:\n    start: 1\n' }));
    assert.equal(f.code, 'ordinals-start-changed');
    assert.match(f.message, /ordinals\.start was 0 at HEAD: the pods db-0, db-1, db-2 become db-1, db-2, db-3\. The controller deletes db-0 and creates db-3 on new, empty claims \(data-db-3\)/);
  });
  test('a template change held by a partition says which pods get it', () => {
    const strategy = '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2\n';
    const [f] = findings(statefulSet({ extraSpec: strategy }), statefulSet({ extraSpec: strategy, image: 'postgres:17' }));
    assert.equal(f.code, 'rollout-held');
    assert.match(f.message, /partition 2 holds the rollout: db-2 get the new template, db-0, db-1 keep the old one/);
    assert.deepEqual(findings(statefulSet({ extraSpec: strategy }), statefulSet({ extraSpec: strategy })), [], 'no template change, nothing held');
  });
  test('the governing Service deleted while the StatefulSet still names it', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n';
    const base = `${svc}---\n${statefulSet()}`;
    const set = baseSetOf('HEAD', objectsOfText('db.yaml', base), 'default', new Map([['db.yaml', { uri: 'file:///w/db.yaml', deleted: false }]]));
    const renamed = `${svc.replace('name: db', 'name: db-headless')}---\n${statefulSet()}`;
    const fs = analyze(renamed, { uri: 'file:///w/db.yaml', base: set }).findings.filter((f) => f.code === 'governing-service-removed');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /The governing Service "db" existed at HEAD \(db\.yaml\).*renamed to "db-headless"/);
    assert.deepEqual(analyze(base, { uri: 'file:///w/db.yaml', base: set }).findings.filter((f) => f.code === 'governing-service-removed'), []);
  });
});

describe('the preview\'s difference to the base', () => {
  test('pods renamed by ordinals.start, claims created, unused, resized', () => {
    const current = statefulSet({ storage: '20Gi', extraSpec: '  ordinals:\n    start: 1\n' });
    const index = new WorkspaceIndex();
    const a = analyze(current, { uri: 'file:///w/db.yaml', index });
    const set = baseSetOf('HEAD', objectsOfText('db.yaml', statefulSet()), 'default');
    const [e] = withBaseDiffs(previewEntries(a, index), a, set);
    assert.deepEqual(e.base?.pods.renamed, [{ from: 'db-0', to: 'db-3' }]);
    assert.deepEqual(e.base?.pvcs.created, ['data-db-3']);
    assert.deepEqual(e.base?.pvcs.unused, ['data-db-0']);
    assert.deepEqual(e.base?.pvcs.resized.map((r) => `${r.name} ${r.from}->${r.to}`), ['data-db-1 10Gi->20Gi', 'data-db-2 10Gi->20Gi']);
  });
  test('a scale-down under whenScaled: Delete deletes claims; without a base there is no difference', () => {
    const index = new WorkspaceIndex();
    const a = analyze(statefulSet({ replicas: 1, retention: 'Delete' }), { uri: 'file:///w/db.yaml', index, settings: resolveSettings({}) });
    const set = baseSetOf('origin/main', objectsOfText('db.yaml', statefulSet({ replicas: 3 })), 'default');
    const [e] = withBaseDiffs(previewEntries(a, index), a, set);
    assert.deepEqual(e.base?.pods.removed, ['db-1', 'db-2']);
    assert.deepEqual(e.base?.pvcs.deleted, ['data-db-1', 'data-db-2']);
    assert.match(e.base?.summary ?? '', /^Compared with origin\/main: removes db-1, db-2; deletes data-db-1, data-db-2/);
    assert.equal(withBaseDiffs(previewEntries(a, index), a, undefined)[0].base, undefined);
  });
});

describe('bad input never breaks the comparison', () => {
  test('the current file cut at every line, against a whole base and the other way round: no internal error', () => {
    const whole = `${statefulSet({ storage: '20Gi', retention: 'Delete', extraSpec: '  ordinals:\n    start: 2\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n' })}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\n`;
    const base = statefulSet({ replicas: 5 });
    const lines = whole.split('\n');
    for (let i = 0; i <= lines.length; i++) {
      const cut = lines.slice(0, i).join('\n');
      const odd = cut.replace(/: (\S+)$/gm, ': [$1, {x: 1}]');
      for (const [current, deployed] of [
        [cut, base],
        [base, cut],
        [odd, base],
        [base, odd],
      ]) {
        const set = baseSetOf('HEAD', objectsOfText('db.yaml', deployed), 'default');
        const index = new WorkspaceIndex();
        const a = analyze(current, { uri: 'file:///w/db.yaml', base: set, index });
        assert.deepEqual(a.findings.filter((f) => f.code === 'internal-error'), [], `line ${i}`);
        withBaseDiffs(previewEntries(a, index), a, set);
      }
    }
  });
});

describe('incremental', () => {
  test('an edit re-runs the base rules on its own document only, even when it changes what the index holds', () => {
    const text = Array.from({ length: 20 }, (_, i) => statefulSet({ name: `db${i}` })).join('---\n');
    const base = baseSetOf('HEAD', objectsOfText('x.yaml', text), 'default');
    let calls = 0;
    const rules = RULES.map((r) => (r.meta.scope === 'base' ? { meta: r.meta, check: (ctx: Parameters<typeof r.check>[0]) => (calls++, r.check(ctx)) } : r));
    const settings = resolveSettings({});
    const index = new WorkspaceIndex();
    const cache = new DocumentCache();
    analyze(text, { uri: 'file:///w/x.yaml', settings, index, cache, base, rules });
    const baseRules = rules.filter((r) => r.meta.scope === 'base').length;
    assert.equal(calls, 20 * baseRules);
    calls = 0;
    const at = text.indexOf('replicas: 3', text.length / 2) + 'replicas: '.length;
    const edited = `${text.slice(0, at)}5${text.slice(at + 1)}`;
    const a = analyze(edited, { uri: 'file:///w/x.yaml', settings, index, cache, base, rules, change: { start: at, oldEnd: at + 1, newEnd: at + 1 } });
    assert.equal(calls, baseRules, 'the replicas summary changed in the index, but no base rule read it');
    assert.deepEqual(a.findings.filter((f) => f.code === 'update-forbidden'), []);
  });
});

describe('references left dangling by what applying does', () => {
  test('a scale-down from the base names the references to the pods it removes', () => {
    const sts = (replicas: number): string =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mysql\nspec:\n  serviceName: mysql\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: mysql}\n  template:\n    metadata:\n      labels: {app: mysql}\n    spec:\n      containers:\n        - name: mysql\n          image: mysql:8.4\n`;
    const users = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clients\ndata:\n  primary: mysql-0.mysql.default.svc.cluster.local\n  replica: mysql-2.mysql.default.svc.cluster.local\n';
    const index = new WorkspaceIndex();
    const usersAnalysis = analyze(users, { uri: 'file:///users.yaml', index });
    const a = analyze(sts(2), { uri: 'file:///db.yaml', index });
    const base = baseSetOf('HEAD', objectsOfText('db.yaml', sts(3)), 'default');
    const texts = new Map([['file:///users.yaml', users], ['file:///db.yaml', sts(2)]]);
    const refs = previewReferencesOf([...referencesInFile(usersAnalysis, index), ...referencesInFile(a, index)], (u) => new LineIndex(texts.get(u) ?? ''));
    const [entry] = withBaseDiffs(withReferences(previewEntries(a, index), refs), a, base);
    assert.deepEqual(entry.base?.pods.removed, ['mysql-2']);
    assert.deepEqual(entry.base?.dangling?.map((r) => r.text), ['mysql-2.mysql.default.svc.cluster.local']);
  });
});
