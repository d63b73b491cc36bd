/**
 * The core on half-written StatefulSet files (test/robustness/support/mutate.ts): a short run with
 * a fixed seed, so `npm test` is repeatable; `npm run fuzz` runs the same property for longer.
 * Every cut of a file is tried too, as a file being typed from top to bottom.
 */
import { test } from 'node:test';
import { fixProblems, runCore } from './support/coreCheck';
import { loadSeeds } from './support/mutate';
import { assertProperty, coreProperty, params } from './support/properties';

const seeds = loadSeeds();

test('core: damaged StatefulSet files (fixed seed)', () => {
  assertProperty(coreProperty(seeds), params(300, 20250601));
});

test('core: a file cut at every offset, LF and CRLF', () => {
  const base = seeds.find((s) => s.name === 'examples/redis.yaml') ?? seeds[0];
  for (const text of [base.text, base.text.replace(/\n/g, '\r\n')]) {
    for (let at = 0; at <= text.length; at++) {
      const cut = text.slice(0, at);
      const run = runCore(cut, { probes: 6 });
      const problems = [...run.problems];
      for (const { finding, fix } of run.fixes) problems.push(...fixProblems(run.analysis, finding, fix));
      if (problems.length) throw new Error(`${base.name} cut at ${at}${text.includes('\r') ? ' (CRLF)' : ''}:\n${problems.join('\n')}`);
    }
  }
});
