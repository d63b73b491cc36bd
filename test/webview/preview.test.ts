/**
 * The preview as a person sees it: the built page in headless Chromium, fed models the core made.
 * Screenshots go to test/artifacts/webview/ (and, with UPDATE_SCREENSHOTS=1, to media/screenshots/
 * for the docs).
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { contentSecurityPolicy } from '../../client/src/preview/html';
import { artifact, darkTheme, launch, modelOf, NONCE, open, SCREENSHOTS, serve, type Preview, type Site } from './support/harness';
import { applyTheme, lowContrast, THEMES } from './support/themes';
import {
  HOSTILE,
  HOSTILE_CLAIM,
  HOSTILE_CLASS,
  HOSTILE_NAME,
  HOSTILE_SERVICE,
  HOSTILE_URI,
  KAFKA,
  KAFKA_URI,
  PAIR,
  PAIR_URI,
  WEB,
  WEB_URI,
} from './models';

let browser: Browser | undefined;
let unavailable = '';
let site: Site;
const pages: Preview[] = [];

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

/** A fresh preview page, or a skip with the reason when Chromium cannot run (a failure under CI). */
async function preview(t: TestContext, options?: Parameters<typeof open>[2]): Promise<Preview | undefined> {
  if (!browser) {
    if (process.env.CI) assert.fail(`The webview tests need Chromium in CI: ${unavailable}`);
    t.skip(`Chromium cannot run here: ${unavailable}`);
    return undefined;
  }
  const p = await open(browser, site, options);
  pages.push(p);
  return p;
}

async function finish(p: Preview): Promise<void> {
  assert.deepEqual(p.errors, [], 'no script errors in the page');
  assert.deepEqual(await p.violations(), [], 'no CSP violations');
  await p.page.close();
}

async function keepScreenshot(p: Preview, name: string, selector?: string): Promise<void> {
  const file = artifact(name);
  if (selector) await p.page.locator(selector).screenshot({ path: file });
  else await p.page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(file, join(SCREENSHOTS, name));
  }
}

const web = () => modelOf({ uri: WEB_URI, text: WEB });

