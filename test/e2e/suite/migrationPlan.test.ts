import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { OpenMigrationPlanCommand } from '../../../server/src/protocol';
import { EXTENSION_ID } from './helpers';

suite('Migration plan', () => {
  // The server's code action for a forbidden update runs this command with the plan (test/lsp/base.test.ts checks that side).
  test('the command opens the plan in an untitled shell script editor beside', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const plan = '# Migration plan for StatefulSet db\nkubectl delete statefulset db -n default --cascade=orphan\n';
    await vscode.commands.executeCommand(OpenMigrationPlanCommand, plan);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'shellscript');
    assert.equal(editor.document.getText(), plan);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
