// The packaged extension as a user gets it: statefulset-tools.vsix (npm run package) installed into
// code-server, a workspace opened in headless chromium, a StatefulSet file opened; then the
// squiggles, the Problems panel and the preview's content are checked on screen. Every step
// leaves a screenshot in test/artifacts/e2e/ui/, and the logs of code-server and the extension
// host are kept there too. Steps run in order and share one browser page. The editor and the
// preview are shot in the default dark theme and again in Light Modern; UPDATE_SCREENSHOTS=1 copies
// those shots to media/screenshots/ for the README and docs/extension.md.
//   node --test test/e2e/ui.test.mjs      (test/e2e/run.mjs packages the .vsix first)
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS, REPO, followConsole, installVsix, launchChromium, missingInstall, prepareProfile, saveLogs, startCodeServer } from './harness/codeServer.mjs';

const VSIX = process.env.STS_E2E_VSIX || join(REPO, 'statefulset-tools.vsix');
const OUT = join(ARTIFACTS, 'ui');
const STEP_MS = 60_000;
const WAIT_MS = 30_000;

const missing = missingInstall() ?? (existsSync(VSIX) ? undefined : `${VSIX} is missing: run npm run package`);

describe('UI: the packaged extension in code-server', () => {
  let scratch;
  let profile;
  let server;
  let chromium;
  let page;
  let shot = 0;

  // Screenshot named after the step, numbered in the order taken; `docs`: also the docs' picture of that name.
  const snap = async (name, docs) => {
    const file = join(OUT, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    if (docs && process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(file, join(REPO, 'media', 'screenshots', docs));
  };

  /** The theme the workbench starts in. */
  function setTheme(name) {
    const settingsFile = join(profile.userDataDir, 'User', 'settings.json');
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'workbench.colorTheme': name }, null, 2));
  }

  /** Opens a workspace file through Quick Open, as a user would. */
  async function open(file) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: WAIT_MS });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: WAIT_MS });
  }

  before(async () => {
    assert.equal(missing, undefined, missing);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'sts-e2e-ui-'));
    cpSync(join(REPO, 'test', 'e2e', 'workspace'), join(scratch, 'workspace'), { recursive: true });
    profile = prepareProfile(join(scratch, 'user-data'), join(scratch, 'extensions'));
    // This VS Code's default theme is a light one: the first shots are in Dark Modern, named.
    setTheme('Default Dark Modern');
    // On exit rather than in after(): a run stopped by the time budget keeps its logs too.
    process.on('exit', () => {
      saveLogs(profile, OUT);
      rmSync(scratch, { recursive: true, force: true });
    });
  });

  after(async () => {
    if (page) await snap('last').catch(() => {});
    await chromium?.close();
    await server?.stop();
  });

  it('installs the .vsix', { timeout: STEP_MS }, () => {
    const output = installVsix(profile, VSIX);
    writeFileSync(join(OUT, 'install.log'), output + '\n');
    const installed = readdirSync(profile.extensionsDir).filter((n) => n.startsWith('statefulset-tools.statefulset-tools-'));
    assert.equal(installed.length, 1, `extensions folder holds: ${readdirSync(profile.extensionsDir).join(', ')}\n${output}`);
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/preview.js']) {
      assert.ok(existsSync(join(profile.extensionsDir, installed[0], f)), `the installed extension has no ${f}`);
    }
  });

  it('opens the workspace in the browser', { timeout: STEP_MS }, async () => {
    server = await startCodeServer(profile, { logFile: join(OUT, 'code-server.log') });
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    followConsole(page, (line) => appendFileSync(join(OUT, 'console.log'), line + '\n'));
    await page.goto(`${server.url}?folder=${encodeURIComponent(join(scratch, 'workspace'))}`);
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: WAIT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'faulty.yaml' }).waitFor({ timeout: WAIT_MS });
    await snap('workbench');
  });

  it('underlines the faulty StatefulSet', { timeout: STEP_MS }, async () => {
    await open('faulty.yaml');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: WAIT_MS });
    await snap('squiggles');
  });

  it('lists the findings in the Problems panel', { timeout: STEP_MS }, async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    for (const code of ['duplicate-key', 'access-mode-invalid']) {
      await rows.filter({ hasText: code }).first().waitFor({ timeout: WAIT_MS });
    }
    const text = (await rows.allInnerTexts()).join('\n');
    assert.match(text, /Duplicate key "labels"/);
    assert.match(text, /statefulset/);
    await snap('problems', 'vscode-diagnostics.png');
  });

  it('previews the pods, PVCs and DNS names', { timeout: STEP_MS }, async () => {
    await open('web.yaml');
    // The palette lists the command only once the client has set statefulset.hasStatefulSet, which
    // it does with the status bar item: wait for that, or the palette may be built without it.
    await page.locator('.statusbar-item', { hasText: 'StatefulSet: 3 pods' }).first().waitFor({ timeout: WAIT_MS });
    // A palette opened in the instant before the context key lands lists no such command: reopen it.
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open StatefulSet Preview' }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: WAIT_MS });
      await input.fill('>StatefulSet: Open StatefulSet Preview');
      try {
        await row.waitFor({ timeout: attempt < 3 ? 5_000 : WAIT_MS });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.keyboard.press('Enter');
    // A webview is an iframe (the host) holding another iframe (the content).
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const body = preview.locator('body');
    const expected = ['web-0', 'web-1', 'web-2', 'data-web-0', 'data-web-2', 'web-0.web.default.svc.cluster.local'];
    for (const text of expected) await body.getByText(text, { exact: false }).first().waitFor({ timeout: WAIT_MS });
    const content = await body.innerText();
    assert.doesNotMatch(content, /web-3/, 'the preview shows more pods than replicas: 3');
    await snap('preview', 'vscode-preview.png');
  });

  it('shows the same in Light Modern', { timeout: STEP_MS }, async () => {
    // Picked from the theme picker (Ctrl+K Ctrl+T), as a user would: a settings file written while
    // the workbench runs is not reread.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    const theme = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first();
    await theme.waitFor({ timeout: WAIT_MS });
    await theme.click();
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: WAIT_MS });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('body.vscode-light').waitFor({ timeout: WAIT_MS });
    await snap('preview-light', 'vscode-preview-light.png');
    await page.locator('.tabs-container .tab', { hasText: 'faulty.yaml' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'faulty.yaml' }).waitFor({ timeout: WAIT_MS });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: WAIT_MS });
    await snap('problems-light', 'vscode-diagnostics-light.png');
  });
});