describe('preview page', () => {
  test('the page carries exactly the CSP from html.ts and loads only the extension files', async (t) => {
    const p = await preview(t);
    if (!p) return;
    const csp = await p.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const origin = new URL(p.page.url()).origin;
    assert.equal(csp, contentSecurityPolicy(origin, NONCE));
    assert.equal(csp, `default-src 'none'; style-src ${origin}; script-src 'nonce-${NONCE}'`);
    assert.equal(await p.page.locator('.status').textContent(), 'Loading the StatefulSet model…');
    await finish(p);
  });

  test('draws pods in ordinal order with hostname, DNS name and PVCs; the Service, order and rollout', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    assert.equal(await p.page.locator('h1').textContent(), 'web');
    assert.match((await p.page.locator('.meta').textContent()) ?? '', /namespace default · web\.yaml · Kubernetes 1\.35 · cluster domain cluster\.local/);
    assert.deepEqual(await p.text('.pod-name'), ['web-0', 'web-1', 'web-2']);
    assert.deepEqual(await p.text('.fqdn'), ['web-0.web.default.svc.cluster.local', 'web-1.web.default.svc.cluster.local', 'web-2.web.default.svc.cluster.local']);
    assert.deepEqual(await p.text('.pod .pvc-name'), ['data-web-0', 'data-web-1', 'data-web-2']);
    assert.deepEqual(await p.text('.pod .pvc-facts'), Array(3).fill('10Gi · ReadWriteOnce · StorageClass fast-ssd'));
    assert.match((await p.page.locator('.block-service').textContent()) ?? '', /web is headless \(clusterIP: None\)/);
    // OrderedReady: one pod per step, ascending to create, descending to terminate.
    assert.deepEqual(await p.text('[aria-label="Creation order"] .step'), ['web-0', 'web-1', 'web-2']);
    assert.deepEqual(await p.text('[aria-label="Termination order"] .step'), ['web-2', 'web-1', 'web-0']);
    // Partition 1: web-2 then web-1 are updated, the line, then web-0 stays.
    const rollout = await p.page.locator('.rollout > li').evaluateAll((lis) => lis.map((li) => (li.classList.contains('partition-line') ? `--${li.textContent}--` : li.querySelector('span:nth-child(2)')?.textContent)));
    assert.deepEqual(rollout, ['web-2', 'web-1', '--partition: 1--', 'web-0']);
    assert.deepEqual(await p.text('.pod .badge-updated'), ['a template change would update it', 'a template change would update it']);
    assert.equal(await p.page.locator('.pod').first().locator('.badge-stays').textContent(), 'a template change would leave it as is');
    await darkTheme(p.page);
    await keepScreenshot(p, 'preview.png');
    await finish(p);
  });

  test('a Parallel StatefulSet in a namespace, its Service missing, drawn as one creation step', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: KAFKA_URI, text: KAFKA }));
    assert.equal(await p.page.locator('h1').textContent(), 'kafka');
    assert.equal(await p.page.locator('.fqdn').first().textContent(), 'kafka-0.kafka-headless.streaming.svc.cluster.local');
    assert.deepEqual(await p.text('[aria-label="Creation order"] .step'), ['kafka-0kafka-1kafka-2kafka-3']);
    assert.deepEqual(await p.text('[aria-label="Creation order"] .step-group .step-pod'), ['kafka-0', 'kafka-1', 'kafka-2', 'kafka-3']);
    assert.match((await p.page.locator('.block-service').textContent()) ?? '', /No Service named kafka-headless was found in namespace streaming/);
    assert.deepEqual(await p.text('.pod .pvc-facts'), Array(4).fill('50Gi · ReadWriteOnce · default StorageClass'));
    await finish(p);
  });

  test('no serviceName, OnDelete, no claim templates; and a Service that is not headless', async (t) => {
    const p = await preview(t);
    if (!p) return;
    const statefulSet = WEB.slice(WEB.indexOf('---\n') + 4, WEB.indexOf('  volumeClaimTemplates:'));
    const bare = statefulSet
      .replace('  serviceName: web\n', '')
      .replace('    type: RollingUpdate\n    rollingUpdate:\n      partition: 1\n', '    type: OnDelete\n')
      .replace('          volumeMounts:\n            - name: data\n              mountPath: /usr/share/nginx/html\n', '');
    assert.ok(!bare.includes('serviceName') && !bare.includes('partition') && !bare.includes('volumeMounts'));
    await p.send(modelOf({ uri: WEB_URI, text: bare }));
    assert.match((await p.page.locator('.block-service').textContent()) ?? '', /spec\.serviceName is not set/);
    assert.deepEqual(await p.text('.dns'), Array(3).fill('none: spec.serviceName is not set'));
    assert.equal(await p.page.locator('.copy').count(), 0);
    assert.deepEqual(await p.text('.pod > p.muted'), Array(3).fill('No PVCs (no volumeClaimTemplates).'));
    assert.equal(await p.page.locator('#h-update').textContent(), 'Rolling update (OnDelete)');
    assert.equal(await p.page.locator('.rollout').count(), 0);
    assert.match((await p.page.locator('.block-update p').first().textContent()) ?? '', /^OnDelete: /);
    assert.deepEqual(await p.text('.pod .badge-stays'), Array(3).fill('a template change would leave it as is'));

    await p.send(modelOf({ uri: WEB_URI, text: WEB.replace('  clusterIP: None\n', '') }));
    assert.match((await p.page.locator('.block-service').textContent()) ?? '', /^Governing Serviceweb has a cluster IP, so it is not headless/);
    await finish(p);
  });

  test('namespace and cluster domain settings reach the DNS names', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: WEB_URI, text: WEB }, { settings: { defaultNamespace: 'shop', clusterDomain: 'k8s.example.' } }));
    assert.equal(await p.page.locator('.fqdn').first().textContent(), 'web-0.web.shop.svc.k8s.example');
    assert.match((await p.page.locator('.meta').textContent()) ?? '', /namespace shop .* cluster domain k8s\.example$/);
    await finish(p);
  });

  test('updates in place as the model changes, and shows a status when the StatefulSet is gone', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    assert.equal(await p.page.locator('.pod').count(), 3);
    await p.send(modelOf({ uri: WEB_URI, text: WEB.replace('replicas: 3', 'replicas: 5') }, { version: 2 }));
    assert.deepEqual(await p.text('.pod-name'), ['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    await p.send({ type: 'status', text: 'web.yaml holds no StatefulSet any more.' });
    assert.equal(await p.page.locator('.status').textContent(), 'web.yaml holds no StatefulSet any more.');
    assert.equal(await p.page.locator('.pod').count(), 0);
    await p.send(web());
    assert.equal(await p.page.locator('.pod').count(), 3);
    await finish(p);
  });

  test('compared with the deployed version: pods renamed, claims created, left unused and resized', async (t) => {
    const p = await preview(t);
    if (!p) return;
    const current = WEB.replace('  replicas: 3\n', '  replicas: 3\n  ordinals:\n    start: 1\n').replace('storage: 10Gi', 'storage: 20Gi');
    await p.send(modelOf({ uri: WEB_URI, text: current }, { base: { ref: 'origin/main', text: WEB } }));
    assert.equal(await p.page.locator('#h-base').textContent(), 'Compared with origin/main');
    assert.deepEqual(await p.text('.base-diff dt'), ['Pods renamed', 'PVCs created', 'PVCs left unused', 'PVCs resized']);
    assert.deepEqual(await p.text('.base-diff dd'), ['web-0 → web-3', 'data-web-3', 'data-web-0', 'data-web-1: 10Gi → 20Gi, data-web-2: 10Gi → 20Gi']);
    await keepScreenshot(p, 'preview-base.png', '.block-base');
    // Without a base there is no such block; a malformed one is refused with the rest of the message.
    await p.send(web());
    assert.equal(await p.page.locator('.block-base').count(), 0);
    const bad = modelOf({ uri: WEB_URI, text: current }, { base: { ref: 'HEAD', text: WEB } });
    (bad.entries[0] as { base: unknown }).base = { ref: 'HEAD', pods: 'nope' };
    await p.send(bad);
    assert.equal(await p.page.locator('.block-base').count(), 0);
    assert.deepEqual(await p.text('.pod-name'), ['web-0', 'web-1', 'web-2']);
    await finish(p);
  });

  test('ignores messages that are not a model or a status', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    for (const junk of [{ type: 'model', entries: 'nope' }, { type: 'eval', code: 'window.__x=1' }, { ...web(), selected: 9 }]) {
      await p.send(junk as never);
    }
    assert.deepEqual(await p.text('.pod-name'), ['web-0', 'web-1', 'web-2']);
    await finish(p);
  });
});

