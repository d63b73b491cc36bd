// `npm run playground`: the extension in a browser VS Code on your machine. Packages the .vsix,
// installs it into code-server (set up by scripts/setup-vscode-e2e.sh), opens examples/ and
// prints the address; Ctrl+C stops everything. The profile (settings, state) is kept in
// STS_E2E_HOME/playground between sessions; the extension is reinstalled each time.
//   npm run playground [-- --port 8080] [-- --folder some/dir]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { E2E_HOME, REPO, installVsix, missingInstall, prepareProfile, startCodeServer } from './harness/codeServer.mjs';

const { values: o } = parseArgs({ options: { port: { type: 'string' }, folder: { type: 'string', default: join(REPO, 'examples') } } });
const missing = missingInstall({ browser: false });
if (missing) {
  console.error(`playground: ${missing}`);
  process.exit(1);
}

// Packaging bundles for production; the development bundle is rebuilt after it, as tests expect.
for (const script of ['package', 'build']) {
  if (spawnSync('npm', ['run', '--silent', script], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
    console.error(`playground: npm run ${script} failed`);
    process.exit(1);
  }
}

const home = join(E2E_HOME, 'playground');
mkdirSync(home, { recursive: true });
const profile = prepareProfile(join(home, 'user-data'), join(home, 'extensions'));
console.log(installVsix(profile, join(REPO, 'statefulset-tools.vsix')));
const server = await startCodeServer(profile, { logFile: join(home, 'code-server.log'), port: o.port ? Number(o.port) : undefined });
console.log(`\nStatefulSet Tools playground: ${server.url}?folder=${encodeURIComponent(resolve(o.folder))}`);
console.log(`(listening on 127.0.0.1 only; log: ${join(home, 'code-server.log')}; Ctrl+C stops it)`);
// Runs until interrupted (the harness turns SIGINT and SIGTERM into an exit that stops the group).
const status = await server.exited;
console.error(`playground: code-server stopped (${status}); see the log`);
process.exit(1);
