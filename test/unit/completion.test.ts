/** Completion on half-typed StatefulSet YAML: keys, snippets, enum values and references. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, yamlString, type CompletionItemData } from '../../server/src/core/completion';
import { cursorContext } from '../../server/src/core/locate';
import { workspace } from '../support/cursor';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  serviceName: nginx
  selector:
    matchLabels: {app: web}
  template:
    spec:
      containers:
      - name: app
        image: nginx
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: config
        configMap: {name: app-config}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 10Gi
`;

const OTHERS = {
  'file:///w/services.yaml': `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: peers
  namespace: prod
spec:
  clusterIP: None
`,
  'file:///w/classes.yaml': `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: kubernetes.io/no-provisioner
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: ebs.csi.aws.com
`,
};

/** Completions with `<|>` placed by replacing `find` in STS with `marked`. */
function complete(find: string, marked: string, base = STS, settings?: { kubernetesVersion?: string }): { items: CompletionItemData[]; text: string; offset: number } {
  assert.ok(base.includes(find), `fixture lacks ${JSON.stringify(find)}`);
  const ws = workspace(base.replace(find, marked), OTHERS, settings);
  return { items: completionsAt(ws.analysis, ws.offset, ws.index), text: ws.text, offset: ws.offset };
}

const labels = (items: readonly CompletionItemData[]): string[] => items.map((i) => i.label);
const item = (items: readonly CompletionItemData[], label: string): CompletionItemData => {
  const it = items.find((i) => i.label === label);
  assert.ok(it, `no item ${label} in ${labels(items).join(', ')}`);
  return it;
};

