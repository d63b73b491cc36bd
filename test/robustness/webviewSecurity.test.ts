/**
 * The preview webview against hostile content, in headless Chromium, on the client engineer's page
 * loader (test/webview/support/harness.ts): every string of a real model carries markup, script,
 * a `javascript:` URL or a bidirectional override; it must all render as inert text, with no
 * element, handler or link made from it, and an override must not reorder the text around it.
 * The CSP must stop inline script however it got into the page, and messages that are not a
 * model or a status, or models with bad payloads, change nothing and throw nothing.
 * (test/webview/preview.test.ts has the everyday cases: names with markup, a script element.)
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { parseHostMessage, parseWebviewMessage, type ModelMessage } from '../../client/src/preview/messages';
import { launch, modelOf, open, serve, type Preview, type Site } from '../webview/support/harness';
import { WEB, WEB_URI } from '../webview/models';

/** Text that is markup, script or a URL scheme in a careless page. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  "javascript:window.__xss=4",
  '<a href="javascript:window.__xss=5">link</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>">',
  '{{constructor.constructor("window.__xss=7")()}}',
  '&lt;b&gt;entity&lt;/b&gt;',
];
/** Right-to-left override, and the other bidirectional controls (embeddings, isolates, marks). */
const BIDI = ['\u202E', '\u202B', '\u202D', '\u2067', '\u2066', '\u200F', '\u061C'];

let browser: Browser | undefined;
let unavailable = '';
let site: Site;

before(async () => {
  site = await serve();
  const b = await launch();
  if (typeof b === 'string') unavailable = b;
  else browser = b;
});

after(async () => {
  await browser?.close();
  await site.close();
});

async function page(t: TestContext): Promise<Preview | undefined> {
  if (!browser) {
    if (process.env.CI) assert.fail(`The webview tests need Chromium in CI: ${unavailable}`);
    t.skip(`Chromium cannot run here: ${unavailable}`);
    return undefined;
  }
  return open(browser, site);
}

/** The model with `suffix` appended to every string inside its entries (names, messages, notes, labels...). */
function poisoned(model: ModelMessage, suffix: (n: number) => string): ModelMessage {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v + suffix(n++);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { ...model, fileName: model.fileName + suffix(n++), defaultNamespace: model.defaultNamespace + suffix(n++), entries: walk(model.entries) as ModelMessage['entries'] };
}

interface Inert {
  readonly xss: unknown;
  readonly scripts: number;
  readonly embeds: number;
  readonly handlers: string[];
  readonly links: string[];
}

function inertness(p: Preview): Promise<Inert> {
  return p.page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss,
      scripts: document.querySelectorAll('script').length,
      embeds: document.querySelectorAll('img, svg, iframe, object, embed, b, a[href^="javascript"]').length,
      handlers: all.flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on')).map((a) => `${el.tagName}[${a}]`)),
      links: all.flatMap((el) => ['href', 'src', 'action', 'formaction', 'srcdoc'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null && /javascript:|<|data:/i.test(v))),
    };
  });
}

