/**
 * `npm run fuzz`: the core property of test/robustness/fuzzCore.test.ts for FUZZ_RUNS runs (2000
 * by default there), from a new seed each time; a failure prints FUZZ_SEED to replay it.
 */
import { test } from 'node:test';
import { loadSeeds } from '../robustness/support/mutate';
import { assertProperty, coreProperty, fuzzRuns, params } from '../robustness/support/properties';

test(`core: damaged StatefulSet files (${fuzzRuns(2000)} runs)`, () => {
  assertProperty(coreProperty(loadSeeds()), params(fuzzRuns(2000), undefined));
});
