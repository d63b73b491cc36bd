/** The built CLI on damaged StatefulSet files, a fixed sample (test/robustness/support/cliFuzz.ts). */
import { test } from 'node:test';
import { fuzzCli } from './support/cliFuzz';

test('cli: damaged StatefulSet files through stdin and as a folder (fixed sample)', () => {
  fuzzCli(8, 200, 20250601);
});
