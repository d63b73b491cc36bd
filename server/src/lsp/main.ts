/**
 * `statefulset-language-server` (dist/server.js). Transports: `--stdio` (the default, for
 * Neovim, Helix, Emacs and other editors), `--node-ipc` (the VS Code client), `--socket=<port>`,
 * `--pipe=<name>`.
 */
import { createConnection } from 'vscode-languageserver/node';
import { VERSION } from '../version';
import { errorText, startServer } from './server';

const HELP = `statefulset-language-server ${VERSION}
Language server for Kubernetes StatefulSet YAML (diagnostics, hovers, completion, preview data).

Usage: statefulset-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]
       statefulset-language-server --version | --help

Without a transport option it speaks LSP over stdin/stdout. Settings come from the client
(workspace/configuration, section "statefulset") or from initializationOptions.
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
} else {
  // The library reads the transport from argv, and only then routes console.* to the client's log
  // instead of stdout (where it would corrupt the protocol): so default by adding the flag.
  if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a))) process.argv.push('--stdio');
  const connection = createConnection();
  let reporting = false;
  const report = (what: string, e: unknown): void => {
    // Logging itself can fail (a closed pipe); never loop on it.
    if (reporting) return;
    reporting = true;
    try {
      connection.console.error(`${what}: ${errorText(e)}`);
    } catch {
      // Nowhere left to report to; the connection's own close handling ends the process.
    } finally {
      reporting = false;
    }
  };
  process.on('uncaughtException', (e) => report('Uncaught exception', e));
  process.on('unhandledRejection', (e) => report('Unhandled rejection', e));
  startServer(connection);
}