describe('replicas control', () => {
  test('+ previews a scale-up: new pods with their PVCs, created in order', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    await p.page.getByRole('button', { name: 'One replica more' }).click();
    await p.page.getByRole('button', { name: 'One replica more' }).click();
    assert.equal(await p.page.locator('#replicas').inputValue(), '5');
    assert.deepEqual(await p.text('.pod-created .pod-name'), ['web-3', 'web-4']);
    assert.deepEqual(await p.text('.pod-created .pvc-name'), ['data-web-3', 'data-web-4']);
    // What a scale would do, not what a template change would: no rollout badge while previewing one.
    assert.deepEqual(await p.text('.pod-created .badge-created'), ['the scale-up would create it', 'the scale-up would create it']);
    assert.equal(await p.page.locator('.pod .badge-updated, .pod .badge-stays').count(), 0);
    assert.match((await p.page.locator('.scale-summary').textContent()) ?? '', /^Scaling from 3 to 5 creates 2 pods \(web-3 and web-4\)/);
    assert.deepEqual(await p.text('[aria-label="Pods created by the scale-up"] .step'), ['web-3', 'web-4']);
    assert.equal(await p.page.locator('#h-pods').textContent(), 'Pods (3 → 5)');
    assert.deepEqual(await p.state(), { uri: WEB_URI, index: 0, name: 'web', replicas: 5 });
    await finish(p);
  });

  test('typing a smaller number previews a scale-down; Retain keeps the PVCs', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    await p.page.locator('#replicas').fill('1');
    assert.deepEqual(await p.text('.pod-removed .pod-name'), ['web-1', 'web-2']);
    assert.deepEqual(await p.text('.pod-removed .pvc-kept .pvc-name'), ['data-web-1', 'data-web-2']);
    assert.equal(await p.page.locator('.pvc-deleted').count(), 0);
    assert.deepEqual(await p.text('[aria-label="Pods removed by the scale-down"] .step'), ['web-2', 'web-1']);
    assert.match((await p.page.locator('.scale-summary').textContent()) ?? '', /are kept \(whenScaled: Retain\)/);
    // The field keeps focus while the user types; the plan follows each keystroke.
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'replicas');
    await p.page.getByRole('button', { name: 'Back to spec.replicas' }).click();
    assert.equal(await p.page.locator('#replicas').inputValue(), '3');
    assert.equal(await p.page.locator('.pod-removed').count(), 0);
    assert.equal(await p.page.getByRole('button', { name: 'Back to spec.replicas' }).isDisabled(), true);
    await finish(p);
  });

  test('references from other files are listed; a scale-down marks the ones it leaves dangling', async (t) => {
    const p = await preview(t);
    if (!p) return;
    const app = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  HOST: web-2.web:80\n  BACKUP: data-web-0\n';
    const snapshot = 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: b\nspec:\n  source:\n    persistentVolumeClaimName: data-web-1\n';
    await p.send(modelOf({ uri: WEB_URI, text: WEB }, { others: [{ uri: 'file:///work/app/app.yaml', text: app }, { uri: 'file:///work/app/snap.yaml', text: snapshot }] }));
    assert.match((await p.page.locator('#h-references').textContent()) ?? '', /Referenced elsewhere \(3\)/);
    assert.deepEqual(await p.text('.reference code:first-child'), ['web-2', 'data-web-0', 'data-web-1']);
    assert.equal(await p.page.locator('.reference-dangling').count(), 0);
    await p.page.locator('#replicas').fill('2');
    assert.deepEqual(await p.text('.reference-dangling code:first-child'), ['web-2']);
    await p.page.locator('#replicas').fill('1');
    assert.deepEqual(await p.text('.reference-dangling code:first-child'), ['web-2', 'data-web-1']);
    assert.match((await p.page.locator('#h-references').textContent()) ?? '', /2 left dangling by the scale-down/);
    await finish(p);
  });

  test('scale-down under whenScaled: Delete marks each PVC deleted', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: KAFKA_URI, text: KAFKA }));
    await p.page.locator('#replicas').fill('2');
    assert.deepEqual(await p.text('.pod-removed .pod-name'), ['kafka-2', 'kafka-3']);
    assert.deepEqual(await p.text('.pod-removed .pvc-deleted .pvc-name'), ['logs-kafka-2', 'logs-kafka-3']);
    assert.deepEqual(await p.text('.pod-removed .badge-deleted'), ['PVC deleted', 'PVC deleted']);
    assert.equal(await p.page.locator('.pvc-kept').count(), 0);
    // Parallel: both go in one step.
    assert.deepEqual(await p.text('[aria-label="Pods removed by the scale-down"] .step-pod'), ['kafka-3', 'kafka-2']);
    await darkTheme(p.page);
    await keepScreenshot(p, 'preview-scale-down.png');
    await finish(p);
  });

  test('the control stays within 0 and its maximum, and - stops at 0', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: PAIR_URI, text: PAIR }));
    const fewer = p.page.getByRole('button', { name: 'One replica fewer' });
    await fewer.click();
    assert.equal(await p.page.locator('#replicas').inputValue(), '0');
    assert.equal(await fewer.isDisabled(), true);
    assert.deepEqual(await p.text('.pod-removed .pod-name'), ['alpha-0']);
    await p.page.locator('#replicas').fill('99999999');
    await p.page.locator('#replicas').blur();
    assert.equal(await p.page.locator('#replicas').inputValue(), '10000');
    assert.equal(await p.page.locator('.pod').count(), 60, 'cards are capped');
    assert.match((await p.page.locator('.block-pods > p.muted').textContent()) ?? '', /^9940 more pods not drawn\.$/);
    await finish(p);
  });

  test('a restored panel comes back with the scale it was previewing', async (t) => {
    const p = await preview(t, { state: { uri: WEB_URI, index: 0, name: 'web', replicas: 4 } });
    if (!p) return;
    await p.send(web());
    assert.equal(await p.page.locator('#replicas').inputValue(), '4');
    assert.deepEqual(await p.text('.pod-created .pod-name'), ['web-3']);
    await finish(p);
  });

  test('a saved scale for another StatefulSet is not applied', async (t) => {
    const p = await preview(t, { state: { uri: WEB_URI, index: 0, name: 'other', replicas: 4 } });
    if (!p) return;
    await p.send(web());
    assert.equal(await p.page.locator('#replicas').inputValue(), '3');
    assert.equal(await p.page.locator('.pod-created').count(), 0);
    await finish(p);
  });
});

