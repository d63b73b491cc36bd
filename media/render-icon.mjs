// Renders media/icon.svg to media/icon.png (256x256) in headless Chromium: `node media/render-icon.mjs`.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 2 });
await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
await page.locator('svg').screenshot({ path: new URL('./icon.png', import.meta.url).pathname, omitBackground: true });
await browser.close();
