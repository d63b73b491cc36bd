/**
 * The extension-host test runner (`--extensionTestsPath`): VS Code loads this module in the
 * extension host, next to the extension under test, and awaits `run()`. A rejection is a failed
 * run. STS_E2E_GREP (a regular expression) runs only the matching tests.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  if (process.env.STS_E2E_GREP) mocha.grep(new RegExp(process.env.STS_E2E_GREP));
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const st = runner.stats;
      console.log(`extension-host tests: ${st?.passes} passed, ${failures} failed, ${st?.pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
