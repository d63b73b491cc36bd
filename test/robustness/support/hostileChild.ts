/**
 * Runs one hostile case through the core in a process of its own (`node hostileChild.js <name>`)
 * and prints what it cost as JSON: a crash or an abort of V8 then fails one test instead of the
 * whole run, and the memory figure is this analysis's alone.
 */
import { runCore } from './coreCheck';
import { hostileCase } from './hostile';

const text = hostileCase(process.argv[2]).make();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const run = runCore(text, { probes: 6 });
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    ms: Math.round(ms),
    length: text.length,
    rssGrowthMB: Math.round((Math.max(peak, process.memoryUsage().rss) - rssBefore) / 1048576),
    codes: [...new Set(run.analysis.findings.map((f) => f.code))].sort(),
    findings: run.analysis.findings.length,
    problems: run.problems.slice(0, 10),
  }),
);
