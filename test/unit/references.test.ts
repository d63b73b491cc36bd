/** core/references.ts: what is a reference and where, beyond the diagnostics fixtures (spans, forms, limits). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, referencesInFile, WorkspaceIndex, type Settings } from '../../server/src/core';

const SET = (extra = ''): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
${extra}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

function refs(text: string, settings?: Settings): string[] {
  const index = new WorkspaceIndex();
  const a = analyze(text, { uri: 'file:///t.yaml', index, settings });
  return referencesInFile(a, index).map((r) => `${text.slice(r.span.start, r.span.end)}|${r.target}|${r.from}-${r.to}|${r.context}`);
}

test('spans are exact with CRLF line ends, quotes and an astral character before the name', () => {
  const text = (SET() + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "🚀 web-1.web:80"\n  b: \'web-2\'\n').replace(/\n/g, '\r\n');
  assert.deepEqual(refs(text), ['web-1.web|pod|1-1|configmap-data', 'web-2|pod|2-2|configmap-data']);
});

test('a kind: List, a block scalar in a Secret, a range with two dots, a matchExpressions selector', () => {
  const text = `${SET()}---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: {name: s}
    stringData:
      conf: |
        peers = web-{0..2}.web.default.svc
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: p}
    spec:
      maxUnavailable: 0
      selector:
        matchExpressions:
          - {key: statefulset.kubernetes.io/pod-name, operator: In, values: [web-0, web-1]}
`;
  assert.deepEqual(refs(text), ['web-{0..2}.web.default.svc|pod|0-2|secret-stringdata', 'web-0|pod|0-0|pod-selector', 'web-1|pod|1-1|pod-selector']);
});

test('look-alikes are not references: other sets, zero-padded ordinals, words joined by underscores, labels and images', () => {
  const text = `${SET()}---
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {peer: web-0}
spec:
  containers:
    - name: c
      image: web-0.web:1
      args: [web-01, my_web-0, web-0_x, webapp-0, web-0.web.example.com, web-3.6.5, data-web, cache-data-web-0]
`;
  assert.deepEqual(refs(text), []);
});

test('ordinals.start counts from the release that honours it', () => {
  const text = `${SET('  ordinals: {start: 1}\n')}---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {peers: "web-0.web web-3.web"}
`;
  const warned = (settings?: Settings): string[] => analyze(text, { settings }).findings.filter((f) => f.code === 'reference-ordinal-out-of-range').map((f) => text.slice(f.span.start, f.span.end));
  assert.deepEqual(warned(), ['web-0.web']);
  assert.deepEqual(warned({ kubernetesVersion: '1.26' }), ['web-3.web']);
});

test('huge ordinals and ranges stay cheap and say nothing wrong', () => {
  const text = `${SET()}---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {a: "web-99999999999999999999.web", b: "web-{0...4000000000}.web"}
`;
  const a = analyze(text);
  assert.deepEqual(a.findings.filter((f) => f.code.startsWith('reference-')).map((f) => f.code), ['reference-ordinal-out-of-range']);
});

test('an alias bomb in an object is read once per node (10^12 paths would never end)', () => {
  let text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  a0: &a0 {args: [web-0, web-1]}\n';
  for (let i = 1; i <= 12; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  assert.deepEqual(refs(SET() + '---\n' + text), ['web-0|pod|0-0|args', 'web-1|pod|1-1|args']);
});
