/** `check` and `preview` on Kustomize overlays, through the built binary. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonOf, runCli, TempDir } from './harness';

const dir = new TempDir();
after(() => dir.remove());

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
        resources:
          requests: {cpu: 100m, memory: 256Mi}
        readinessProbe:
          exec: {command: [pg_isready]}
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOncePod]
      resources:
        requests: {storage: 1Gi}
`;
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]\n';

dir.write('base/kustomization.yaml', 'resources:\n- sts.yaml\n- svc.yaml\n');
dir.write('base/sts.yaml', STS);
dir.write('base/svc.yaml', SVC);
dir.write('prod/kustomization.yaml', 'namePrefix: prod-\nresources:\n- ../base\npatches:\n- path: mounts.yaml\n');
dir.write('prod/mounts.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        volumeMounts:\n        - name: cache\n          mountPath: /cache\n');

interface FileJson {
  filePath: string;
  messages: { ruleId: string; severity: string; message: string; line: number; column: number }[];
}

test('check DIR adds the overlay findings to the file where the value is written', () => {
  const run = runCli(['check', '--format', 'json', '.'], { cwd: dir.path });
  const results = jsonOf<FileJson[]>(run);
  const overlay = results.flatMap((r) => r.messages.filter((m) => m.message.startsWith('in overlay ')).map((m) => ({ file: r.filePath, ...m })));
  assert.deepEqual(overlay.map((m) => [m.file, m.ruleId, m.line, m.column]), [['prod/mounts.yaml', 'volume-mount-unresolved', 11, 17]]);
  assert.match(overlay[0]!.message, /^in overlay prod: /);
  assert.equal(run.status, 1);
});

test('preview of a kustomization directory shows the names the overlay makes', () => {
  const run = runCli(['preview', '--format', 'json', 'prod'], { cwd: dir.path });
  const out = jsonOf<{ statefulSets: { filePath: string; name: string; pods: { name: string; fqdn: string | null; pvcs: { name: string }[] }[] }[] }>(run);
  assert.equal(out.statefulSets.length, 1);
  const sts = out.statefulSets[0]!;
  assert.equal(sts.filePath, 'prod (overlay)');
  assert.equal(sts.name, 'prod-db');
  assert.equal(sts.pods[0]!.name, 'prod-db-0');
  assert.equal(sts.pods[0]!.pvcs[0]!.name, 'data-prod-db-0');
  assert.match(sts.pods[0]!.fqdn ?? '', /^prod-db-0\.prod-db\./);
});

test('preview of an overlay that is not built says why', () => {
  dir.write('helm/kustomization.yaml', 'resources:\n- ../base\nhelmCharts:\n- name: postgres\n');
  const run = runCli(['preview', 'helm'], { cwd: dir.path });
  assert.match(run.stderr, /helm \(overlay\): the overlay is not built in-process \(helmCharts\)/);
  assert.equal(run.status, 2);
  // Generated objects get kustomize's content hash in their names (the CLI passes a SHA-256), so they build.
  dir.write('gen/kustomization.yaml', 'resources:\n- ../base\nconfigMapGenerator:\n- name: settings\n  literals: [a=b]\n');
  assert.equal(runCli(['preview', 'gen'], { cwd: dir.path }).status, 0);
});
