import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, until } from './helpers';

// Runs first (files are loaded in name order): nothing has opened a YAML file before it.
suite('Activation', () => {
  test('the extension activates when a YAML file opens, and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    assert.equal(ext.isActive, false, 'active before any YAML file was opened');

    await openFile('web.yaml');
    await until(() => ext.isActive, `${EXTENSION_ID} to activate`);

    const commands = await vscode.commands.getCommands(true);
    for (const id of ['statefulset.openPreview', 'statefulset.restartServer']) assert.ok(commands.includes(id), `command ${id} is not registered`);
  });
});
