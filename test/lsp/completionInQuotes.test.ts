/**
 * Completion where people type values: inside single and double quotes, in flow sequences, with
 * text on both sides of the cursor, right after `key:` and `- `. Each answer is filtered the way
 * VS Code filters it (the text from the edit range's start to the cursor must lead the item's
 * filter text), because an item that does not pass that filter shows as "No suggestions".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { LspClient } from './support/lspClient';
import { positionOf } from './support/positions';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  podManagementPolicy: POLICY
  template:
    spec:
      containers:
      - name: app
        volumeMounts:
        - name: MOUNT
          mountPath: /var/lib/wal
  volumeClaimTemplates:
  - metadata:
      name: wal
    spec:
      accessModes: MODES
`;

/** The text with `<|>` replaced, the cursor there, and the edit VS Code would make with `label`. */
interface Case {
  readonly marked: string;
  readonly field: 'MODES' | 'MOUNT' | 'POLICY';
  readonly label: string;
  /** The line's value once `label` is accepted. */
  readonly result: string;
}

const CASES: Case[] = [
  { field: 'MODES', marked: '["Rea<|>"]', label: 'ReadWriteOnce', result: '["ReadWriteOnce"]' },
  { field: 'MODES', marked: '["<|>"]', label: 'ReadWriteOnce', result: '["ReadWriteOnce"]' },
  { field: 'MODES', marked: "['Rea<|>']", label: 'ReadWriteOnce', result: "['ReadWriteOnce']" },
  { field: 'MODES', marked: '["ReadWriteOnc<|>"]', label: 'ReadWriteOnce', result: '["ReadWriteOnce"]' },
  { field: 'MODES', marked: '[Rea<|>]', label: 'ReadWriteOnce', result: '[ReadWriteOnce]' },
  { field: 'MODES', marked: '["ReadWriteOnce", "Rea<|>"]', label: 'ReadOnlyMany', result: '["ReadWriteOnce", "ReadOnlyMany"]' },
  { field: 'MODES', marked: '\n      -<|>', label: 'ReadWriteOnce', result: '\n      - ReadWriteOnce' },
  { field: 'MODES', marked: "\n      - 'Re<|>'", label: 'ReadWriteOnce', result: "\n      - 'ReadWriteOnce'" },
  { field: 'MOUNT', marked: 'wa<|>l', label: 'wal', result: 'wal' },
  { field: 'MOUNT', marked: '"w<|>"', label: 'wal', result: '"wal"' },
  { field: 'POLICY', marked: '"Par<|>"', label: 'Parallel', result: '"Parallel"' },
  { field: 'POLICY', marked: "'<|>'", label: 'OrderedReady', result: "'OrderedReady'" },
];

function offsetAt(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

describe('completion inside quotes and flow sequences', () => {
  let client: LspClient;
  const uri = 'file:///w/quotes/sts.yaml';
  const memoryUriOf = (name: string): string => `file:///w/quotes/${name}`;

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, STS.replace('MODES', '[ReadWriteOnce]').replace('MOUNT', 'wal').replace('POLICY', 'Parallel'));
  });
  after(() => client?.kill());

  for (const c of CASES) {
    test(`${c.field}: ${JSON.stringify(c.marked)} offers ${c.label} and keeps the quotes`, async () => {
      const others = { MODES: '[ReadWriteOnce]', MOUNT: 'wal', POLICY: 'Parallel' };
      let marked = STS;
      for (const [k, v] of Object.entries(others)) marked = marked.replace(k, k === c.field ? c.marked : v);
      const offset = marked.indexOf('<|>');
      const text = marked.replace('<|>', '');
      await client.change(uri, [{ text }]);
      const before = text.slice(0, offset);
      const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      const item = list.items.find((i: CompletionItem) => i.label === c.label);
      assert.ok(item, `no ${c.label} in ${list.items.map((i) => i.label).join(', ')}`);
      const edit = item.textEdit as TextEdit;
      const typed = text.slice(offsetAt(text, edit.range.start), offset);
      const filter = item.filterText ?? item.label;
      assert.ok(filter.toLowerCase().startsWith(typed.toLowerCase()), `VS Code would hide ${c.label}: typed ${JSON.stringify(typed)}, filter text ${JSON.stringify(filter)}`);
      const applied = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
      let expected = STS;
      for (const [k, v] of Object.entries(others)) expected = expected.replace(k, k === c.field ? c.result : v);
      assert.equal(applied, expected);
    });
  }

  test('quotes and the flow sequence markers trigger completion by themselves', () => {
    const triggers = client.initializeResult.capabilities.completionProvider?.triggerCharacters ?? [];
    for (const ch of ['"', "'", '[', ':', ' ', '-']) assert.ok(triggers.includes(ch), `${JSON.stringify(ch)} is not a trigger character`);
  });

  test('a value is written in the quotes the object uses for its values', async () => {
    const quoted = 'apiVersion: "apps/v1"\nkind: "StatefulSet"\nmetadata:\n  name: "web"\nspec:\n  serviceName: "web"\n  podManagementPolicy: \n';
    await client.change(uri, [{ text: quoted }]);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(quoted, 'podManagementPolicy: ', 21) });
    const item = list.items.find((i) => i.label === 'Parallel');
    assert.equal((item?.textEdit as TextEdit | undefined)?.newText, '"Parallel"');
  });

  test('serviceName lists only the headless Services of the StatefulSet\'s namespace', async () => {
    const services = memoryUriOf('services.yaml');
    await client.open(services, ['default', 'prod'].map((ns) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${ns}-peers\n  namespace: ${ns}\nspec:\n  clusterIP: None\n`).join('---\n'));
    const text = STS.replace('MODES', '[ReadWriteOnce]').replace('MOUNT', 'wal').replace('POLICY', 'Parallel').replace('  serviceName: web', '  serviceName: ');
    const version = await client.change(uri, [{ text }]);
    // The Services' file was opened first: its objects are in the index once this version is checked.
    await client.nextDiagnostics(uri, { version });
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'serviceName: ', 13) });
    assert.deepEqual(list.items.map((i) => i.label), ['default-peers']);
  });
});
