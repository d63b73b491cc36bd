/** `statefulset-tools preview` through the built binary: JSON shape, table, scale plans, inputs. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { DUPLICATE_KEY, goodManifest, jsonOf, runCli, TempDir } from './harness';

interface PreviewJson {
  statefulSets: {
    filePath: string;
    name: string;
    namespace: string;
    serviceName: string | null;
    replicas: number;
    startOrdinal: number;
    podManagementPolicy: string;
    pods: {
      ordinal: number;
      name: string;
      hostname: string;
      fqdn: string | null;
      pvcs: { name: string; template: string; storage: string | null; accessModes: string[]; storageClassName: string | null }[];
      updatedByRollingUpdate: boolean;
    }[];
    creationOrder: string[][];
    terminationOrder: string[][];
    service: { name: string; found: boolean; headless: boolean | null; filePath: string | null } | null;
    updatePlan: { strategy: string; partition: number; updated: string[]; unchanged: string[]; steps: string[][]; summary: string };
    deletion: { kept: string[]; deleted: string[]; summary: string };
    scalePlan?: { from: number; to: number; created: string[]; createdSteps: string[][]; removed: { pod: string; ordinal: number; pvcs: { name: string; action: string }[] }[]; removedSteps: string[][]; summary: string };
    problems: { ruleId: string; severity: string; line: number; column: number }[];
  }[];
}

const tmp = new TempDir();
after(() => tmp.remove());

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector: {app: web}\n';
const web = tmp.write('web.yaml', goodManifest('web'));
const stsOnly = tmp.write('split/sts.yaml', goodManifest('web', { service: false }));
const svcOnly = tmp.write('split/svc.yaml', SERVICE);

const REQUIRED_KEYS = ['filePath', 'name', 'namespace', 'serviceName', 'replicas', 'startOrdinal', 'podManagementPolicy', 'pods', 'creationOrder', 'terminationOrder'];

test('--format json: {"statefulSets": [...]} with the required fields, in that order, and exact pod and PVC objects', () => {
  const r = runCli(['preview', web, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = jsonOf<PreviewJson>(r);
  assert.deepEqual(Object.keys(out), ['statefulSets']);
  assert.equal(out.statefulSets.length, 1);
  const s = out.statefulSets[0];
  assert.deepEqual(Object.keys(s).slice(0, REQUIRED_KEYS.length), REQUIRED_KEYS);
  assert.deepEqual(
    { filePath: s.filePath, name: s.name, namespace: s.namespace, serviceName: s.serviceName, replicas: s.replicas, startOrdinal: s.startOrdinal, podManagementPolicy: s.podManagementPolicy },
    { filePath: web, name: 'web', namespace: 'default', serviceName: 'web', replicas: 3, startOrdinal: 0, podManagementPolicy: 'OrderedReady' },
  );
  assert.deepEqual(s.pods[1], {
    ordinal: 1,
    name: 'web-1',
    hostname: 'web-1',
    fqdn: 'web-1.web.default.svc.cluster.local',
    pvcs: [{ name: 'www-web-1', template: 'www', storage: '1Gi', accessModes: ['ReadWriteOnce'], storageClassName: null }],
    updatedByRollingUpdate: true,
  });
  assert.deepEqual(s.creationOrder, [['web-0'], ['web-1'], ['web-2']]);
  assert.deepEqual(s.terminationOrder, [['web-2'], ['web-1'], ['web-0']]);
  assert.deepEqual(s.updatePlan.updated, ['web-2', 'web-1', 'web-0']);
  assert.deepEqual(s.deletion.kept, ['www-web-0', 'www-web-1', 'www-web-2']);
  assert.deepEqual(s.service, { name: 'web', found: true, headless: true, filePath: web });
  assert.equal(s.scalePlan, undefined, 'no scale plan without --replicas');
});

test('--replicas N adds the scale plan (up and down)', () => {
  const up = jsonOf<PreviewJson>(runCli(['preview', web, '--format', 'json', '--replicas', '5'])).statefulSets[0].scalePlan;
  assert.ok(up);
  assert.equal(up.from, 3);
  assert.equal(up.to, 5);
  assert.deepEqual(up.created, ['web-3', 'web-4']);
  assert.deepEqual(up.createdSteps, [['web-3'], ['web-4']]);
  assert.deepEqual(up.removed, []);
  const down = jsonOf<PreviewJson>(runCli(['preview', web, '--format', 'json', '--replicas=1'])).statefulSets[0].scalePlan;
  assert.ok(down);
  assert.deepEqual(down.removed, [
    { pod: 'web-2', ordinal: 2, pvcs: [{ name: 'www-web-2', action: 'kept' }] },
    { pod: 'web-1', ordinal: 1, pvcs: [{ name: 'www-web-1', action: 'kept' }] },
  ]);
  assert.match(down.summary, /whenScaled: Retain/);
  const r = runCli(['preview', web, '--replicas', 'lots']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--replicas/);
});

test('stylish: a table of pods, DNS names and PVCs, then the plans', () => {
  const r = runCli(['preview', web, '--replicas', '4']);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  assert.ok(out.includes(web));
  assert.match(out, /StatefulSet web\s+namespace default, 3 replicas, OrderedReady/);
  assert.match(out, /ORDINAL\s+POD\s+DNS NAME\s+PVCS/);
  for (let i = 0; i < 3; i++) assert.match(out, new RegExp(`\\n\\s+${i}\\s+web-${i}\\s+web-${i}\\.web\\.default\\.svc\\.cluster\\.local\\s+www-web-${i}\\s`));
  assert.match(out, /Creation\s+web-0 → web-1 → web-2/);
  assert.match(out, /Termination\s+web-2 → web-1 → web-0/);
  assert.match(out, /Update\s+A template change replaces 3 pods/);
  assert.match(out, /Deletion\s+Deleting the StatefulSet/);
  assert.match(out, /Scale to 4\s+Scaling from 3 to 4 creates 1 pod \(web-3\)/);
  assert.match(out, /Service\s+web: headless/);
});

test('--namespace, --cluster-domain and --kubernetes-version shape the names and labels', () => {
  const r = runCli(['preview', stsOnly, '--format', 'json', '--namespace', 'shop', '--cluster-domain', 'corp.example', '--kubernetes-version', '1.27']);
  const s = jsonOf<PreviewJson & { statefulSets: { kubernetesVersion: string }[] }>(r).statefulSets[0];
  assert.equal(s.namespace, 'shop');
  assert.equal(s.pods[0].fqdn, 'web-0.web.shop.svc.corp.example');
  assert.equal(s.kubernetesVersion, '1.27');
});

test('a StatefulSet finds its Service in another file given on the command line', () => {
  const alone = jsonOf<PreviewJson>(runCli(['preview', stsOnly, '--format', 'json'])).statefulSets[0];
  assert.deepEqual(alone.service, { name: 'web', found: false, headless: null, filePath: null });
  const together = jsonOf<PreviewJson>(runCli(['preview', stsOnly, svcOnly, '--format', 'json']));
  assert.equal(together.statefulSets.length, 1, 'the Service file adds no StatefulSet');
  assert.deepEqual(together.statefulSets[0].service, { name: 'web', found: true, headless: true, filePath: svcOnly });
  const viaDir = jsonOf<PreviewJson>(runCli(['preview', tmp.file('split'), '--format', 'json'])).statefulSets[0];
  assert.equal(viaDir.service?.found, true, 'also when both come from a directory');
  const stylish = runCli(['preview', stsOnly]);
  assert.match(stylish.stdout, /web: not found in the files given/);
});

test('a directory previews every StatefulSet in its YAML files; files without one are skipped quietly', () => {
  const d = new TempDir();
  try {
    d.write('a.yaml', goodManifest('alpha', { replicas: 1 }));
    d.write('sub/b.yml', goodManifest('beta', { replicas: 2 }));
    d.write('sub/service-only.yaml', SERVICE);
    d.write('node_modules/x/c.yaml', goodManifest('hidden'));
    const r = runCli(['preview', d.path, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(jsonOf<PreviewJson>(r).statefulSets.map((s) => s.name), ['alpha', 'beta']);
    assert.equal(r.stderr, '');
  } finally {
    d.remove();
  }
});

test('standard input: preview -', () => {
  const r = runCli(['preview', '-', '--format', 'json'], { stdin: goodManifest('stdin', { replicas: 2 }) });
  assert.equal(r.status, 0, r.stderr);
  const s = jsonOf<PreviewJson>(r).statefulSets[0];
  assert.equal(s.filePath, '<stdin>');
  assert.deepEqual(s.pods.map((p) => p.name), ['stdin-0', 'stdin-1']);
});

test('no StatefulSet in the input: message on stderr, exit 1 (json still prints an empty list)', () => {
  const svc = tmp.write('service.yaml', SERVICE);
  const r = runCli(['preview', svc, '--format', 'json']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /service\.yaml holds no apps\/v1 StatefulSet/);
  assert.deepEqual(jsonOf<PreviewJson>(r), { statefulSets: [] });
  const template = tmp.write('chart.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n');
  const t = runCli(['preview', template]);
  assert.equal(t.status, 1);
  assert.match(t.stderr, /chart\.yaml is a template/);
});

test('an unreadable or binary file: message on stderr, exit 2, the other files still previewed', () => {
  const loop = tmp.file('loop.yaml');
  symlinkSync(loop, loop);
  const bin = tmp.write('bin.yaml', Buffer.from('apiVersion\u0000\u0001', 'utf8'));
  const r = runCli(['preview', loop, bin, web, '--format', 'json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /loop\.yaml: cannot read: ELOOP/);
  assert.match(r.stderr, /bin\.yaml: binary file/);
  assert.deepEqual(jsonOf<PreviewJson>(r).statefulSets.map((s) => s.name), ['web']);
});

test('preview usage errors exit 2: sarif, no path, unknown option', () => {
  for (const args of [['preview', web, '--format', 'sarif'], ['preview'], ['preview', web, '--pods']]) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /statefulset-tools: /);
  }
});

test('problems inside a StatefulSet are listed with 1-based positions; preview itself still succeeds', () => {
  const text = goodManifest('web', { service: false }).replace('  replicas: 3\n', '  replicas: 3\n  replicas: 4\n');
  const file = tmp.write('dup-sts.yaml', text + '---\n' + DUPLICATE_KEY);
  const r = runCli(['preview', file, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const s = jsonOf<PreviewJson>(r).statefulSets[0];
  const dup = s.problems.filter((p) => p.ruleId === 'duplicate-key');
  assert.deepEqual(dup.map((p) => [p.line, p.column]), [[8, 3]], 'only the StatefulSet\'s own problem, not the ConfigMap\'s');
  const stylish = runCli(['preview', file]);
  assert.match(stylish.stdout, /Check\s+\d+ errors?/);
  assert.match(stylish.stdout, /8:3 error Duplicate key "replicas"/);
});

test('a huge replica count is cut short in the listing, never allocated in full', () => {
  const file = tmp.write('huge.yaml', goodManifest('big', { replicas: 1_000_000_000, service: false }));
  const started = Date.now();
  const r = runCli(['preview', file, '--format', 'json', '--replicas', '0']);
  assert.equal(r.status, 0, r.stderr);
  const s = jsonOf<PreviewJson & { statefulSets: { truncated: boolean }[] }>(r).statefulSets[0];
  assert.equal(s.replicas, 1_000_000_000);
  assert.equal(s.pods.length, 1000);
  assert.equal(s.truncated, true);
  assert.equal(s.scalePlan?.removed.length, 1000);
  assert.ok(Date.now() - started < 20_000);
  const stylish = runCli(['preview', file]);
  assert.match(stylish.stdout, /… and 999999000 more pods/);
});

test('references: per StatefulSet in JSON and the table; a scale-down names those it leaves dangling', () => {
  const sts = tmp.write('refs/sts.yaml', goodManifest('web'));
  const app = tmp.write('refs/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  PEERS: web-0.web,web-1.web,web-2.web\n');
  const json = jsonOf<{ statefulSets: { references: { filePath: string; line: number; text: string; names: string[]; exists: boolean }[]; scalePlan?: { dangling: { text: string }[] } }[] }>(runCli(['preview', sts, app, '--format', 'json', '--replicas', '2']));
  const s = json.statefulSets[0];
  assert.deepEqual(s.references.map((r) => [r.filePath, r.line, r.text, r.names, r.exists]), [
    [app, 6, 'web-0.web', ['web-0'], true],
    [app, 6, 'web-1.web', ['web-1'], true],
    [app, 6, 'web-2.web', ['web-2'], true],
  ]);
  assert.deepEqual(s.scalePlan?.dangling.map((r) => r.text), ['web-2.web']);
  const table = runCli(['preview', sts, app, '--replicas', '2']);
  assert.match(table.stdout, /leaves 1 reference dangling: web-2\.web in ConfigMap data/);
  assert.match(table.stdout, /Referenced +web-0: web-0\.web in ConfigMap data/);
});
