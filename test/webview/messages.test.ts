/** The checks on messages crossing the webview boundary (client/src/preview/messages.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, WorkspaceIndex } from '../../server/src/core';
import { previewEntries, statefulSetChoices } from '../../server/src/core/identities';
import { modelMessage, parseHostMessage, parsePreviewState, parseWebviewMessage } from '../../client/src/preview/messages';

test('webview messages: the four accepted shapes pass unchanged', () => {
  for (const m of [
    { type: 'ready' },
    { type: 'reveal', start: 0, end: 0 },
    { type: 'reveal', start: 10, end: 42 },
    { type: 'select', index: 2 },
    { type: 'copy', text: 'web-0.web.default.svc.cluster.local' },
  ]) {
    assert.deepEqual(parseWebviewMessage(m), m);
  }
});

test('webview messages: unknown types, extra fields and bad payloads are dropped', () => {
  const rejected: unknown[] = [
    undefined,
    null,
    42,
    'ready',
    [],
    [{ type: 'ready' }],
    {},
    { type: 'openFile', path: '/etc/passwd' },
    { type: 'READY' },
    { type: 'ready', extra: true },
    { type: 'reveal', start: -1, end: 3 },
    { type: 'reveal', start: 5, end: 4 },
    { type: 'reveal', start: 1.5, end: 4 },
    { type: 'reveal', start: '1', end: 4 },
    { type: 'reveal', start: 0, end: Number.NaN },
    { type: 'reveal', start: 0, end: Number.POSITIVE_INFINITY },
    { type: 'reveal', start: 0, end: 2 ** 40 },
    { type: 'reveal', start: 0 },
    { type: 'reveal', start: 0, end: 1, command: 'workbench.action.terminal.new' },
    { type: 'select', index: -1 },
    { type: 'select', index: '0' },
    { type: 'select', index: 1e9 },
    { type: 'copy', text: '' },
    { type: 'copy', text: 7 },
    { type: 'copy', text: 'x'.repeat(4097) },
    { type: 'copy' },
  ];
  for (const m of rejected) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
});

test('webview messages: a prototype-polluting payload is dropped and pollutes nothing', () => {
  const m = JSON.parse('{"type":"ready","__proto__":{"polluted":true}}') as unknown;
  assert.equal(parseWebviewMessage(m), undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('saved state: a valid save comes back, anything else is undefined', () => {
  assert.deepEqual(parsePreviewState({ uri: 'file:///a.yaml', index: 1, name: 'web', replicas: 5 }), { uri: 'file:///a.yaml', index: 1, name: 'web', replicas: 5 });
  assert.deepEqual(parsePreviewState({ uri: 'file:///a.yaml', index: 0, replicas: -3, name: 7 }), { uri: 'file:///a.yaml', index: 0 });
  for (const s of [undefined, null, 'x', {}, { uri: '', index: 0 }, { uri: 'file:///a.yaml' }, { uri: 'file:///a.yaml', index: -1 }, { uri: 3, index: 0 }]) {
    assert.equal(parsePreviewState(s), undefined, JSON.stringify(s));
  }
});

const WEB = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

test('host messages: a model made from the core passes; a damaged one is dropped', () => {
  const uri = 'file:///w/web.yaml';
  const index = new WorkspaceIndex();
  const entries = previewEntries(analyze(WEB, { uri, index }), index);
  const message = modelMessage({ uri, version: 3, statefulSets: entries, defaultNamespace: 'default', clusterDomain: 'cluster.local' }, 'web.yaml', 0);
  // Through structured clone, as postMessage delivers it.
  const delivered = structuredClone(message);
  assert.deepEqual(parseHostMessage(delivered), delivered);
  assert.deepEqual(parseHostMessage({ type: 'status', text: 'gone' }), { type: 'status', text: 'gone' });

  const damaged: unknown[] = [
    { ...delivered, selected: 1 },
    { ...delivered, selected: -1 },
    { ...delivered, entries: 'x' },
    { ...delivered, entries: [{ identity: { name: 'web' } }] },
    { ...delivered, uri: undefined },
    { type: 'status' },
    { type: 'model' },
    { type: 'other' },
  ];
  for (const m of damaged) assert.equal(parseHostMessage(m), undefined, JSON.stringify(m).slice(0, 80));
});

test('host messages: the picker\'s choices pass with the one entry shown; damaged choices are left out', () => {
  const uri = 'file:///w/web.yaml';
  const index = new WorkspaceIndex();
  const a = analyze(WEB, { uri, index });
  const choices = statefulSetChoices(a);
  const message = modelMessage({ uri, version: 3, statefulSets: previewEntries(a, index, { only: [0] }), defaultNamespace: 'default', clusterDomain: 'cluster.local', choices }, 'web.yaml', 0);
  assert.deepEqual(message.choices, choices.map((c) => ({ index: c.index, name: c.name, replicas: c.replicas })), 'spans stay in the host');
  const delivered = structuredClone(message);
  assert.deepEqual(parseHostMessage(delivered), delivered);
  const damaged = parseHostMessage({ ...delivered, choices: [{ index: -1, name: 'x', replicas: 1 }] });
  assert.ok(damaged && damaged.type === 'model' && damaged.choices === undefined);
});
