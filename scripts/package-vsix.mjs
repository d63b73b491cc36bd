// `npm run package` (after the production build): writes statefulset-tools.vsix in the current
// directory. package.json's `files` lists the npm package (API, CLI, server, docs), and vsce
// would take that list too; it refuses a .vscodeignore beside it. The extension needs other files
// (the client, the preview, media, snippets, the grammar), so vsce packages a staged copy whose
// manifest lists exactly these.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const VSIX_FILES = [
  'dist/client.js',
  'dist/server.js',
  'dist/preview.js',
  'media/icon.png',
  'media/preview.css',
  'media/preview-icon.svg',
  'snippets/statefulset.json',
  'schemas/statefulset-tools.schema.json',
  'syntaxes/statefulset.injection.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];
const REPOSITORY = 'https://github.com/statefulset-tools/statefulset-tools';

const root = process.cwd();
const out = resolve(root, 'statefulset-tools.vsix');
const stage = mkdtempSync(join(tmpdir(), 'sts-vsix-'));
try {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  manifest.files = VSIX_FILES;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const f of VSIX_FILES) {
    mkdirSync(dirname(join(stage, f)), { recursive: true });
    cpSync(join(root, f), join(stage, f));
  }
  const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  const args = ['package', '--no-dependencies', '--baseContentUrl', `${REPOSITORY}/blob/main`, '--baseImagesUrl', `${REPOSITORY}/raw/main`, '-o', out];
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: stage, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
