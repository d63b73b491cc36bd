#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() would download
// (no desktop VS Code or Electron can be downloaded here): it takes VS Code's command line
//   vscode-launcher.mjs [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//                       [--user-data-dir=DIR] [--extensions-dir=DIR]   (other flags are ignored)
// and runs the tests in code-server's node extension host, headless, returning their exit code.
// The web workbench gets the development options from its `payload` URL parameter, which
// code-server honours when started with the smoke-test driver option; when the tests end, the
// workbench reports the exit code through window.codeAutomationExit.
//
// Env: STS_E2E_TEST_TIMEOUT_MS (default 180000) ends a run that hangs; STS_E2E_ARTIFACTS is where
// the console transcript, the code-server and extension-host logs and a final screenshot go
// (under extension-host/); STS_E2E_VERBOSE=1 also prints the workbench's own console.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ARTIFACTS, followConsole, launchChromium, missingInstall, prepareProfile, saveLogs, startCodeServer } from './codeServer.mjs';

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

function parse(argv) {
  const o = { dev: [], folders: [] };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!m) {
      o.folders.push(resolve(argv[i]));
      continue;
    }
    const [, key, inline] = m;
    if (!VALUE_FLAGS.has(key)) continue;
    const value = resolve(inline ?? argv[++i]);
    if (key === 'extensionDevelopmentPath') o.dev.push(value);
    else if (key === 'extensionTestsPath') o.tests = value;
    else if (key === 'user-data-dir') o.userDataDir = value;
    else o.extensionsDir = value;
  }
  return o;
}

const o = parse(process.argv.slice(2));
if (o.dev.length === 0 || !o.tests) {
  console.error('usage: vscode-launcher.mjs [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE');
  process.exit(2);
}
const missing = missingInstall();
if (missing) {
  console.error(`vscode-launcher: ${missing}`);
  process.exit(1);
}

const timeoutMs = Number(process.env.STS_E2E_TEST_TIMEOUT_MS || 180_000);
const out = join(ARTIFACTS, 'extension-host');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'sts-e2e-launcher-'));
const profile = prepareProfile(o.userDataDir ?? join(scratch, 'user-data'), o.extensionsDir ?? join(scratch, 'extensions'));
// Written as it comes and on exit, so a run stopped by the time budget still leaves its logs.
const transcript = join(out, 'console.log');
const keep = (line) => appendFileSync(transcript, line + '\n');
const say = (line) => {
  keep(line);
  console.log(line);
};
process.on('exit', () => {
  saveLogs(profile, out);
  rmSync(scratch, { recursive: true, force: true });
});
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

let code = 1;
let server;
let chromium;
try {
  server = await startCodeServer(profile, { logFile: join(out, 'code-server.log'), smokeTestDriver: true });
  say(`code-server on ${server.url} after ${elapsed()}`);
  const remote = (path) => `vscode-remote://${server.authority}${path}`;
  const payload = [...o.dev.map((d) => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(o.tests)]];
  const where = o.folders[0] ? `folder=${encodeURIComponent(o.folders[0])}` : 'ew=true';

  chromium = await launchChromium();
  const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageConsole = followConsole(page, (line, chatter) => {
    keep(line);
    if (!chatter || process.env.STS_E2E_VERBOSE) console.log(line);
  });
  let finish;
  const finished = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (c) => {
    pageConsole.stop(); // only shutdown noise follows
    finish(Number(c));
  });
  await page.goto(`${server.url}?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  let timer;
  const result = await Promise.race([finished, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  await pageConsole.flushed();
  if (result === 'timeout') say(`vscode-launcher: no test result within ${timeoutMs} ms`);
  else code = result;
  await page.screenshot({ path: join(out, 'final.png') }).catch(() => {});
} catch (e) {
  say(`vscode-launcher: ${e.stack ?? e}`);
} finally {
  await chromium?.close();
  await server?.stop();
}
console.log(`vscode-launcher: exit code ${code} after ${elapsed()} (logs in ${out})`);
process.exit(code);
