/**
 * Activation: on the first YAML document (or a preview restored after a restart). Everything is
 * created here and handed down; nothing runs at import time.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Identities } from './identities';
import { createLanguageClient } from './languageClient';
import { openPreview } from './openPreview';
import { PREVIEW_VIEW_TYPE, PreviewManager } from './preview/panel';
import { StatusBar } from './statusBar';
import { OpenMigrationPlanCommand } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('StatefulSet Tools', { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  const identities = new Identities(languageClient, output);
  const previews = new PreviewManager(context.extensionUri, identities);

  context.subscriptions.push(
    output,
    identities,
    previews,
    new StatusBar(identities),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, previews),
    vscode.commands.registerCommand('statefulset.openPreview', (...args: unknown[]) => openPreview(previews, identities, ...args)),
    vscode.commands.registerCommand('statefulset.showOutput', () => output.show(true)),
    // Run from the server's code action for a forbidden update (protocol.ts OpenMigrationPlanCommand): the plan in an untitled editor.
    vscode.commands.registerCommand(OpenMigrationPlanCommand, async (plan: unknown) => {
      if (typeof plan !== 'string') return;
      const doc = await vscode.workspace.openTextDocument({ content: plan, language: 'shellscript' });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    vscode.commands.registerCommand('statefulset.restartServer', async () => {
      output.info('Restarting the StatefulSet language server');
      await (languageClient.needsStart() ? languageClient.start() : languageClient.restart());
    }),
  );

  // Not awaited: activation returns at once, and requests made meanwhile wait for the server.
  languageClient.start().catch(
    (err: unknown) => output.error(`The StatefulSet language server did not start: ${err instanceof Error ? err.message : String(err)}`),
  );
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}
