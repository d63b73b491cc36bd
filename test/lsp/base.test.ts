/**
 * `statefulset.compareWith` over LSP, on a real repository (built with the git binary, which only
 * the test runs; the server reads it with isomorphic-git): an edit the API server would refuse
 * gets an error per field, the quick fix inserts the migration plan, another branch is another
 * base, `off` turns it off, an untracked copy says nothing, a new commit moves the base.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { IdentitiesRequestMethod, type IdentitiesResult } from '../../server/src/protocol';
import { GIT_MISSING, GitRepo, statefulSet } from '../support/gitRepo';
import { LspClient } from './support/lspClient';

const forbidden = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'update-forbidden');

describe('compareWith over LSP', { skip: GIT_MISSING }, () => {
  let repo: GitRepo;
  let client: LspClient;
  let compareWith: string | undefined;
  before(async () => {
    repo = new GitRepo();
    repo.write('k8s/db.yaml', statefulSet());
    repo.commit('deployed');
    repo.git('branch', 'production');
    repo.write('k8s/db.yaml', statefulSet({ storage: '15Gi' }));
    repo.commit('grown on main');
    repo.git('gc', '-q');
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(repo.dir).href], settings: () => (compareWith === undefined ? {} : { compareWith }) });
  });
  after(() => {
    client?.kill();
    repo?.remove();
  });

  test('an edit of a forbidden field: an error per field, at the value, saying what HEAD had', async () => {
    const uri = pathToFileURL(repo.path('k8s/db.yaml')).href;
    const text = statefulSet({ storage: '20Gi', serviceName: 'db2' });
    await client.open(uri, text);
    const p = await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 2 });
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    const [service, storage] = forbidden(p).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(doc.getText(service.range), 'db2');
    assert.match(service.message as string, /^serviceName was db at HEAD/);
    assert.equal(doc.getText(storage.range), '20Gi');
    assert.match(storage.message as string, /^storage was 15Gi at HEAD/);
    assert.equal(storage.severity, 1);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: storage.range, context: { diagnostics: [storage as Diagnostic], only: ['quickfix'] } });
    const plan = actions.find((a) => a.title === 'Insert the migration plan for StatefulSet db as a comment');
    assert.ok(plan, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!actions.some((a) => a.command), 'no command for a client that did not offer one');
    const edited = TextDocument.applyEdits(doc, plan.edit?.changes?.[uri] ?? []);
    assert.ok(edited.startsWith('# Migration plan for StatefulSet db (namespace default)'));
    assert.match(edited, /^# {3}kubectl patch pvc data-db-2 -n default -p '\{"spec":\{"resources":\{"requests":\{"storage":"20Gi"\}\}\}\}'$/m);
    assert.match(edited, /^# {3}kubectl delete statefulset db -n default --cascade=orphan$/m);
    assert.ok(edited.endsWith(text));
    await client.close(uri);
  });

  test('another branch is another base; off turns the comparison off', async () => {
    const uri = pathToFileURL(repo.path('k8s/db.yaml')).href;
    compareWith = 'production';
    await client.setSettings({ compareWith });
    await client.open(uri, statefulSet({ storage: '15Gi' }));
    const p = await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 1 });
    assert.match(forbidden(p)[0].message as string, /^storage was 10Gi at production/);
    compareWith = 'off';
    await client.setSettings({ compareWith });
    await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 0 && x.diagnostics.length > 0 });
    compareWith = undefined;
    await client.setSettings({});
    await client.close(uri);
  });

  test('the preview\'s model (statefulset/identities) carries the difference to the base', async () => {
    const uri = pathToFileURL(repo.path('k8s/db.yaml')).href;
    await client.open(uri, statefulSet({ storage: '15Gi', extraSpec: '  ordinals:\n    start: 1\n' }));
    await client.nextDiagnostics(uri, { where: (x) => x.diagnostics.some((d) => d.code === 'ordinals-start-changed') });
    const r = await client.request<IdentitiesResult>(IdentitiesRequestMethod, { textDocument: { uri } });
    const base = r.statefulSets[0].base;
    assert.equal(base?.ref, 'HEAD');
    assert.deepEqual(base?.pods.renamed, [{ from: 'db-0', to: 'db-3' }]);
    assert.deepEqual(base?.pvcs.created, ['data-db-3']);
    await client.close(uri);
  });

  test('an untracked copy of the file says nothing about a base', async () => {
    const copy = repo.write('scratch/db-copy.yaml', statefulSet({ storage: '99Gi' }));
    const uri = pathToFileURL(copy).href;
    await client.open(uri, statefulSet({ storage: '99Gi' }));
    assert.deepEqual(forbidden(await client.nextDiagnostics(uri, { where: (x) => x.diagnostics.length > 0 })), []);
    // By the next edit the first base lookup has answered; a base would show in this publish.
    const version = await client.change(uri, [{ text: `${statefulSet({ storage: '99Gi' })}# edited\n` }]);
    assert.deepEqual(forbidden(await client.nextDiagnostics(uri, { version })), []);
    await client.close(uri);
  });

  test('a new commit moves the base: the error goes once the edit is committed', async () => {
    const uri = pathToFileURL(repo.path('k8s/db.yaml')).href;
    const text = statefulSet({ storage: '25Gi' });
    await client.open(uri, text);
    await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 1 });
    repo.write('k8s/db.yaml', text);
    repo.commit('grown again');
    // Each analysis checks the ref again in the background; the next edit's analysis sees the commit.
    await client.change(uri, [{ text: `${text}# committed\n` }]);
    await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 0 && x.diagnostics.length > 0 });
    await client.close(uri);
  });
});

describe('the migration plan in a new editor, for a client that runs the command', { skip: GIT_MISSING }, () => {
  let repo: GitRepo;
  let client: LspClient;
  before(async () => {
    repo = new GitRepo();
    repo.write('db.yaml', statefulSet());
    repo.commit('deployed');
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(repo.dir).href], initializationOptions: { clientCommands: ['statefulset.openMigrationPlan'] } });
  });
  after(() => {
    client?.kill();
    repo?.remove();
  });

  test('a code action runs statefulset.openMigrationPlan with the plan; the comment fix is still there', async () => {
    const uri = pathToFileURL(repo.path('db.yaml')).href;
    await client.open(uri, statefulSet({ storage: '20Gi' }));
    const [d] = forbidden(await client.nextDiagnostics(uri, { where: (x) => forbidden(x).length === 1 }));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => a.title).slice(0, 2), ['Open the migration plan for StatefulSet db', 'Insert the migration plan for StatefulSet db as a comment']);
    const [open] = actions;
    assert.equal(open.command?.command, 'statefulset.openMigrationPlan');
    const [plan] = open.command?.arguments ?? [];
    assert.match(String(plan), /^# Migration plan for StatefulSet db/);
    assert.match(String(plan), /^kubectl delete statefulset db -n default --cascade=orphan$/m);
  });
});
