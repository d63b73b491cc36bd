/**
 * `npm run package` makes an installable .vsix offline: production bundles, no node_modules, no
 * sources, every file package.json points at, under 1.5 MB. It runs in a scratch copy of the
 * manifest and assets (sources linked), so the shared dist/ and the repository's .vsix are untouched.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { zipEntries, zipText, type ZipEntry } from './support/zip';

const MAX_BYTES = 1.5 * 1024 * 1024;

let work = '';
let vsix = '';
let entries: ZipEntry[] = [];
let log = '';

before(() => {
  // Inside the repository, so npm and node find its node_modules by walking up.
  const scratch = join(ROOT, '.cache');
  mkdirSync(scratch, { recursive: true });
  work = mkdtempSync(join(scratch, 'vsix-'));
  for (const f of ['package.json', 'esbuild.mjs', 'README.md', 'CHANGELOG.md', 'LICENSE']) cpSync(join(ROOT, f), join(work, f));
  for (const d of ['media', 'snippets', 'syntaxes', 'scripts', 'schemas']) cpSync(join(ROOT, d), join(work, d), { recursive: true });
  for (const d of ['server', 'client']) symlinkSync(join(ROOT, d), join(work, d), 'dir');
  const r = spawnSync('npm', ['run', 'package'], { cwd: work, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  log = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  vsix = join(work, 'statefulset-tools.vsix');
  if (r.status === 0 && existsSync(vsix)) entries = zipEntries(vsix);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function names(): string[] {
  return entries.map((e) => e.name);
}

test('npm run package makes a .vsix under 1.5 MB', () => {
  assert.ok(existsSync(vsix), `no .vsix; npm run package said:\n${log}`);
  const size = statSync(vsix).size;
  assert.ok(size < MAX_BYTES, `${size} bytes`);
});

test('the .vsix holds the three bundles, built for production', () => {
  for (const bundle of ['client', 'server', 'preview']) {
    const e = entries.find((x) => x.name === `extension/dist/${bundle}.js`);
    assert.ok(e, `dist/${bundle}.js is packaged: ${names().join(', ')}`);
    // Minified: long lines (a development bundle averages about 40 characters a line).
    const text = zipText(vsix, e.name);
    const lines = text.split('\n').length;
    assert.ok(text.length / lines > 200, `${bundle}.js is minified (${lines} lines, ${text.length} characters)`);
    assert.doesNotMatch(text, /sourceMappingURL/, `${bundle}.js has no source map`);
  }
  // The client loads the server by this path, and the preview its script and style.
  assert.match(zipText(vsix, 'extension/dist/client.js'), /dist\/server\.js/);
});

test('the .vsix holds no node_modules, no sources, no tests and no maps', () => {
  const unwanted = names().filter((n) => /node_modules\/|\.ts$|\.map$|\/test\/|\/src\/|\.vsix$|\.mjs$|\/screenshots\//.test(n));
  assert.deepEqual(unwanted, []);
  assert.ok(entries.length < 30, `a short list of files: ${names().join(', ')}`);
});

test('every file package.json names is in the .vsix, with README, CHANGELOG and LICENSE', () => {
  const manifest = JSON.parse(zipText(vsix, 'extension/package.json')) as {
    main: string;
    icon: string;
    contributes: { snippets: { path: string }[]; grammars: { path: string }[]; yamlValidation: { url: string }[]; commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
  };
  const referenced = [manifest.main, manifest.icon, ...manifest.contributes.snippets.map((s) => s.path), ...manifest.contributes.grammars.map((g) => g.path), ...manifest.contributes.yamlValidation.map((v) => v.url), 'media/preview.css', 'media/preview-icon.svg'];
  for (const path of referenced) {
    const name = `extension/${path.replace(/^\.\//, '')}`;
    assert.ok(names().includes(name), `${path} is packaged`);
  }
  for (const doc of ['extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) assert.ok(names().includes(doc), `${doc} is packaged`);
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), ['statefulset.openPreview', 'statefulset.restartServer', 'statefulset.showOutput']);
  assert.ok('statefulset.kubernetesVersion' in manifest.contributes.configuration.properties);
});
