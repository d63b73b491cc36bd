import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openFile, positionOf, revert } from './helpers';

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionLabels(uri: vscode.Uri, at: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
  return list.items.map(labelOf);
}

suite('Hover and completion', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await revert(editor);
    editor = undefined;
  });

  test('hovering serviceName explains the field', async () => {
    const { document: doc } = await openFile('web.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'serviceName:', 3));
    const text = hoverText(hovers);
    assert.ok(text.trim() !== '', 'no hover on serviceName');
    assert.match(text, /Service/, `the hover does not mention the Service:\n${text}`);
  });

  test('completion offers the podManagementPolicy values', async () => {
    const { document: doc } = await openFile('web.yaml');
    const labels = await completionLabels(doc.uri, positionOf(doc, 'OrderedReady'));
    for (const v of ['OrderedReady', 'Parallel']) assert.ok(labels.includes(v), `${v} not offered; got: ${labels.join(', ')}`);
  });

  test('values open completion as they are typed: YAML strings get quick suggestions, quotes and brackets trigger it', async () => {
    // YAML's grammar scopes a plain value as a string, where VS Code's default offers nothing until asked.
    const quick = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get<Record<string, string>>('quickSuggestions');
    assert.equal(quick?.strings, 'on', JSON.stringify(quick));
    // Typed inside quotes: the item replaces the quoted word and keeps the quotes.
    editor = await openFile('web.yaml');
    const doc = editor.document;
    const at = positionOf(doc, 'OrderedReady');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(at, at.translate(0, 'OrderedReady'.length)), '"Par"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at.translate(0, 4));
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Parallel');
    assert.ok(item, list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', '));
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.equal(range && doc.getText(range), '"Par"');
    assert.equal(typeof item.insertText === 'string' ? item.insertText : item.insertText?.value, '"Parallel"');
    assert.ok((item.filterText ?? '').startsWith('"Par'), `VS Code filters "Par against ${item.filterText}`);
  });

  test('completion on a new line in spec offers StatefulSet spec fields', async () => {
    editor = await openFile('web.yaml');
    const doc = editor.document;
    const lineEnd = doc.lineAt(positionOf(doc, '  replicas: 3').line).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, lineEnd, '\n  ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const labels = await completionLabels(doc.uri, new vscode.Position(lineEnd.line + 1, 2));
    for (const field of ['updateStrategy', 'minReadySeconds']) assert.ok(labels.includes(field), `${field} not offered; got: ${labels.join(', ')}`);
  });
});

suite('Go to definition', () => {
  test('serviceName leads to the Service in another file', async () => {
    const { document: doc } = await openFile('web.yaml');
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'serviceName: web', 'serviceName: '.length + 1));
    assert.equal(targets.length, 1, `expected one definition, got ${targets.length}`);
    const t = targets[0];
    const uri = 'targetUri' in t ? t.targetUri : t.uri;
    const range = 'targetUri' in t ? (t.targetSelectionRange ?? t.targetRange) : t.range;
    assert.ok(uri.path.endsWith('/service.yaml'), `definition in ${uri.path}, not service.yaml`);
    const target = await vscode.workspace.openTextDocument(uri);
    const name = positionOf(target, 'name: web', 'name: '.length);
    assert.ok(range.contains(name), `definition points at line ${range.start.line + 1} ("${target.lineAt(range.start.line).text}"), not at the Service's name`);
  });
});
