// Runs the compiled node:test suites. node --test on Node 20 does not expand globs, so we list
// the files ourselves. Usage: node scripts/run-tests.mjs [unit|lsp|cli|webview|...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const groups = process.argv.slice(2);
const order = ['unit', 'conformance', 'cli', 'lsp', 'robustness', 'editors', 'client', 'webview', 'grammar', 'snippets', 'packaging', 'e2e'];
const wanted = groups.length ? groups : order;

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.test.js') ? [p] : [];
  });
}

let failed = false;
for (const g of wanted) {
  if (g === 'e2e') {
    // The real-VS-Code tests have their own runner (code-server, chromium, a time budget).
    const r = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs')], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) failed = true;
    continue;
  }
  const files = walk(join(root, 'out', 'test', g));
  if (files.length === 0) continue;
  console.log(`\n# ${g}: ${files.length} file(s)`);
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