describe('copy, links and choosing a StatefulSet', () => {
  test('Copy writes the DNS name to the clipboard and announces it', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    await p.page.getByRole('button', { name: 'Copy the DNS name web-1.web.default.svc.cluster.local' }).click();
    await p.page.waitForFunction(() => document.getElementById('announcer')?.textContent !== '');
    assert.deepEqual(await p.clipboard(), ['web-1.web.default.svc.cluster.local']);
    assert.equal(await p.page.locator('#announcer').textContent(), 'Copied web-1.web.default.svc.cluster.local');
    assert.equal((await p.posted()).filter((m) => m.type === 'copy').length, 0);
    await finish(p);
  });

  test('when the page may not write the clipboard, the host is asked to', async (t) => {
    for (const clipboard of ['reject', 'none'] as const) {
      const p = await preview(t, { clipboard });
      if (!p) return;
      await p.send(web());
      await p.page.getByRole('button', { name: 'Copy the DNS name web-0.web.default.svc.cluster.local' }).click();
      await p.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'copy'));
      assert.deepEqual((await p.posted()).filter((m) => m.type === 'copy'), [{ type: 'copy', text: 'web-0.web.default.svc.cluster.local' }], clipboard);
      await finish(p);
    }
  });

  test('several StatefulSets: a picker posts the choice; a finding links to its line', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: PAIR_URI, text: PAIR }));
    assert.equal(await p.page.locator('.picker').isVisible(), true);
    assert.deepEqual(await p.text('#picker option'), ['alpha (1 replica)', 'beta (2 replicas)']);
    await p.page.locator('#picker').selectOption('1');
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'select'), [{ type: 'select', index: 1 }]);

    // The host answers with beta selected; its duplicate key is a finding with a link.
    const model = modelOf({ uri: PAIR_URI, text: PAIR }, { selected: 1 });
    await p.send(model);
    assert.equal(await p.page.locator('h1').textContent(), 'beta');
    const duplicate = model.entries[1].findings.find((f) => f.code === 'duplicate-key');
    assert.ok(duplicate, 'the core reports the duplicate key');
    const link = p.page.locator('.finding-duplicate-key, .finding').filter({ hasText: 'duplicate-key' }).getByRole('button');
    assert.equal(await link.textContent(), `Line ${duplicate.line + 1}`);
    await link.click();
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'reveal'), [{ type: 'reveal', start: duplicate.span.start, end: duplicate.span.end }]);
    assert.equal(PAIR.slice(duplicate.span.start, duplicate.span.end), 'replicas');
    await darkTheme(p.page);
    await keepScreenshot(p, 'preview-findings.png', '.block-findings');
    await finish(p);
  });

  test('keyboard: every control is reachable with Tab, shows its focus, and works with Enter', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(modelOf({ uri: PAIR_URI, text: PAIR }, { selected: 1 }));
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await p.page.keyboard.press('Tab');
      const focus = await p.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        const style = getComputedStyle(el);
        return { label: el.getAttribute('aria-label') ?? el.textContent ?? el.id, outline: style.outlineStyle, width: style.outlineWidth };
      });
      if (!focus) break;
      assert.notEqual(focus.outline, 'none', `${focus.label} shows its focus`);
      seen.push(focus.label);
      if (focus.label.startsWith('Go to line')) break;
    }
    assert.ok(seen.includes('One replica fewer') && seen.includes('One replica more'), seen.join(' | '));
    assert.ok(seen.some((s) => s.startsWith('Copy the DNS name beta-0')), seen.join(' | '));
    assert.ok(seen[seen.length - 1].startsWith('Go to line'), seen.join(' | '));
    await p.page.keyboard.press('Enter');
    assert.equal((await p.posted()).filter((m) => m.type === 'reveal').length, 1);
    await finish(p);
  });

  test('high-contrast themes draw the cards with the contrast border', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    const border = await p.page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-contrastBorder', 'rgb(111, 195, 223)');
      document.body.classList.add('vscode-high-contrast');
      return getComputedStyle(document.querySelector('.pod') as Element).borderTopColor;
    });
    assert.equal(border, 'rgb(111, 195, 223)');
    await finish(p);
  });
});

