/**
 * The bundled language server (`node dist/server.js --stdio`) on damaged StatefulSet files, a
 * fixed sample: each is opened, every feature asked for, edited with a ranged change, asked
 * again and closed. Every request is answered within REQUEST_BOUND_MS with positions inside the
 * document, and no handler fails. `npm run fuzz` runs more documents (test/fuzz/server.test.ts).
 */
import { test } from 'node:test';
import { fuzzServer } from './support/serverFuzz';

test('server: damaged StatefulSet files (fixed sample)', async (t) => {
  const r = await fuzzServer(60, 20250601);
  t.diagnostic(`${r.documents} documents, ${r.requests} requests, slowest ${r.slowestMs} ms (${r.slowestMethod})`);
});
