// Bundles what ships: dist/cli.js now; dist/server.js, dist/client.js and the preview as they arrive.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { STS_VERSION: JSON.stringify(pkg.version) },
};

const builds = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  // The programmatic API (package.json `exports`); its declarations come from `npm run build:types`.
  { entryPoints: ['server/src/api.ts'], outfile: 'dist/api.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['client/src/preview/webview/main.ts'], outfile: 'dist/preview.js', platform: 'browser', format: 'iife', target: 'es2020' },
];

await Promise.all(builds.filter((b) => existsSync(b.entryPoints[0])).map((b) => esbuild.build({ ...common, ...b })));
// The bins run directly (`statefulset-tools`, `statefulset-language-server`).
for (const bin of ['dist/cli.js', 'dist/server.js']) if (existsSync(bin)) chmodSync(bin, 0o755);
