/** The server fuzz run, shared by test/robustness (short, fixed seed) and test/fuzz (long). */
import assert from 'node:assert/strict';
import { LspClient } from '../../lsp/support/lspClient';
import { exercise } from './lspCheck';
import { loadSeeds } from './mutate';
import { damagedPairs } from './properties';

export interface ServerFuzzResult {
  readonly documents: number;
  readonly requests: number;
  readonly slowestMs: number;
  readonly slowestMethod: string;
}

/** Drives one server through `count` damaged documents; fails with every problem found, per document. */
export async function fuzzServer(count: number, seed: number | undefined): Promise<ServerFuzzResult> {
  const client = await LspClient.start();
  const failures: string[] = [];
  let requests = 0;
  let slowestMs = 0;
  let slowestMethod = '';
  try {
    const cases = damagedPairs(loadSeeds(), count, seed);
    for (const [i, c] of cases.entries()) {
      const r = await exercise(client, `file:///fuzz/doc-${i}.yaml`, c.text, c.edited);
      for (const [method, ms] of r.latencies) {
        requests += ms.length;
        const worst = Math.max(...ms);
        if (worst > slowestMs) [slowestMs, slowestMethod] = [worst, method];
      }
      if (r.problems.length) failures.push(`${c.name}:\n  ${r.problems.join('\n  ')}`);
      if (client.hasExited) break;
    }
    const failed = client.logs.filter((l) => /failed|Uncaught|Unhandled/.test(l));
    assert.deepEqual(failed, [], 'the server logged no failed handler');
  } finally {
    client.kill();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  return { documents: count, requests, slowestMs: Math.round(slowestMs), slowestMethod };
}
