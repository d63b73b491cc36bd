/**
 * The built preview (dist/preview.js, media/preview.css, the page from html.ts) in headless
 * Chromium: a static server on 127.0.0.1 plays the webview's resource origin, a stub stands in for
 * `acquireVsCodeApi`, and models come from the real core (analyze + previewEntries), posted the way
 * the panel posts them.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyze, baseSetOf, LineIndex, objectsOfText, previewReferencesOf, referencesInFile, withBaseDiffs, withReferences, WorkspaceIndex, type Settings } from '../../../server/src/core';
import { previewEntries } from '../../../server/src/core/identities';
import { previewHtml } from '../../../client/src/preview/html';
import { modelMessage, type ModelMessage, type ToWebview } from '../../../client/src/preview/messages';
import { ROOT } from '../../support/paths';

export const CHROMIUM = '/usr/bin/chromium';
export const NONCE = 'c3RhdGVmdWxzZXQtdGVzdA==';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'webview');
export const SCREENSHOTS = join(ROOT, 'media', 'screenshots');

const FILES: Record<string, { path: string; type: string }> = {
  '/dist/preview.js': { path: join(ROOT, 'dist', 'preview.js'), type: 'text/javascript' },
  '/media/preview.css': { path: join(ROOT, 'media', 'preview.css'), type: 'text/css' },
};

export interface Site {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves the page and the two files it may load; anything else is a 404. */
export async function serve(): Promise<Site> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(previewHtml({ cspSource: origin, nonce: NONCE, scriptUri: `${origin}/dist/preview.js`, styleUri: `${origin}/media/preview.css` }));
      return;
    }
    const file = FILES[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(readFileSync(file.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The browser, or why it cannot run here (the tests then skip; under CI they fail instead). */
export async function launch(): Promise<Browser | string> {
  if (!existsSync(join(ROOT, 'dist', 'preview.js'))) return 'dist/preview.js is missing: run `npm run build` first';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: apt-get install chromium`;
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (err) {
    return `Chromium did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

export interface PageOptions {
  /** What `getState()` returns at start, as after a restart. */
  readonly state?: unknown;
  /** navigator.clipboard: a recording stub, one that refuses, or none at all. */
  readonly clipboard?: 'ok' | 'reject' | 'none';
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface Preview {
  readonly page: Page;
  /** Errors thrown in the page; a test ends by checking it is empty. */
  readonly errors: string[];
  send(message: ToWebview): Promise<void>;
  posted(): Promise<Record<string, unknown>[]>;
  state(): Promise<unknown>;
  clipboard(): Promise<string[]>;
  violations(): Promise<{ directive: string; blocked: string }[]>;
  text(selector: string): Promise<string[]>;
}

interface Stubbed {
  __posted: unknown[];
  __state: unknown;
  __clipboard: string[];
  __violations: { directive: string; blocked: string }[];
}

export async function open(browser: Browser, site: Site, options: PageOptions = {}): Promise<Preview> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(
    ({ state, clipboard }) => {
      const w = window as unknown as Stubbed & { acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__state = state;
      w.__clipboard = [];
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
      let acquired = false;
      w.acquireVsCodeApi = () => {
        // VS Code allows one call per page; a second one is a bug in the webview.
        if (acquired) throw new Error('acquireVsCodeApi called twice');
        acquired = true;
        return {
          postMessage: (m: unknown) => w.__posted.push(JSON.parse(JSON.stringify(m))),
          getState: () => w.__state,
          setState: (s: unknown) => {
            w.__state = JSON.parse(JSON.stringify(s));
          },
        };
      };
      if (clipboard !== 'none') {
        const writeText = (t: string): Promise<void> => {
          if (clipboard === 'reject') return Promise.reject(new Error('Document is not focused'));
          w.__clipboard.push(t);
          return Promise.resolve();
        };
        Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
      } else {
        Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      }
    },
    { state: options.state, clipboard: options.clipboard ?? 'ok' },
  );
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => (window as unknown as Stubbed).__posted.some((m) => (m as { type: string }).type === 'ready'));
  return {
    page,
    errors,
    // The webview's own listener was added first, so it has drawn by the time ours runs.
    send: (message) =>
      page.evaluate(
        (m) =>
          new Promise<void>((resolve) => {
            window.addEventListener('message', () => resolve(), { once: true });
            window.postMessage(m, '*');
          }),
        message,
      ),
    posted: () => page.evaluate(() => (window as unknown as Stubbed).__posted as Record<string, unknown>[]),
    state: () => page.evaluate(() => (window as unknown as Stubbed).__state),
    clipboard: () => page.evaluate(() => (window as unknown as Stubbed).__clipboard),
    violations: () => page.evaluate(() => (window as unknown as Stubbed).__violations),
    text: (selector) => page.locator(selector).allTextContents(),
  };
}

/**
 * The model message the panel would post for `main`, with `others` indexed alongside (a Service
 * in another file) and their references attached, as for open documents. Made by the real core,
 * as the language server makes it.
 */
export function modelOf(main: { uri: string; text: string }, options: { others?: { uri: string; text: string }[]; settings?: Settings; selected?: number; version?: number; base?: { ref: string; text: string } } = {}): ModelMessage {
  const index = new WorkspaceIndex();
  const others = (options.others ?? []).map((o) => analyze(o.text, { uri: o.uri, index, settings: options.settings }));
  const analysis = analyze(main.text, { uri: main.uri, index, settings: options.settings });
  const base = options.base ? baseSetOf(options.base.ref, objectsOfText(basename(new URL(main.uri).pathname), options.base.text), analysis.settings.defaultNamespace) : undefined;
  const texts = new Map([main, ...(options.others ?? [])].map((f) => [f.uri, f.text]));
  const refs = [analysis, ...others].flatMap((a) => referencesInFile(a, index));
  const entries = withBaseDiffs(withReferences(previewEntries(analysis, index), previewReferencesOf(refs, (u) => new LineIndex(texts.get(u) ?? ''))), analysis, base);
  const result = { uri: main.uri, version: options.version ?? 1, statefulSets: entries, defaultNamespace: analysis.settings.defaultNamespace, clusterDomain: analysis.settings.clusterDomain };
  return modelMessage(result, basename(new URL(main.uri).pathname), options.selected ?? 0);
}

/** Dark theme variables as VS Code sets them on the page, for screenshots that look like the editor. */
export async function darkTheme(page: Page): Promise<void> {
  await page.evaluate(() => {
    const vars: Record<string, string> = {
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editorWidget-background': '#252526',
      '--vscode-font-family': 'system-ui, "Segoe UI", "Ubuntu", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-panel-border': '#2b2b2b',
    };
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.classList.add('vscode-dark');
  });
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