describe('untrusted content', () => {
  test('names with markup and script render as inert text', async (t) => {
    const p = await preview(t);
    if (!p) return;
    const model = modelOf({ uri: HOSTILE_URI, text: HOSTILE });
    assert.equal(model.entries[0].identity.name, HOSTILE_NAME, 'the core kept the name as written');
    await p.send(model);
    assert.equal(await p.page.locator('h1').textContent(), HOSTILE_NAME);
    assert.deepEqual(await p.text('.pod-name'), [`${HOSTILE_NAME}-0`, `${HOSTILE_NAME}-1`]);
    assert.equal(await p.page.locator('.fqdn').first().textContent(), `${HOSTILE_NAME}-0.${HOSTILE_SERVICE}.default.svc.cluster.local`);
    assert.equal(await p.page.locator('.pod .pvc-name').first().textContent(), `${HOSTILE_CLAIM}-${HOSTILE_NAME}-0`);
    assert.match((await p.page.locator('.pod .pvc-facts').first().textContent()) ?? '', new RegExp(`StorageClass ${HOSTILE_CLASS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    // Findings quote the names too.
    const findings = (await p.text('.finding-message')).join('\n');
    assert.ok(findings.includes('<'), 'some finding quotes a hostile name');
    await p.page.getByRole('button', { name: /One replica more/ }).click();
    const markup = await p.page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      iframe: document.querySelectorAll('iframe').length,
      b: document.querySelectorAll('b').length,
      scripts: document.querySelectorAll('script').length,
      xss: (window as unknown as { __xss?: number }).__xss,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => el.getAttributeNames().some((a) => a.startsWith('on'))).length,
    }));
    assert.deepEqual(markup, { img: 0, iframe: 0, b: 0, scripts: 1, xss: undefined, handlers: 0 });
    await finish(p);
  });

  test('the CSP blocks an injected inline script and any outside load', async (t) => {
    const p = await preview(t);
    if (!p) return;
    await p.send(web());
    const result = await p.page.evaluate(
      () =>
        new Promise<{ directive: string; ran: unknown }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.effectiveDirective, ran: (window as unknown as { __inline?: number }).__inline }), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.appendChild(s);
        }),
    );
    assert.deepEqual(result, { directive: 'script-src-elem', ran: undefined });
    const img = await p.page.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const i = document.createElement('img');
          i.src = `${origin}/media/preview-icon.svg`;
          document.body.appendChild(i);
        }),
      new URL(p.page.url()).origin,
    );
    assert.equal(img, 'img-src');
    const styleAttr = await p.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const d = document.createElement('div');
          d.setAttribute('style', 'color: red');
          document.body.appendChild(d);
        }),
    );
    assert.equal(styleAttr, 'style-src-attr');
    assert.deepEqual(p.errors, []);
    await p.page.close();
  });
});

// ---- Themes and widths ---------------------------------------------------------------------

/*
 * The preview in each theme VS Code ships by default (Dark Modern, Light Modern, High Contrast,
 * High Contrast Light) and with no theme at all (the stylesheet's fallbacks): every piece of text
 * on the page, in every state the page draws (Service found or missing, a scale-up, a scale-down
 * deleting PVCs, several StatefulSets with findings of every severity), measured against what it
 * is drawn on, must pass WCAG AA: 4.5:1, or 3:1 for large text (disabled controls are exempt, as
 * WCAG exempts them). And the page has no horizontal scroll down to a 320 px wide panel.
 */

/** Each state of the page, drawn in turn. */
const STATES: { name: string; draw: (p: Preview) => Promise<void> }[] = [
  { name: 'a StatefulSet with its headless Service', draw: (p) => p.send(modelOf({ uri: WEB_URI, text: WEB })) },
  {
    name: 'a scale-up by two',
    draw: async (p) => {
      await p.send(modelOf({ uri: WEB_URI, text: WEB }));
      await p.page.getByRole('button', { name: 'One replica more' }).click();
      await p.page.getByRole('button', { name: 'One replica more' }).click();
    },
  },
  {
    name: 'a Service missing, and a scale-down deleting PVCs',
    draw: async (p) => {
      await p.send(modelOf({ uri: KAFKA_URI, text: KAFKA }));
      await p.page.locator('#replicas').fill('2');
    },
  },
  { name: 'two StatefulSets with findings', draw: (p) => p.send(modelOf({ uri: PAIR_URI, text: PAIR })) },
  {
    name: 'two StatefulSets with long names, picked from a list',
    draw: (p) => p.send(modelOf({ uri: PAIR_URI, text: PAIR.replace('name: alpha', `name: ${LONG}-alpha`).replace('name: beta', `name: ${LONG}-beta`) })),
  },
];

/** Within the 52 characters a StatefulSet name may have, and wider than a narrow panel in any font. */
const LONG = 'orders-database-primary-with-a-long-descriptive';

describe('preview contrast in each theme (WCAG AA)', () => {
  for (const theme of [...THEMES, undefined]) {
    test(`${theme?.name ?? 'no theme: the fallbacks'}: every text passes AA in every state`, async (t) => {
      const p = await preview(t);
      if (!p) return;
      await applyTheme(p.page, theme);
      const failures: string[] = [];
      let lowest = Infinity;
      for (const state of STATES) {
        await state.draw(p);
        const measured = await lowContrast(p.page);
        lowest = Math.min(lowest, measured.lowest);
        for (const f of measured.failures) failures.push(`${state.name}: "${f.text}" ${f.color} on ${f.background}: ${f.ratio}:1, needs ${f.needed}:1`);
      }
      t.diagnostic(`lowest contrast of body text: ${lowest}:1`);
      assert.deepEqual(failures, []);
      await finish(p);
    });
  }
});

describe('preview at narrow widths', () => {
  for (const width of [320, 360]) {
    test(`${width} px: no horizontal scroll in any state`, async (t) => {
      const p = await preview(t, { viewport: { width, height: 800 } });
      if (!p) return;
      await applyTheme(p.page, THEMES[0]);
      for (const state of STATES) {
        await state.draw(p);
        const { scroll, client, wide } = await p.page.evaluate(() => {
          const root = document.documentElement;
          const over = Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5).map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`);
          return { scroll: root.scrollWidth, client: root.clientWidth, wide: over.slice(0, 5) };
        });
        assert.ok(scroll <= client, `${state.name}: the page is ${scroll} px wide in a ${client} px panel (${wide.join(', ')})`);
      }
      await finish(p);
    });
  }
});
