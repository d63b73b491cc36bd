// The e2e group of `npm test`: the extension-host suite, then packaging and the UI test, within one
// time budget. Each step runs in its own process group; every group started (the steps, and the
// code-server and chromium groups they record in a pid file) is stopped by its id when the step
// ends, when the budget runs out, or when this process is interrupted.
//   node test/e2e/run.mjs [exthost] [ui]      (both when none is named)
// Env: STS_E2E_BUDGET_S (default 600) for the whole run; see docs/testing.md for the rest.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ARTIFACTS, REPO, killGroup, missingInstall } from './harness/codeServer.mjs';

const budgetMs = Number(process.env.STS_E2E_BUDGET_S || 600) * 1000;
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ['exthost', 'ui'];
const missing = missingInstall();
if (missing) {
  console.error(`e2e: cannot run the real-VS-Code tests: ${missing}`);
  process.exit(1);
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

/**
 * One e2e run at a time in a working tree: runs share dist/, the .vsix and the artefacts folder.
 * A lock whose owner is gone is taken over. Waiting polls, as there is no event to wait for.
 */
async function lock() {
  const dir = join(ARTIFACTS, '..', '.e2e-lock');
  mkdirSync(dirname(dir), { recursive: true });
  const giveUp = Date.now() + budgetMs;
  for (let told = false; ; ) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return dir;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const owner = Number(existsSync(join(dir, 'pid')) ? readFileSync(join(dir, 'pid'), 'utf8') : 0);
    if (owner && !alive(owner)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUp) throw new Error(`another e2e run (pid ${owner}) held ${dir} for the whole budget`);
    if (!told) console.log(`e2e: waiting for the e2e run of pid ${owner || '?'} in this working tree to finish`);
    told = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}
const lockDir = await lock();
const deadline = Date.now() + budgetMs;
const scratch = mkdtempSync(join(tmpdir(), 'sts-e2e-run-'));
const pidFile = join(scratch, 'pids');
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });

let current;

/** Kills the groups the steps recorded (code-server, chromium); they may outlive a killed step. */
function sweep() {
  if (!existsSync(pidFile)) return;
  for (const pid of readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number)) killGroup(pid);
  rmSync(pidFile, { force: true });
}

// Also on SIGINT and SIGTERM: codeServer.mjs turns them into process.exit, which runs this.
process.on('exit', () => {
  if (current) {
    console.error('e2e: interrupted: stopping every process started');
    killGroup(current.pid);
  }
  sweep();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(lockDir, { recursive: true, force: true });
});

/** Runs a command in its own process group; resolves with its exit status, or 'timeout'. */
function step(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, STS_E2E_PIDFILE: pidFile, STS_E2E_ARTIFACTS: ARTIFACTS },
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`e2e: the time budget (${budgetMs / 1000} s, STS_E2E_BUDGET_S) ran out: stopping ${command} ${args.join(' ')}`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid), 5000).unref();
    }, Math.max(0, deadline - Date.now()));
    timer.unref();
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      killGroup(child.pid); // whatever the step left behind in its group
      sweep();
      resolve(timedOut ? 'timeout' : (code ?? signal));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve(`cannot start ${command}: ${e.message}`);
    });
  });
}

const results = [];
async function run(name, command, args) {
  const t0 = Date.now();
  console.log(`\n# e2e: ${name}`);
  const status = Date.now() >= deadline ? 'timeout' : await step(command, args);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const why = status === 'timeout' ? 'out of time' : typeof status === 'number' ? `exit code ${status}` : status;
  results.push({ name, ok: status === 0, text: status === 0 ? `ok (${seconds} s)` : `FAILED, ${why} (${seconds} s)` });
  return status === 0;
}

if (wanted.includes('exthost')) await run('extension-host tests (runTests + code-server)', process.execPath, ['test/e2e/runExtensionTests.mjs']);
if (wanted.includes('ui')) {
  // `npm run package` bundles for production; the development bundle is rebuilt afterwards so
  // dist/ is left as `npm run build` makes it.
  const packaged = await run('npm run package', 'npm', ['run', '--silent', 'package']);
  if (packaged) await run('UI test of the .vsix (playwright + chromium)', process.execPath, ['--test', '--test-reporter=spec', 'test/e2e/ui.test.mjs']);
  else results.push({ name: 'UI test of the .vsix', ok: false, text: 'FAILED, not run: packaging failed' });
  await run('npm run build (restore the development bundle)', 'npm', ['run', '--silent', 'build']);
}

console.log('\n# e2e summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.text}`);
console.log(`artefacts (screenshots, code-server and extension-host logs): ${ARTIFACTS}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
