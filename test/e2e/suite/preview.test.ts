import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openFile, waitFor } from './helpers';

// VS Code reports a webview tab's viewType with a prefix of its own ("mainThreadWebview-").
const isPreviewTab = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('statefulset.preview');
const previewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isPreviewTab);

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
});
