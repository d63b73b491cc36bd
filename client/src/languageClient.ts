/**
 * Starts the bundled language server (dist/server.js) in a Node process of its own, over IPC.
 * The client id `statefulset` makes vscode-languageclient read `statefulset.trace.server`.
 * Settings changes and file watching need nothing here: the server registers for both itself
 * (dynamic registration), and a second, static registration would deliver every event twice.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { OpenMigrationPlanCommand, type InitializationOptions } from '../../server/src/protocol';
import { peerMiddleware } from './peers';

export const CLIENT_ID = 'statefulset';

/** YAML in files and in untitled editors; other schemes are not on disk where the server looks. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    middleware: peerMiddleware(),
    initializationOptions: { clientCommands: [OpenMigrationPlanCommand] } satisfies InitializationOptions,
  };
  return new LanguageClient(CLIENT_ID, 'StatefulSet Language Server', serverOptions, clientOptions);
}
