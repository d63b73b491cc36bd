// A private code-server (VS Code's workbench and node extension host, served to a browser) on
// 127.0.0.1, and Debian's chromium to look at it. Used by the extension-host launcher, the UI
// test and the playground. Installed by scripts/setup-vscode-e2e.sh into STS_E2E_HOME.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const E2E_HOME = resolve(process.env.STS_E2E_HOME || join(homedir(), '.cache', 'statefulset-tools-e2e'));
export const ARTIFACTS = resolve(process.env.STS_E2E_ARTIFACTS || join(REPO, 'test', 'artifacts', 'e2e'));
const NODE24 = join(E2E_HOME, 'node24', 'bin', 'node');
const ENTRY = join(E2E_HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Why the e2e tests cannot run on this machine, or undefined when they can. */
export function missingInstall({ browser = true } = {}) {
  const missing = [NODE24, ENTRY, ...(browser ? [CHROMIUM] : [])].filter((f) => !existsSync(f));
  if (missing.length === 0) return undefined;
  return `missing ${missing.join(', ')}: run scripts/setup-vscode-e2e.sh (installs into STS_E2E_HOME=${E2E_HOME})`;
}

// Every process group we start is written here as well, so whoever owns the time budget
// (test/e2e/run.mjs) can stop it by its id even when this process dies without cleaning up.
const pidFile = process.env.STS_E2E_PIDFILE;
const groups = new Set();

function trackGroup(pid) {
  if (!pid) return;
  groups.add(pid);
  if (pidFile) appendFileSync(pidFile, `${pid}\n`);
}

export function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

process.on('exit', () => {
  for (const pid of groups) killGroup(pid);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of groups) killGroup(pid);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

// Keeps the workbench quiet and predictable: no welcome page, no chat side bar, no trust prompt,
// no git scanning, no gallery or update traffic.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  // Completion lists then hold only what language servers offer, not words found in open files.
  'editor.wordBasedSuggestions': 'off',
  'files.autoSave': 'off',
};

/** A profile: user data (settings, logs) and extensions folders. */
export function prepareProfile(userDataDir, extensionsDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(USER_SETTINGS, null, 2));
  // Our own config file: otherwise code-server writes ~/.config/code-server/config.yaml.
  const configFile = join(userDataDir, 'code-server.yaml');
  writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return { userDataDir, extensionsDir, configFile };
}

function env(profile) {
  const xdg = join(profile.userDataDir, 'xdg');
  return {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    // code-server keeps logs and a heartbeat under XDG_DATA_HOME and VS Code a device id under
    // XDG_CACHE_HOME, whatever --user-data-dir says: keep them in the profile, not in $HOME.
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    // No extension gallery: offline it only floods the logs with failed open-vsx.org lookups.
    EXTENSIONS_GALLERY: '{}',
  };
}

const profileArgs = (p) => ['--config', p.configFile, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];

/** Installs a .vsix into the profile with code-server's CLI (no server is started). */
export function installVsix(profile, vsix) {
  const r = spawnSync(NODE24, [ENTRY, ...profileArgs(profile), '--install-extension', vsix, '--force'], {
    env: env(profile),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const healthy = (url) =>
  new Promise((ok) => {
    get(url, (res) => {
      res.resume();
      ok(res.statusCode === 200);
    }).on('error', () => ok(false));
  });

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group, which stop() kills whole:
 * the extension host, our language server and file watchers live there too, and code-server
 * would otherwise keep them for its reconnection grace time.
 */
export async function startCodeServer(profile, { logFile, smokeTestDriver = false, port, timeoutMs = 60_000 }) {
  port ??= await freePort();
  const fd = openSync(logFile, 'a');
  const args = [ENTRY, ...profileArgs(profile), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--reconnection-grace-time', '5'];
  // Lets the web workbench honour the `payload` URL parameter (extensionDevelopmentPath and
  // extensionTestsPath); a built product ignores it otherwise.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(NODE24, args, { detached: true, stdio: ['ignore', fd, fd], env: env(profile) });
  closeSync(fd);
  trackGroup(child.pid);
  let exited;
  const exit = new Promise((r) => child.on('exit', (code, signal) => r((exited = code ?? signal))));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (exited === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    killGroup(child.pid, 'SIGKILL');
    groups.delete(child.pid);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`code-server exited (${exited}):\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (await healthy(`${url}healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms; log: ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, authority: `127.0.0.1:${port}`, exited: exit, stop };
}

/**
 * Headless Debian chromium driven by playwright-core. Launched as a browser server (its websocket
 * on 127.0.0.1 only) because that is what exposes the browser's process id, whose group is then
 * tracked like code-server's. Returns { browser, close() }.
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    host: '127.0.0.1',
    port: 0,
    // --no-sandbox: CI runs as root. The rest keeps chromium off the network and quiet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const pid = server.process().pid;
  trackGroup(pid);
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
      killGroup(pid);
      groups.delete(pid);
    },
  };
}

/**
 * Lines the extension host logs reach the page console through the workbench's log service as
 * console.log('%c INFO', 'color: …', format, ...args), without printf substitution. Returns the
 * line as the extension host wrote it, or undefined for the workbench's own console output.
 */
async function extensionHostLine(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map((h) => h.jsonValue()));
  } catch {
    return undefined;
  }
  const m = typeof args[0] === 'string' ? /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)\b/.exec(args[0]) : null;
  if (!m) return undefined;
  const text = format(...args.slice(2));
  return m[1] === 'INFO' ? text : `[${m[1].toLowerCase()}] ${text}`;
}

// Start-up chatter of the workbench (connection set-up, the disabled gallery, service workers).
const CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Ignoring fetching additional builtin|Updating additional builtin extensions cache)/;

/**
 * Passes the page's console to `sink(line, chatter)` one line at a time, in the order logged
 * (argument values are fetched asynchronously). `chatter` marks lines not worth showing on a
 * terminal: the workbench's own console and its start-up messages. Returns flushed(), whose
 * promise settles once the lines logged so far have reached the sink, and stop(), after which
 * lines are no longer passed on.
 */
export function followConsole(page, sink) {
  let queue = Promise.resolve();
  let stopped = false;
  page.on('console', (msg) => {
    if (stopped) return;
    queue = queue.then(async () => {
      const line = await extensionHostLine(msg);
      if (line === undefined) sink(`[workbench] ${msg.text()}`, true);
      else sink(line, CHATTER.test(line));
    });
  });
  page.on('pageerror', (e) => {
    if (!stopped) sink(`[page error] ${e.message}`, false);
  });
  return { flushed: () => queue, stop: () => (stopped = true) };
}

/** Copies the profile's logs (code-server, server, extension host, output channels) to the artefacts. */
export function saveLogs(profile, to) {
  mkdirSync(to, { recursive: true });
  const logs = join(profile.userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, join(to, 'logs'), { recursive: true });
}
