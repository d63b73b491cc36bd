// The extension-host suite (test/e2e/suite, compiled to out/test/e2e/suite) through
// @vscode/test-electron's runTests, the way extensions are usually tested, with our code-server
// launcher as the VS Code executable. The extension under test is this repository as built
// (dist/client.js, dist/server.js); the workspace is a scratch copy of test/e2e/workspace, so
// edits and settings written by the tests never touch the repository.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO } from './harness/codeServer.mjs';

const tests = join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js');
for (const f of [tests, join(REPO, 'dist', 'client.js')]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run npx tsc -b and npm run build first`);
    process.exit(1);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'sts-e2e-exthost-'));
const workspace = join(scratch, 'workspace');
cpSync(join(REPO, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: join(REPO, 'test', 'e2e', 'harness', 'vscode-launcher.mjs'),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: tests,
    launchArgs: [workspace, `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
  });
} catch (e) {
  console.error(`extension-host tests failed: ${e.message}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