describe('webview security', () => {
  test('every string of a model carrying markup, script or a javascript: URL renders as text', async (t) => {
    const p = await page(t);
    if (!p) return;
    const model = poisoned(modelOf({ uri: WEB_URI, text: WEB }), (n) => PAYLOADS[n % PAYLOADS.length]);
    await p.send(model);
    // The inputs and buttons work on the poisoned model too.
    await p.page.getByRole('button', { name: /One replica more/ }).click();
    await p.page.getByRole('button', { name: /One replica more/ }).click();
    assert.deepEqual(await inertness(p), { xss: undefined, scripts: 1, embeds: 0, handlers: [], links: [] });
    const title = (await p.page.locator('h1').textContent()) ?? '';
    assert.ok(PAYLOADS.some((x) => title.includes(x)), `the name is shown as written: ${title}`);
    assert.ok((await p.page.locator('body').textContent())?.includes('<script>window.__xss=2</script>'), 'markup is visible as text');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(await p.violations(), [], 'nothing even tried to load or run');
    await p.page.close();
  });

  test('a bidirectional override inside a value does not reorder the text after it', async (t) => {
    const p = await page(t);
    if (!p) return;
    for (const control of BIDI) {
      const model = poisoned(modelOf({ uri: WEB_URI, text: WEB }), () => `${control}evil`);
      await p.send(model);
      // The header line: `namespace <ns> · <file> · Kubernetes <v> · cluster domain <d>`; the
      // fixed words after the poisoned values must still read left to right.
      const order = await p.page.evaluate(() => {
        const meta = document.querySelector('.meta');
        const text = meta?.firstChild;
        if (!meta || !text || text.nodeType !== Node.TEXT_NODE) return { found: false, ltr: false, text: meta?.textContent ?? '' };
        const s = text.textContent ?? '';
        const at = s.lastIndexOf('Kubernetes');
        const x = (i: number): number => {
          const r = document.createRange();
          r.setStart(text, i);
          r.setEnd(text, i + 1);
          return r.getBoundingClientRect().left;
        };
        return { found: at >= 0, ltr: x(at) < x(at + 1) && x(at + 1) < x(at + 2), text: s };
      });
      assert.ok(order.found, `no "Kubernetes" in the header: ${JSON.stringify(order.text)}`);
      assert.ok(order.ltr, `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} reorders the header: ${JSON.stringify(order.text)}`);
    }
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });

  test('the CSP stops inline script that got into the page anyway: a handler attribute and a javascript: link', async (t) => {
    const p = await page(t);
    if (!p) return;
    await p.send(modelOf({ uri: WEB_URI, text: WEB }));
    await p.page.evaluate(() => {
      // What a rendering bug would do with a document's name: parse it as HTML.
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="x" onerror="window.__xss=1"><a id="js" href="javascript:window.__xss=2">x</a>';
      document.body.appendChild(holder);
      (document.getElementById('js') as HTMLAnchorElement).click();
    });
    // The harness records every securitypolicyviolation: the handler and the javascript: URL are refused.
    await p.page.waitForFunction(() => {
      const seen = (window as unknown as { __violations: { directive: string }[] }).__violations.map((v) => v.directive);
      return seen.some((d) => d.startsWith('script-src-attr')) && seen.filter((d) => d.startsWith('script-src')).length >= 2;
    });
    const directives = (await p.violations()).map((v) => v.directive);
    t.diagnostic(`blocked: ${directives.join(', ')}`);
    assert.equal(await p.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined, 'no injected script ran');
    await p.page.close();
  });

  test('messages that are not a model or a status, and models with bad payloads, change nothing', async (t) => {
    const p = await page(t);
    if (!p) return;
    await p.send(modelOf({ uri: WEB_URI, text: WEB }));
    const before = await p.page.locator('#app').innerHTML();
    const junk = fc.sample(fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('model', 'status', 'ready', 'reveal', '__proto__'), entries: fc.jsonValue(), text: fc.jsonValue() }, { requiredKeys: ['type'] })), { numRuns: 150, seed: 20250601 });
    let accepted = 0;
    for (const m of junk) {
      if (parseHostMessage(m) !== undefined) {
        accepted++;
        continue;
      }
      await p.send(m as never);
    }
    assert.equal(await p.page.locator('#app').innerHTML(), before, 'the page is as the last valid model drew it');
    assert.deepEqual(p.errors, []);
    t.diagnostic(`${junk.length - accepted} rejected messages sent (${accepted} valid ones left out)`);
    await p.page.close();
  });
});

describe('messages from the webview', () => {
  test('any JSON value is either dropped or exactly one accepted shape, and never throws', () => {
    const shapes: Record<string, readonly string[]> = { ready: ['type'], reveal: ['type', 'start', 'end'], select: ['type', 'index'], copy: ['type', 'text'] };
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('ready', 'reveal', 'select', 'copy', 'open', 'constructor'), start: fc.jsonValue(), end: fc.jsonValue(), index: fc.jsonValue(), text: fc.jsonValue() }, { requiredKeys: ['type'] })), (m) => {
        const r = parseWebviewMessage(m);
        if (r === undefined) return;
        assert.deepEqual(Object.keys(r).sort(), [...shapes[r.type]].sort());
        if (r.type === 'reveal') assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end >= r.start);
        if (r.type === 'select') assert.ok(Number.isInteger(r.index) && r.index >= 0);
        if (r.type === 'copy') assert.ok(typeof r.text === 'string' && r.text.length > 0 && r.text.length <= 4096);
      }),
      { numRuns: 2000, seed: 20250601 },
    );
  });
});
