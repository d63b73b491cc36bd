#!/usr/bin/env node
// Where a .cpuprofile (node --cpu-prof, or npm run bench -- --cpu-prof) spent its time: the
// functions by self time and by inclusive time, optionally within a window of the recording.
//   node test/bench/profile.mjs FILE [--from SECONDS] [--to SECONDS] [--top N]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: 'string', default: '0' }, to: { type: 'string', default: 'Infinity' }, top: { type: 'string', default: '30' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: node test/bench/profile.mjs FILE.cpuprofile [--from S] [--to S] [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const from = Number(values.from) * 1e6;
const to = Number(values.to) * 1e6;
const top = Number(values.top);

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;

// Microseconds per sampled node, inside the window.
const sampled = new Map();
let clock = 0;
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0;
  if (clock >= from && clock <= to) sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const self = new Map();
const inclusive = new Map();
let total = 0;
for (const [id, us] of sampled) {
  total += us;
  self.set(label(nodes.get(id)), (self.get(label(nodes.get(id))) ?? 0) + us);
  // A recursive function counts once per sample.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(nodes.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}
const show = (title, m) => {
  process.stdout.write(`${title}\n`);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${(us / 1000).toFixed(1).padStart(10)} ms  ${l}\n`);
};
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled\n`);
show('self time', self);
show('inclusive time', inclusive);
