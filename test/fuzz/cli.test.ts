/** `npm run fuzz`: the CLI fuzz of test/robustness/fuzzCli.test.ts on FUZZ_RUNS files, a new sample each time. */
import { test } from 'node:test';
import { fuzzCli } from '../robustness/support/cliFuzz';
import { fuzzRuns } from '../robustness/support/properties';

test(`cli: damaged StatefulSet files (${fuzzRuns(2000)} in a folder, 20 through stdin)`, () => {
  fuzzCli(20, fuzzRuns(2000), undefined);
});
