/**
 * Starts the bundled language server (dist/server.js) in a Node process of its own, over IPC.
 * The client id `statefulset` makes vscode-languageclient read `statefulset.trace.server`.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'statefulset';

/** YAML in files and in untitled editors; other schemes are not on disk where the server looks. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  context.subscriptions.push(watcher);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: {
      // A change notification tells the server to drop its caches and pull settings per resource again.
      configurationSection: 'statefulset',
      // The server indexes Services, StorageClasses and PDBs in other files; it hears of edits on disk.
      fileEvents: watcher,
    },
  };
  return new LanguageClient(CLIENT_ID, 'StatefulSet Language Server', serverOptions, clientOptions);
}
