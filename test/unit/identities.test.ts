/**
 * The identity engine: golden files for whole models (test/fixtures/identities/*.yaml -> *.json,
 * `UPDATE_GOLDEN=1` rewrites them) and focused assertions for the facts that matter most.
 *
 * A fixture may start with `# settings: {...}` (Settings JSON) and `# scale: 5, 1` (a scale plan
 * to each of those replica counts is added to the golden output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  identitiesOf,
  identityOf,
  MAX_LISTED_PODS,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  previewEntries,
  resolveSettings,
  scalePlan,
  WorkspaceIndex,
  type Settings,
  type StatefulSetIdentity,
} from '../../server/src/core';
import { FIXTURES } from '../support/paths';

const dir = join(FIXTURES, 'identities');
const update = process.env.UPDATE_GOLDEN === '1';

function settingsOf(text: string): Settings | undefined {
  const m = /^# settings: (\{.*\})\s*$/m.exec(text);
  return m ? (JSON.parse(m[1]) as Settings) : undefined;
}

function scalesOf(text: string): number[] {
  const m = /^# scale: ([\d, ]+)$/m.exec(text);
  return m ? m[1].split(',').map((s) => Number(s.trim())) : [];
}

function goldenOf(text: string, uri: string): unknown {
  const index = new WorkspaceIndex();
  const a = analyze(text, { uri, index, settings: settingsOf(text) });
  const scales = scalesOf(text);
  return {
    statefulSets: previewEntries(a, index).map((e) => ({
      identity: e.identity,
      service: e.service ?? null,
      scalePlans: scales.map((to) => scalePlan(e.identity, to)),
    })),
  };
}

for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
  test(`identities golden: ${name}`, () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const actual = JSON.stringify(goldenOf(text, name), null, 2) + '\n';
    const goldenPath = join(dir, name.replace(/\.yaml$/, '.json'));
    if (update) {
      writeFileSync(goldenPath, actual);
      return;
    }
    assert.ok(existsSync(goldenPath), `${goldenPath} is missing; run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(actual, readFileSync(goldenPath, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
  });
}

// ---- Focused assertions -------------------------------------------------------------------

function sts(spec: string, meta = 'name: web', settings?: Settings): StatefulSetIdentity {
  const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  ${meta}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
  const ids = identitiesOf(analyze(text, { settings }));
  assert.equal(ids.length, 1, 'one StatefulSet');
  return ids[0];
}

const names = (id: StatefulSetIdentity): string[] => id.pods.map((p) => p.name);
const steps = (s: readonly { pods: readonly string[] }[]): string[][] => s.map((x) => [...x.pods]);

test('pods, hostnames, subdomains and FQDNs follow the controller', () => {
  const id = sts('serviceName: nginx\nreplicas: 3', 'name: web\n  namespace: shop');
  assert.deepEqual(names(id), ['web-0', 'web-1', 'web-2']);
  assert.deepEqual(id.pods.map((p) => p.ordinal), [0, 1, 2]);
  assert.equal(id.pods[1].hostname, 'web-1');
  assert.equal(id.pods[1].subdomain, 'nginx');
  assert.equal(id.pods[1].fqdn, 'web-1.nginx.shop.svc.cluster.local');
  assert.equal(id.namespace, 'shop');
});

test('replicas default to 1; 0 means no pods and empty plans', () => {
  assert.deepEqual(names(sts('serviceName: s')), ['web-0']);
  const zero = sts('serviceName: s\nreplicas: 0');
  assert.equal(zero.replicas, 0);
  assert.deepEqual(zero.pods, []);
  assert.deepEqual(zero.creationOrder, []);
  assert.deepEqual(zero.terminationOrder, []);
  assert.deepEqual(zero.update.updated, []);
  assert.match(zero.update.summary, /No pods/);
  const nulled = sts('serviceName: s\nreplicas: null');
  assert.equal(nulled.replicas, 1, 'null decodes like an absent field');
  assert.deepEqual(nulled.notes, []);
});

test('spec.ordinals.start shifts ordinals, pod names and PVC names', () => {
  const id = sts('serviceName: s\nreplicas: 2\nordinals: {start: 7}\nvolumeClaimTemplates:\n- metadata: {name: data}\n  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
  assert.equal(id.startOrdinal, 7);
  assert.deepEqual(names(id), ['web-7', 'web-8']);
  assert.deepEqual(id.pods.map((p) => p.pvcs[0].name), ['data-web-7', 'data-web-8']);
  assert.deepEqual(id.pods.map((p) => p.controllerLabels[POD_INDEX_LABEL]), ['7', '8']);
});

test('PVCs are <template>-<set>-<ordinal> with the template\'s storage, modes, class and volume mode', () => {
  const id = sts(
    'serviceName: s\nreplicas: 1\nvolumeClaimTemplates:\n' +
      '- metadata: {name: data}\n  spec: {accessModes: [ReadWriteOnce], storageClassName: ssd, resources: {requests: {storage: 10Gi}}}\n' +
      '- metadata: {name: logs}\n  spec: {accessModes: [ReadWriteMany], volumeMode: Block, resources: {requests: {storage: 500M}}}',
  );
  const [data, logs] = id.pods[0].pvcs;
  assert.deepEqual(data, { name: 'data-web-0', template: 'data', storage: '10Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', volumeMode: 'Filesystem' });
  assert.equal(logs.name, 'logs-web-0');
  assert.equal(logs.volumeMode, 'Block');
  assert.equal(logs.storageClassName, undefined, 'no class: the cluster default');
  assert.equal(id.claimTemplates[0].storageText, '10 GiB');
});

test('namespace: metadata.namespace, else the defaultNamespace setting; cluster domain from settings', () => {
  const withSetting = sts('serviceName: svc', 'name: web', { defaultNamespace: 'team', clusterDomain: 'k8s.example' });
  assert.equal(withSetting.namespace, 'team');
  assert.equal(withSetting.pods[0].fqdn, 'web-0.svc.team.svc.k8s.example');
  assert.equal(sts('serviceName: svc').namespace, 'default');
  assert.equal(sts('serviceName: svc', 'name: web\n  namespace: prod', { defaultNamespace: 'team' }).namespace, 'prod');
});

test('no serviceName (or an empty one): no subdomain and no FQDN', () => {
  for (const spec of ['replicas: 1', 'replicas: 1\nserviceName: ""']) {
    const id = sts(spec);
    assert.equal(id.serviceName, undefined);
    assert.equal(id.pods[0].fqdn, undefined);
    assert.equal(id.pods[0].subdomain, undefined);
    assert.equal(id.pods[0].hostname, 'web-0');
  }
});

test('controller labels: pod-name always, pod-index from Kubernetes 1.28', () => {
  const now = sts('serviceName: s');
  assert.deepEqual(now.pods[0].controllerLabels, { [POD_NAME_LABEL]: 'web-0', [POD_INDEX_LABEL]: '0' });
  const v127 = sts('serviceName: s', 'name: web', { kubernetesVersion: '1.27' });
  assert.deepEqual(v127.pods[0].controllerLabels, { [POD_NAME_LABEL]: 'web-0' });
  assert.ok(sts('serviceName: s', 'name: web', { kubernetesVersion: '1.28' }).pods[0].controllerLabels[POD_INDEX_LABEL] === '0');
});

test('fields a release does not honour fall back, with a note', () => {
  const id = sts('serviceName: s\nreplicas: 1\nordinals: {start: 4}\npersistentVolumeClaimRetentionPolicy: {whenScaled: Delete}', 'name: web', { kubernetesVersion: '1.26' });
  assert.equal(id.startOrdinal, 0);
  assert.deepEqual(id.retention, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(id.notes.length, 2);
  assert.equal(sts('serviceName: s\nordinals: {start: 4}', 'name: web', { kubernetesVersion: '1.27' }).startOrdinal, 4);
});

test('OrderedReady creates ascending and terminates descending, one pod per step; Parallel uses one step', () => {
  const ordered = sts('serviceName: s\nreplicas: 3');
  assert.equal(ordered.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(steps(ordered.creationOrder), [['web-0'], ['web-1'], ['web-2']]);
  assert.deepEqual(steps(ordered.terminationOrder), [['web-2'], ['web-1'], ['web-0']]);
  const parallel = sts('serviceName: s\nreplicas: 3\npodManagementPolicy: Parallel');
  assert.deepEqual(steps(parallel.creationOrder), [['web-0', 'web-1', 'web-2']]);
  assert.deepEqual(steps(parallel.terminationOrder), [['web-2', 'web-1', 'web-0']]);
});

test('rolling update: pods at index >= partition, highest first; none when partition >= replicas', () => {
  const all = sts('serviceName: s\nreplicas: 3');
  assert.deepEqual(all.update.updated, ['web-2', 'web-1', 'web-0']);
  assert.deepEqual(steps(all.update.steps), [['web-2'], ['web-1'], ['web-0']]);
  const part = sts('serviceName: s\nreplicas: 4\nordinals: {start: 10}\nupdateStrategy: {rollingUpdate: {partition: 2}}');
  assert.deepEqual(part.update.updated, ['web-13', 'web-12']);
  assert.deepEqual(part.update.unchanged, ['web-10', 'web-11']);
  assert.deepEqual(part.pods.map((p) => p.updatedByRollingUpdate), [false, false, true, true]);
  for (const p of [3, 9]) {
    const held = sts(`serviceName: s\nreplicas: 3\nupdateStrategy: {rollingUpdate: {partition: ${p}}}`);
    assert.deepEqual(held.update.updated, []);
    assert.ok(held.pods.every((x) => !x.updatedByRollingUpdate));
    assert.match(held.update.summary, /replaces no pod/);
  }
});

test('OnDelete replaces nothing automatically and says so', () => {
  const id = sts('serviceName: s\nreplicas: 2\nupdateStrategy: {type: OnDelete}');
  assert.equal(id.update.strategy, 'OnDelete');
  assert.deepEqual(id.update.updated, []);
  assert.deepEqual(id.update.unchanged, ['web-0', 'web-1']);
  assert.ok(id.pods.every((p) => !p.updatedByRollingUpdate));
  assert.match(id.update.summary, /OnDelete/);
  assert.match(id.update.summary, /deleted/);
});

test('maxUnavailable: noted; batches from 1.35 (percentages round down, at least 1); one at a time before', () => {
  const id = sts('serviceName: s\nreplicas: 5\nupdateStrategy: {rollingUpdate: {maxUnavailable: 3}}');
  assert.equal(id.update.maxUnavailable, 3);
  assert.deepEqual(steps(id.update.steps), [['web-4', 'web-3', 'web-2'], ['web-1', 'web-0']]);
  const pct = sts('serviceName: s\nreplicas: 3\nupdateStrategy: {rollingUpdate: {maxUnavailable: 10%}}');
  assert.equal(pct.update.maxUnavailable, '10%');
  assert.deepEqual(steps(pct.update.steps), [['web-2'], ['web-1'], ['web-0']]);
  const old = sts('serviceName: s\nreplicas: 2\nupdateStrategy: {rollingUpdate: {maxUnavailable: 2}}', 'name: web', { kubernetesVersion: '1.34' });
  assert.deepEqual(steps(old.update.steps), [['web-1'], ['web-0']]);
  assert.match(old.update.summary, /1\.35/);
});

test('scale up: new pods ascending with their PVCs; Parallel in one step', () => {
  const id = sts('serviceName: s\nreplicas: 2\nvolumeClaimTemplates:\n- metadata: {name: d}\n  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
  const plan = scalePlan(id, 5);
  assert.equal(plan.from, 2);
  assert.equal(plan.to, 5);
  assert.deepEqual(plan.created.map((p) => p.name), ['web-2', 'web-3', 'web-4']);
  assert.deepEqual(plan.created.map((p) => p.pvcs[0].name), ['d-web-2', 'd-web-3', 'd-web-4']);
  assert.deepEqual(steps(plan.createdSteps), [['web-2'], ['web-3'], ['web-4']]);
  assert.deepEqual(plan.removed, []);
  assert.match(plan.summary, /reattached/);
  const parallel = scalePlan(sts('serviceName: s\nreplicas: 1\npodManagementPolicy: Parallel'), 3);
  assert.deepEqual(steps(parallel.createdSteps), [['web-1', 'web-2']]);
});

test('scale down: highest first; PVCs kept under whenScaled Retain, deleted under Delete', () => {
  const tpl = 'volumeClaimTemplates:\n- metadata: {name: d}\n  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}';
  const retain = scalePlan(sts(`serviceName: s\nreplicas: 4\n${tpl}`), 2);
  assert.deepEqual(retain.removed.map((r) => r.pod), ['web-3', 'web-2']);
  assert.deepEqual(steps(retain.removedSteps), [['web-3'], ['web-2']]);
  assert.deepEqual(retain.removed.flatMap((r) => r.pvcs), [{ name: 'd-web-3', action: 'kept' }, { name: 'd-web-2', action: 'kept' }]);
  const del = scalePlan(sts(`serviceName: s\nreplicas: 4\npersistentVolumeClaimRetentionPolicy: {whenScaled: Delete}\n${tpl}`), 3);
  assert.deepEqual(del.removed.flatMap((r) => r.pvcs), [{ name: 'd-web-3', action: 'deleted' }]);
  assert.match(del.summary, /whenScaled: Delete/);
  const same = scalePlan(sts('serviceName: s\nreplicas: 2'), 2);
  assert.equal(same.createdCount + same.removedCount, 0);
  assert.match(same.summary, /nothing changes/);
  const bad = scalePlan(sts('serviceName: s\nreplicas: 2'), -3);
  assert.equal(bad.to, 2, 'an impossible target changes nothing');
});

test('deletion plan follows whenDeleted', () => {
  const tpl = 'volumeClaimTemplates:\n- metadata: {name: d}\n  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}';
  const keep = sts(`serviceName: s\nreplicas: 2\n${tpl}`).deletion;
  assert.deepEqual(keep.kept, ['d-web-0', 'd-web-1']);
  assert.deepEqual(keep.deleted, []);
  const del = sts(`serviceName: s\nreplicas: 2\npersistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}\n${tpl}`).deletion;
  assert.deepEqual(del.deleted, ['d-web-0', 'd-web-1']);
  assert.deepEqual(del.kept, []);
  assert.match(del.summary, /whenDeleted: Delete/);
});

test('bad values never throw: defaults apply and each is noted', () => {
  const id = sts('serviceName: s\nreplicas: "3"\npodManagementPolicy: 7\nupdateStrategy: {type: [x], rollingUpdate: {partition: -1}}\nordinals: 5\nvolumeClaimTemplates: {a: b}');
  assert.equal(id.replicas, 1);
  assert.equal(id.podManagementPolicy, 'OrderedReady');
  assert.equal(id.update.strategy, 'RollingUpdate');
  assert.equal(id.update.partition, 0);
  assert.equal(id.startOrdinal, 0);
  assert.deepEqual(id.claimTemplates, []);
  assert.ok(id.notes.some((n) => n.includes('spec.replicas')));
  assert.ok(id.notes.some((n) => n.includes('partition')));
  for (const text of ['apiVersion: apps/v1\nkind: StatefulSet\n', 'apiVersion: apps/v1\nkind: StatefulSet\nspec: 3\n', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  replicas: [1\n']) {
    assert.doesNotThrow(() => identitiesOf(analyze(text)));
  }
  const unnamed = identitiesOf(analyze('apiVersion: apps/v1\nkind: StatefulSet\nspec: {replicas: 1}\n'))[0];
  assert.equal(unnamed.name, '');
  assert.equal(unnamed.pods[0].name, '<name>-0');
});

test('huge replica counts list at most MAX_LISTED_PODS pods and say so', () => {
  const started = performance.now();
  const id = sts('serviceName: s\nreplicas: 1000000000');
  assert.equal(id.replicas, 1_000_000_000);
  assert.equal(id.pods.length, MAX_LISTED_PODS);
  assert.equal(id.truncated, true);
  assert.ok(id.notes.some((n) => n.includes(String(MAX_LISTED_PODS))));
  assert.match(id.update.summary, /1000000000 pods/);
  const down = scalePlan(id, 0);
  assert.equal(down.removedCount, 1_000_000_000);
  assert.equal(down.removed.length, MAX_LISTED_PODS);
  assert.equal(down.removed[0].pod, 'web-999999999');
  assert.equal(down.truncated, true);
  assert.equal(sts('serviceName: s\nreplicas: 3000000000').replicas, 1, 'above int32: rejected, default shown');
  assert.ok(performance.now() - started < 2000, 'bounded work');
});

test('identitiesOf: only apps/v1 StatefulSets, in order, with absolute spans; List items included', () => {
  const text = [
    'apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata: {name: old}\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: dep}\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: first}\n',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: StatefulSet\n  metadata: {name: second}\n',
  ].join('---\n');
  const ids = identitiesOf(analyze(text));
  assert.deepEqual(ids.map((i) => i.name), ['first', 'second']);
  assert.deepEqual(ids.map((i) => i.index), [0, 1]);
  for (const id of ids) {
    assert.ok(id.nameSpan);
    assert.equal(text.slice(id.nameSpan.start, id.nameSpan.end), id.name);
    assert.ok(text.slice(id.span.start, id.span.end).includes(`name: ${id.name}`));
  }
});

test('identityOf works on a resource directly, with the chunk offset added to spans', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\n';
  const a = analyze(text);
  const placed = a.resources.find((r) => r.resource.kind === 'StatefulSet');
  assert.ok(placed);
  const id = identityOf(placed.resource, placed.offset, resolveSettings({}), 0);
  assert.ok(id.nameSpan);
  assert.equal(text.slice(id.nameSpan.start, id.nameSpan.end), 'db');
});

test('previewEntries: Service resolved through the index across files, same namespace only; findings with 0-based lines', () => {
  const index = new WorkspaceIndex();
  analyze('apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: prod}\nspec: {clusterIP: None}\n', { uri: 'svc.yaml', index });
  analyze('apiVersion: v1\nkind: Service\nmetadata: {name: plain}\nspec: {clusterIP: 10.0.0.1}\n', { uri: 'plain.yaml', index });
  const text = [
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: a, namespace: prod}\nspec: {serviceName: db}\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: b}\nspec: {serviceName: db}\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: c}\nspec:\n  serviceName: plain\n  replicas: 1\n  replicas: 2\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: d}\n',
  ].join('---\n');
  const a = analyze(text, { uri: 'sts.yaml', index });
  const entries = previewEntries(a, index);
  assert.deepEqual(entries.map((e) => e.service), [
    { name: 'db', found: true, headless: true, uri: 'svc.yaml' },
    { name: 'db', found: false },
    { name: 'plain', found: true, headless: false, uri: 'plain.yaml' },
    undefined,
  ]);
  // Other rules may add findings to these bare objects; the duplicate key is ours to place.
  const dups = entries.map((e) => e.findings.filter((f) => f.code === 'duplicate-key'));
  assert.deepEqual(dups.map((d) => d.length), [0, 0, 1, 0]);
  const dup = dups[2][0];
  assert.equal(dup.line, 16);
  assert.equal(dup.character, 2);
  assert.equal(text.split('\n')[dup.line].slice(dup.character), 'replicas: 2');
});
