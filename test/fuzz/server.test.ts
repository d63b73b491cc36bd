/** `npm run fuzz`: the server fuzz of test/robustness/fuzzServer.test.ts on FUZZ_RUNS / 10 documents, a new sample each time. */
import { test } from 'node:test';
import { fuzzRuns } from '../robustness/support/properties';
import { fuzzServer } from '../robustness/support/serverFuzz';

const documents = Math.max(25, Math.round(fuzzRuns(2000) / 10));

test(`server: damaged StatefulSet files (${documents} documents)`, { timeout: documents * 30_000 }, async (t) => {
  const r = await fuzzServer(documents, undefined);
  t.diagnostic(`${r.documents} documents, ${r.requests} requests, slowest ${r.slowestMs} ms (${r.slowestMethod})`);
});
