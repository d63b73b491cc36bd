import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openFile, waitFor, workspaceUri } from './helpers';

// VS Code reports a webview tab's viewType with a prefix of its own ("mainThreadWebview-").
const isPreviewTab = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('statefulset.preview');
const previewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isPreviewTab);
const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPreviewTab);
const tabsNow = () => vscode.window.tabGroups.all.map((g, i) => `group ${i + 1}: ${g.tabs.map((t) => t.label).join(', ')}`).join('; ');
/** The preview tab once its label matches. */
const previewLabelled = (label: RegExp) =>
  waitFor(vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().find((t) => label.test(t.label)), () => `a preview tab labelled ${label}; tabs: ${tabsNow()}`);

suite('Preview', () => {
  teardown(async () => {
    const tab = previewTab();
    if (tab) await vscode.window.tabGroups.close(tab);
  });

  test('statefulset.openPreview opens the preview panel for the active StatefulSet', async () => {
    assert.equal(previewTab(), undefined, 'a preview is open before the command ran');
    await openFile('web.yaml');
    await vscode.commands.executeCommand('statefulset.openPreview');
    const tab = await waitFor(vscode.window.tabGroups.onDidChangeTabs, previewTab, () => {
      const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      return `a statefulset.preview webview tab; open tabs: ${open.join(', ') || '(none)'}`;
    });
    assert.match(tab.label, /web/, `the preview tab is labelled "${tab.label}"`);
  });

  test('one preview panel: reused for another StatefulSet, following the active editor, never a third column', async () => {
    await openFile('web.yaml');
    await vscode.commands.executeCommand('statefulset.openPreview');
    await previewLabelled(/web/);
    const column = previewTab()?.group.viewColumn;
    // Another file with a StatefulSet becomes the active editor: the preview follows it.
    const faulty = await vscode.workspace.openTextDocument(workspaceUri('faulty.yaml'));
    await vscode.window.showTextDocument(faulty, { viewColumn: vscode.ViewColumn.One });
    await previewLabelled(/\bdb\b/);
    assert.equal(previewTabs().length, 1, tabsNow());
    // Opened again with the focus in the preview's group: the same panel, in its own column.
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    await vscode.commands.executeCommand('statefulset.openPreview', workspaceUri('web.yaml'), 0);
    await previewLabelled(/web/);
    assert.equal(previewTabs().length, 1, tabsNow());
    assert.equal(previewTab()?.group.viewColumn, column, tabsNow());
    assert.ok(vscode.window.tabGroups.all.length <= 2, `a third column: ${tabsNow()}`);
  });
});
