import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { compare, readExpectations, type Actual } from '../../support/annotations';
import { codeOf, describeDiagnostics, openFile, ours, revert, waitForDiagnostics } from './helpers';

const SEVERITY: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** Diagnostics in the annotations' form: clipped to their first line, errors and warnings always, advice only where annotated. */
function actuals(ds: readonly vscode.Diagnostic[], annotatedCodes: ReadonlySet<string>, doc: vscode.TextDocument): Actual[] {
  return ds
    .map((d) => ({
      line: d.range.start.line,
      start: d.range.start.character,
      end: d.range.isSingleLine ? d.range.end.character : doc.lineAt(d.range.start.line).text.length,
      severity: SEVERITY[d.severity],
      code: codeOf(d) ?? '',
      message: d.message,
    }))
    .filter((a) => a.severity === 'error' || a.severity === 'warning' || annotatedCodes.has(a.code));
}

const byCode = (code: string) => (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === code);

/** Applies the quick fix offered for the diagnostic with `code` and returns the document's new text. */
async function applyQuickFix(editor: vscode.TextEditor, code: string): Promise<string> {
  const uri = editor.document.uri;
  const [target] = (await waitForDiagnostics(uri, (ds) => byCode(code)(ds) !== undefined, `a ${code} diagnostic`)).filter((d) => codeOf(d) === code);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value, 50);
  // The actions VS Code hands back here do not carry their diagnostics: recognise the fix by an
  // edit at the diagnostic's place.
  const touches = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction & { edit: vscode.WorkspaceEdit } =>
    'edit' in a && a.edit !== undefined && a.edit.get(uri).some((e) => e.range.intersection(target.range) !== undefined);
  const fix = actions.find(touches);
  assert.ok(fix, `no quick fix edits the ${code} range; offered: ${actions.map((a) => a.title).join(', ') || '(nothing)'}`);
  assert.equal(await vscode.workspace.applyEdit(fix.edit), true, `workspace.applyEdit refused "${fix.title}"`);
  await waitForDiagnostics(uri, (ds) => byCode(code)(ds) === undefined, `the ${code} diagnostic to go after "${fix.title}"`);
  return editor.document.getText();
}

suite('Diagnostics', () => {
  test('a faulty StatefulSet gets the annotated diagnostics, with their codes and ranges', async () => {
    const editor = await openFile('faulty.yaml');
    const doc = editor.document;
    const expected = readExpectations(doc.getText());
    assert.ok(expected.length > 0, 'faulty.yaml lost its annotations');
    const codes = new Set(expected.map((e) => e.code));
    let report = '';
    try {
      await waitForDiagnostics(doc.uri, (ds) => (report = compare(expected, actuals(ds, codes, doc))) === '', 'the annotated diagnostics');
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${report}`);
    }
  });
});

suite('Quick fixes', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await revert(editor);
    editor = undefined;
  });

  test('the access mode typo fix removes its diagnostic and leaves the other errors and warnings', async () => {
    editor = await openFile('faulty.yaml');
    const uri = editor.document.uri;
    const key = (d: vscode.Diagnostic) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`;
    const serious = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(key);
    const before = serious(await waitForDiagnostics(uri, (ds) => byCode('access-mode-invalid')(ds) !== undefined, 'an access-mode-invalid diagnostic'));
    const text = await applyQuickFix(editor, 'access-mode-invalid');
    assert.match(text, /^ {10}- ReadWriteOnce$/m);
    assert.doesNotMatch(text, /ReadWriteOnse/);
    const others = before.filter((k) => !k.startsWith('access-mode-invalid@'));
    assert.ok(others.length > 0, 'faulty.yaml should hold other errors than the access mode');
    assert.deepEqual(serious(ours(uri)), others);
  });

  test('the tab indentation fix replaces the tab with spaces', async () => {
    editor = await openFile('tabs.yaml');
    const text = await applyQuickFix(editor, 'tab-indentation');
    assert.match(text, /^spec:\n {2}replicas: 1$/m);
  });
});

suite('Settings', () => {
  const rules = () => vscode.workspace.getConfiguration('statefulset');
  suiteTeardown(async () => {
    await rules().update('rules', undefined, vscode.ConfigurationTarget.Global);
  });

  test('statefulset.rules turns a rule off and changes its severity', async () => {
    const { document: doc } = await openFile('faulty.yaml');
    const duplicate = byCode('duplicate-key');
    await waitForDiagnostics(doc.uri, (ds) => duplicate(ds)?.severity === vscode.DiagnosticSeverity.Error, 'duplicate-key as an error');

    await rules().update('rules', { 'duplicate-key': 'off' }, vscode.ConfigurationTarget.Global);
    const off = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && duplicate(ds) === undefined, 'duplicate-key to be turned off while other rules still report');
    assert.ok(off.every((d) => codeOf(d) !== 'duplicate-key'), describeDiagnostics(off));

    await rules().update('rules', { 'duplicate-key': 'warning' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (ds) => duplicate(ds)?.severity === vscode.DiagnosticSeverity.Warning, 'duplicate-key as a warning');

    await rules().update('rules', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (ds) => duplicate(ds)?.severity === vscode.DiagnosticSeverity.Error, 'duplicate-key back to an error');
  });
});
