/**
 * The fuzz properties, shared by the short fixed-seed run in `npm test` (test/robustness) and the
 * long run behind `npm run fuzz` (test/fuzz, FUZZ_RUNS).
 */
import fc from 'fast-check';
import { fixProblems, runCore } from './coreCheck';
import { applyMutation, damage, damagedArb, describeCase, mutationArb, type Damaged, type Seed } from './mutate';

/** The core on damaged text: nothing throws, every span in bounds, every fix loses nothing. */
export function coreProperty(seeds: readonly Seed[]): fc.IPropertyWithHooks<[Damaged]> {
  return fc.property(damagedArb(seeds.length), (d) => {
    const text = damage(seeds[d.seed].text, d.mutations);
    const run = runCore(text);
    const problems = [...run.problems];
    for (const { finding, fix } of run.fixes) problems.push(...fixProblems(run.analysis, finding, fix));
    if (problems.length) throw new Error(`${describeCase(seeds, d)}\n${problems.join('\n')}`);
  });
}

/**
 * Runs a property and, on failure, throws the shrunk case's own message (which names the seed file
 * and the mutations) and fast-check's seed and path to replay it.
 */
export function assertProperty<T>(property: fc.IPropertyWithHooks<[T]>, parameters: fc.Parameters<[T]>): void {
  const r = fc.check(property, parameters);
  if (!r.failed) return;
  const cause = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
  throw new Error(`${cause}\n(replay: FUZZ_SEED=${r.seed}, path ${r.counterexamplePath}, after ${r.numRuns} runs)`);
}

export async function assertAsyncProperty<T>(property: fc.IAsyncPropertyWithHooks<[T]>, parameters: fc.Parameters<[T]>): Promise<void> {
  const r = await fc.check(property, parameters);
  if (!r.failed) return;
  const cause = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
  throw new Error(`${cause}\n(replay: FUZZ_SEED=${r.seed}, path ${r.counterexamplePath}, after ${r.numRuns} runs)`);
}

/** fast-check's parameters: a fixed seed unless FUZZ_SEED is set, or a random one reported on failure. */
export function params<T>(numRuns: number, seed: number | undefined): fc.Parameters<T> {
  const env = process.env.FUZZ_SEED;
  const s = env !== undefined && env !== '' ? Number(env) : seed;
  return { numRuns, ...(s === undefined ? {} : { seed: s }) };
}

/** The number of runs for `npm run fuzz` (FUZZ_RUNS), or `fallback`. */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** `count` damaged files and, for each, the same file after one more edit, as one fixed sample. */
export function damagedPairs(seeds: readonly Seed[], count: number, seed: number | undefined): { name: string; text: string; edited: string }[] {
  const arb = fc.tuple(damagedArb(seeds.length), mutationArb);
  const s = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : seed;
  return fc.sample(arb, { numRuns: count, ...(s === undefined ? {} : { seed: s }) }).map(([d, m]) => {
    const text = damage(seeds[d.seed].text, d.mutations);
    return { name: `${describeCase(seeds, d)}, then ${JSON.stringify(m)}`, text, edited: applyMutation(text, m) };
  });
}
