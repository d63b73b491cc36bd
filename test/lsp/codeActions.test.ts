/**
 * Quick fixes and refactors over the bundled server: every fix fixture (test/fixtures/fixes) is
 * opened, the code action for its diagnostic requested, its WorkspaceEdit applied as an editor
 * would, and the text compared with the golden `.fixed.yaml`, also with CRLF line endings and
 * with astral characters before the edit. A fix that edits another file (making a Service headless)
 * and the Deployment refactor are checked the same way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { FIXTURES } from '../support/paths';
import { LspClient } from './support/lspClient';
import { memoryUri } from './support/expect';

const FIXES = join(FIXTURES, 'fixes');

function applyTo(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x:', 'yaml', 1, text), [...edits]);
}

function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

async function quickFix(client: LspClient, uri: string, text: string, code: string, title?: string): Promise<{ action: CodeAction; diagnostic: Diagnostic }> {
  const published = await client.nextDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.code === code) });
  const diagnostic = published.diagnostics.find((d) => d.code === code) as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const action = actions.find((a) => a.diagnostics?.some((d) => d.code === code) && (title === undefined || a.title.includes(title)));
  assert.ok(action, `a quick fix for ${code} in ${text.length} chars: ${JSON.stringify(actions.map((a) => a.title))}`);
  return { action, diagnostic };
}

describe('code actions over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client?.kill());

  const files = readdirSync(FIXES).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml')).sort();
  for (const file of files) {
    const source = readFileSync(join(FIXES, file), 'utf8');
    const [, code, disable] = /^# fix: ([a-z0-9-]+)(?: #\d+)?(?: disable (line|file|object))?/.exec(source) ?? [];
    const golden = readFileSync(join(FIXES, file.replace(/\.yaml$/, '.fixed.yaml')), 'utf8');
    const variants: [string, (s: string) => string][] = [
      ['LF', (s) => s],
      ['CRLF', (s) => s.replace(/\r?\n/g, '\r\n')],
      // Astral and accented characters in a comment before everything else shift UTF-16 columns and offsets.
      ['astral', (s) => s.replace(/^(# fix: [^\r\n]+)(\r?\n)/, '$1 — 🚀 ünïcode 𝔘$2')],
    ];
    for (const [name, variant] of variants) {
      test(`${file} (${name}): the quick fix gives the golden text`, async () => {
        const uri = memoryUri(`${name}-${file}`);
        const text = variant(source);
        await client.open(uri, text);
        try {
          const { action } = await quickFix(client, uri, text, code as string, disable && `for this ${disable}`);
          assert.equal(action.kind, 'quickfix');
          const fixed = applyTo(text, editsFor(action.edit, uri));
          assert.equal(fixed, variant(golden));
        } finally {
          // Closed, the document leaves the index: the next fixture's objects must not meet this one's.
          await client.close(uri);
        }
      });
    }
  }
});

describe('fixes across files and refactors over LSP', () => {
  let dir: string;
  let client: LspClient;
  const svcText = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web # the governing Service\nspec:\n  clusterIP: 10.0.0.7\n  selector:\n    app: web\n';
  const stsText = readFileSync(join(FIXES, 'service-not-headless.yaml'), 'utf8').split('---\n')[0];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-actions-'));
    writeFileSync(join(dir, 'service.yaml'), svcText);
    writeFileSync(join(dir, 'statefulset.yaml'), stsText);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('make-service-headless edits the Service in its own file', async () => {
    const stsUri = pathToFileURL(join(dir, 'statefulset.yaml')).href;
    const svcUri = pathToFileURL(join(dir, 'service.yaml')).href;
    await client.open(stsUri, stsText);
    const { action } = await quickFix(client, stsUri, stsText, 'service-not-headless');
    assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [svcUri]);
    const fixed = applyTo(svcText, editsFor(action.edit, svcUri));
    assert.equal(fixed, svcText.replace('clusterIP: 10.0.0.7', 'clusterIP: None'));
  });

  test('the claim template a mount misses is written in the quotes the file uses', async () => {
    const text = [
      'apiVersion: "apps/v1"',
      'kind: "StatefulSet"',
      'metadata:',
      '  name: "db"',
      'spec:',
      '  serviceName: "db"',
      '  selector:',
      '    matchLabels: {app: "db"}',
      '  template:',
      '    metadata:',
      '      labels: {app: "db"}',
      '    spec:',
      '      containers:',
      '        - name: "db"',
      '          image: "postgres:16"',
      '          volumeMounts:',
      '            - name: "data"',
      '              mountPath: "/var/lib/postgresql/data"',
      '',
    ].join('\n');
    const uri = memoryUri('quoted-claim.yaml');
    await client.open(uri, text);
    const { action } = await quickFix(client, uri, text, 'volume-mount-unresolved');
    const fixed = applyTo(text, editsFor(action.edit, uri));
    assert.match(fixed, /accessModes: \["ReadWriteOnce"\]/);
    assert.match(fixed, /name: "data"\n/);
    assert.match(fixed, /storage: "1Gi"/);
  });

  test('refactor: the retention policy is offered on the StatefulSet\'s kind, name and spec key, not on every line', async () => {
    const text = readFileSync(join(FIXTURES, 'refactors', 'retention-policy.yaml'), 'utf8');
    const uri = memoryUri('retention.yaml');
    await client.open(uri, text);
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    const offered = async (needle: string): Promise<boolean> => {
      const at = doc.positionAt(text.indexOf(needle) + 1);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
      return actions.some((a) => /persistentVolumeClaimRetentionPolicy/.test(a.title));
    };
    for (const needle of ['kind: StatefulSet', 'name: db', 'spec:']) assert.ok(await offered(needle), `offered on ${needle}`);
    for (const needle of ['replicas', 'selector', 'containers', 'image']) assert.equal(await offered(needle), false, `not offered on ${needle}`);
  });

  test('refactor: a Deployment with a shared PVC becomes a StatefulSet', async () => {
    const text = readFileSync(join(FIXTURES, 'refactors', 'deployment-shared-pvc.yaml'), 'utf8');
    const uri = memoryUri('deployment.yaml');
    await client.open(uri, text);
    const at = TextDocument.create(uri, 'yaml', 1, text).positionAt(text.indexOf('kind: Deployment'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor'] } });
    const refactor = actions.find((a) => a.kind === 'refactor.rewrite' && /Convert Deployment/.test(a.title));
    assert.ok(refactor, JSON.stringify(actions.map((a) => a.title)));
    const out = applyTo(text, editsFor(refactor.edit, uri));
    assert.equal(out, readFileSync(join(FIXTURES, 'refactors', 'deployment-shared-pvc.fixed.yaml'), 'utf8'));
  });
});