test('an empty line in spec offers the spec keys not written yet', () => {
  const { items, offset } = complete('  replicas: 3\n', '  replicas: 3\n  <|>\n');
  const l = labels(items);
  for (const k of ['updateStrategy', 'podManagementPolicy', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit']) assert.ok(l.includes(k), k);
  for (const k of ['replicas', 'serviceName', 'selector', 'template', 'volumeClaimTemplates']) assert.ok(!l.includes(k), `${k} is already there`);
  for (const i of items) assert.deepEqual(i.replace, { start: offset, end: offset });
});

test('nested blocks come as snippets indented from the key', () => {
  const { items } = complete('  replicas: 3\n', '  replicas: 3\n  <|>\n');
  const up = item(items, 'updateStrategy');
  assert.equal(up.snippet, true);
  assert.equal(up.insertText, 'updateStrategy:\n    type: ${1|RollingUpdate,OnDelete|}\n    rollingUpdate:\n      partition: ${2:0}');
  assert.equal(item(items, 'persistentVolumeClaimRetentionPolicy').insertText, 'persistentVolumeClaimRetentionPolicy:\n    whenDeleted: ${1|Retain,Delete|}\n    whenScaled: ${2|Retain,Delete|}');
  assert.equal(item(items, 'ordinals').insertText, 'ordinals:\n    start: ${1:0}');
  assert.equal(item(items, 'podManagementPolicy').insertText, 'podManagementPolicy: ${1|OrderedReady,Parallel|}');

  const fresh = complete('  replicas: 3\n  serviceName: nginx\n  selector:\n    matchLabels: {app: web}\n', '  <|>\n');
  assert.equal(item(fresh.items, 'selector').insertText, 'selector:\n    matchLabels:\n      ${1:app}: ${2:name}');
  const vct = complete(STS.slice(STS.indexOf('  volumeClaimTemplates:')), '  volu<|>\n');
  assert.match(item(vct.items, 'volumeClaimTemplates').insertText, /^volumeClaimTemplates:\n {4}- metadata:\n {8}name: \$\{1:data\}\n {6}spec:\n/);
});

test('keys follow the configured release: absent before it has them, flagged while a gate is off', () => {
  const marked = ['  replicas: 3\n', '  replicas: 3\n  <|>\n'] as const;
  assert.ok(!labels(complete(...marked, STS, { kubernetesVersion: '1.25' }).items).includes('ordinals'));
  assert.equal(item(complete(...marked, STS, { kubernetesVersion: '1.26' }).items, 'ordinals').detail, 'StatefulSetOrdinals, off unless the StatefulSetStartOrdinal feature gate is on');
  assert.equal(item(complete(...marked).items, 'ordinals').detail, 'StatefulSetOrdinals');
});

test('a half-typed key replaces the word, and the parse tree being broken there does not matter', () => {
  const { items, offset } = complete('  replicas: 3\n', '  replicas: 3\n  upd<|>\n');
  const up = item(items, 'updateStrategy');
  assert.deepEqual(up.replace, { start: offset - 3, end: offset });
  // The parser reads `upd` and the next line as one key; the indentation reader does not.
  const half = complete('  replicas: 3\n', '  replicas:\n  stor<|>\n');
  assert.ok(labels(half.items).includes('updateStrategy'));
  assert.ok(!labels(half.items).includes('replicas'));
});

test('a key under the cursor of an existing pair is replaced by the name alone', () => {
  const { items } = complete('  replicas: 3', '  repl<|>icas: 3');
  assert.equal(item(items, 'replicas').insertText, 'replicas');
  assert.equal(item(items, 'replicas').snippet, false);
});

test('keys of a container, of a new list item, and of a claim spec', () => {
  const container = complete('          mountPath: /data\n', '          mountPath: /data\n        im<|>\n');
  assert.ok(labels(container.items).includes('imagePullPolicy'));
  assert.ok(!labels(container.items).includes('image'), 'image is already set');
  // Fields we have no words for still come from the schema, with their type and values.
  const tmp = item(container.items, 'terminationMessagePolicy');
  assert.equal(tmp.detail, 'string');
  assert.equal(tmp.insertText, 'terminationMessagePolicy: ${1|File,FallbackToLogsOnError|}');
  const documented = labels(container.items).indexOf('imagePullPolicy');
  assert.ok(documented < labels(container.items).indexOf('terminationMessagePolicy'), 'documented fields first');

  const newItem = complete('      volumes:\n', '      - <|>\n      volumes:\n');
  assert.equal(labels(newItem.items)[0], 'name', 'a new container starts with its required name');
  assert.equal(item(newItem.items, 'volumeMounts').insertText, 'volumeMounts:\n          - $0');

  const claim = complete('          storage: 10Gi\n', '          storage: 10Gi\n      <|>\n');
  assert.deepEqual(labels(claim.items).slice(0, 2), ['storageClassName', 'volumeMode']);
  assert.ok(!labels(claim.items).includes('accessModes'));
});

test('enum values: podManagementPolicy, updateStrategy.type, whenDeleted, volumeMode, imagePullPolicy, restartPolicy', () => {
  const cases: [string, string, string[]][] = [
    ['  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: <|>\n', ['OrderedReady', 'Parallel']],
    ['  replicas: 3\n', '  replicas: 3\n  updateStrategy:\n    type: <|>\n', ['RollingUpdate', 'OnDelete']],
    ['  replicas: 3\n', '  replicas: 3\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: De<|>\n', ['Retain', 'Delete']],
    ['          storage: 10Gi\n', '          storage: 10Gi\n      volumeMode: <|>\n', ['Filesystem', 'Block']],
    ['        image: nginx\n', '        image: nginx\n        imagePullPolicy: <|>\n', ['Always', 'IfNotPresent', 'Never']],
    ['      volumes:\n', '      restartPolicy: <|>\n      volumes:\n', ['Always']],
  ];
  for (const [find, marked, want] of cases) {
    const { items } = complete(find, marked);
    assert.deepEqual(labels(items), want, marked);
  }
  const { items } = complete('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: <|>\n');
  assert.equal(item(items, 'OrderedReady').preselect, true, 'the default is preselected');
});

test('right after a colon, values are inserted with a space', () => {
  const { items, offset } = complete('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy:<|>\n');
  assert.equal(item(items, 'Parallel').insertText, ' Parallel');
  assert.deepEqual(item(items, 'Parallel').replace, { start: offset, end: offset });
});

test('access modes in flow and block lists, without the ones already listed; ReadWriteOncePod from 1.27', () => {
  const flow = complete('[ReadWriteOnce]', '[ReadWriteOnce, <|>]');
  assert.deepEqual(labels(flow.items), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
  const block = complete('      accessModes: [ReadWriteOnce]\n', '      accessModes:\n      - Rea<|>\n');
  assert.deepEqual(labels(block.items), ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
  assert.deepEqual(block.items[0].replace, { start: block.offset - 3, end: block.offset });
  const old = complete('[ReadWriteOnce]', '[<|>]', STS, { kubernetesVersion: '1.26' });
  assert.ok(!labels(old.items).includes('ReadWriteOncePod'));
});

test('volumeMounts[].name offers the claim templates and pod volumes', () => {
  const { items } = complete('        - name: data\n', '        - name: <|>\n');
  assert.deepEqual(labels(items), ['data', 'config']);
  assert.equal(item(items, 'data').detail, 'claim template, 10Gi');
  assert.equal(item(items, 'config').detail, 'pod volume (configMap)');
  const typed = complete('          mountPath: /data\n', '          mountPath: /data\n        - name: co<|>\n');
  assert.deepEqual(typed.items[0].replace, { start: typed.offset - 2, end: typed.offset });
});

test('volumeDevices[].name ranks block claim templates first', () => {
  const base = STS.replace('      accessModes: [ReadWriteOnce]\n', '      accessModes: [ReadWriteOnce]\n      volumeMode: Block\n');
  const { items } = complete('        volumeMounts:\n        - name: data\n          mountPath: /data\n', '        volumeDevices:\n        - name: <|>\n', base);
  const data = item(items, 'data');
  assert.equal(data.detail, 'claim template, 10Gi, block');
  assert.ok((data.sortText ?? '') < (item(items, 'config').sortText ?? ''));
});

test('serviceName offers the headless Services of the StatefulSet\'s namespace only', () => {
  const { items } = complete('  serviceName: nginx', '  serviceName: <|>');
  // peers is headless but in prod: a pod's subdomain only works with a Service of its own namespace.
  assert.deepEqual(labels(items), ['nginx']);
  assert.equal(item(items, 'nginx').detail, 'headless Service in default');
  const prod = complete('  name: web\n', '  name: web\n  namespace: prod\n', STS.replace('  serviceName: nginx', '  serviceName: <|>'));
  assert.deepEqual(labels(prod.items), ['peers']);
});

test('storageClassName offers the StorageClasses of the workspace, the default first', () => {
  const { items } = complete('      accessModes: [ReadWriteOnce]\n', '      accessModes: [ReadWriteOnce]\n      storageClassName: <|>\n');
  assert.deepEqual(labels(items), ['standard', 'fast']);
  assert.equal(item(items, 'fast').detail, 'ebs.csi.aws.com, default class');
  assert.ok((item(items, 'fast').sortText ?? '') < (item(items, 'standard').sortText ?? ''));
});

test('partition offers 0..replicas with the pods each would update', () => {
  const { items } = complete('  replicas: 3\n', '  replicas: 3\n  updateStrategy:\n    rollingUpdate:\n      partition: <|>\n');
  assert.deepEqual(items.map((i) => `${i.label}: ${i.detail}`), [
    '0: updates all: web-0 … web-2',
    '1: updates web-1, web-2; web-0 stays',
    '2: updates web-2; web-0, web-1 stay',
    '3: updates no pod: the rollout is held',
  ]);
});

test('partition honours ordinals.start and lists only the ends of a large set', () => {
  const base = STS.replace('replicas: 3', 'replicas: 100').replace('spec:\n  replicas', 'spec:\n  ordinals: {start: 1}\n  replicas');
  const { items } = complete('  serviceName: nginx\n', '  serviceName: nginx\n  updateStrategy:\n    rollingUpdate:\n      partition: <|>\n', base);
  assert.equal(items.length, 23);
  assert.equal(item(items, '99').detail, 'updates web-100; web-1 … web-99 stay');
  assert.equal(item(items, '100').detail, 'updates no pod: the rollout is held');
});

test('a StatefulSet in a List, and a document still without a kind', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: db
  spec:
    replicas: 2
    <|>
`;
  const ws = workspace(list);
  const ctx = cursorContext(ws.analysis, ws.offset);
  assert.deepEqual(ctx?.path, ['spec']);
  assert.ok(labels(completionsAt(ws.analysis, ws.offset, ws.index)).includes('serviceName'));

  const blank = workspace('apiVersion: apps/v1\n<|>');
  assert.deepEqual(labels(completionsAt(blank.analysis, blank.offset, blank.index)), ['kind', 'metadata', 'spec']);
  const kind = workspace('apiVersion: apps/v1\nkind: <|>');
  assert.deepEqual(labels(completionsAt(kind.analysis, kind.offset, kind.index)), ['StatefulSet']);
});

test('nothing for other kinds, comments, block scalars and values without suggestions', () => {
  const service = workspace(`apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  <|>\n`);
  assert.deepEqual(completionsAt(service.analysis, service.offset, service.index), []);
  assert.deepEqual(complete('  replicas: 3\n', '  replicas: 3 # how <|>many\n').items, []);
  const script = complete('        image: nginx\n', '        image: nginx\n        command:\n        - sh\n        - |\n          echo <|>\n');
  assert.deepEqual(script.items, []);
  assert.deepEqual(complete('  replicas: 3', '  replicas: <|>').items, []);
});

test('CRLF line ends and a second document in the file', () => {
  const two = `apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: nginx\r\n---\r\n${STS.replace(/\n/g, '\r\n').replace('  replicas: 3\r\n', '  replicas: 3\r\n  podM<|>\r\n')}`;
  const ws = workspace(two);
  const pmp = item(completionsAt(ws.analysis, ws.offset, ws.index), 'podManagementPolicy');
  assert.deepEqual(pmp.replace, { start: ws.offset - 4, end: ws.offset });
  assert.equal(ws.text.slice(pmp.replace.start, pmp.replace.end), 'podM');
});

test('yamlString quotes what YAML 1.1 would read as something else', () => {
  assert.equal(yamlString('fast'), 'fast');
  assert.equal(yamlString('web-0'), 'web-0');
  for (const s of ['yes', 'off', 'null', '~', '0755', '1e3', '12:30', '', '- x', 'a: b']) assert.equal(yamlString(s), JSON.stringify(s), s);
});

test('the cursor context reads structure from indentation where the YAML is broken', () => {
  const ctxOf = (marked: string) => {
    const ws = workspace(marked);
    const c = cursorContext(ws.analysis, ws.offset);
    return c && { mode: c.mode, path: c.path, prefix: c.prefix, siblings: [...c.siblings].sort(), bareItem: c.bareItem };
  };
  // A compact list (`- ` at the key's own column), an empty line inside the item.
  assert.deepEqual(ctxOf('kind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        <|>\n        image: x\n      - name: b\n'), {
    mode: 'key',
    path: ['spec', 'template', 'spec', 'containers', 0],
    prefix: '',
    siblings: ['image', 'name'],
    bareItem: false,
  });
  // The second item of an indented list, half-typed, with a key of the first item above it.
  assert.deepEqual(ctxOf('kind: StatefulSet\nspec:\n  volumeClaimTemplates:\n    - metadata: {name: a}\n      spec: {}\n    - meta<|>\n'), {
    mode: 'key',
    path: ['spec', 'volumeClaimTemplates', 1],
    prefix: 'meta',
    siblings: [],
    bareItem: true,
  });
  // A key with no value yet, then a value being typed in quotes.
  assert.deepEqual(ctxOf('kind: StatefulSet\nspec:\n  replicas:\n  podManagementPolicy: "Par<|>\n'), { mode: 'value', path: ['spec', 'podManagementPolicy'], prefix: 'Par', siblings: [], bareItem: false });
  // Comments and blank lines between a key and its parent do not count.
  assert.deepEqual(ctxOf('kind: StatefulSet\nspec:\n  # the update strategy\n\n  updateStrategy:\n    # how\n\n    rollingUpdate:\n      <|>\n'), {
    mode: 'key',
    path: ['spec', 'updateStrategy', 'rollingUpdate'],
    prefix: '',
    siblings: [],
    bareItem: false,
  });
  // Quoted keys are keys.
  assert.deepEqual(ctxOf('kind: StatefulSet\n"spec":\n  \'replicas\': 1\n  <|>\n')?.siblings, ['replicas']);
  // Inside a flow mapping there is no key or field value to complete.
  assert.equal(ctxOf('kind: StatefulSet\nspec:\n  selector: {matchLabels: <|>}\n'), undefined);
  // A document marker ends the climb.
  const second = ctxOf('kind: Service\nspec:\n  a: 1\n---\nkind: StatefulSet\n<|>\n');
  assert.deepEqual([second?.path, second?.siblings], [[], ['kind']]);
});
