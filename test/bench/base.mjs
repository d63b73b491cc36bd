#!/usr/bin/env node
// node test/bench/base.mjs [--files N] [--commits N]: what reading the base of a file costs
// (statefulset.compareWith, --base), in a generated repository with a packed history (git gc;
// the git binary builds it, the reader is isomorphic-git as shipped). Needs `npx tsc -b` first.
//
//   cold        a new reader, first file: resolve HEAD, walk the commit's tree, read and parse every YAML file
//   warm        the same reader again (what each analysis in the editor pays): resolve HEAD only
//   new commit  one file changed and committed: the new tree is walked, only the changed blob is read
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { GitBaseReader } = createRequire(import.meta.url)(join(ROOT, 'out/server/src/base/gitBase.js'));
const { values: args } = parseArgs({ options: { files: { type: 'string', default: '300' }, commits: { type: 'string', default: '50' } } });
const FILES = Number(args.files);
const COMMITS = Number(args.commits);

const dir = mkdtempSync(join(tmpdir(), 'sts-bench-base-'));
const git = (...a) => {
  const r = spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const sts = (i, storage) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: db${i}\nspec:\n  clusterIP: None\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db${i}\nspec:\n  serviceName: db${i}\n  replicas: 3\n  selector:\n    matchLabels: {app: db${i}}\n  template:\n    metadata:\n      labels: {app: db${i}}\n    spec:\n      containers: [{name: main, image: postgres:16}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: ${storage}}}}\n`;
const other = (i, n) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config${i}\ndata:\n  revision: "${n}"\n${'  line: padding padding padding\n'.repeat(20).replace(/line/g, (_, k) => `k${k}`)}`;

git('init', '-q', '-b', 'main');
git('config', 'user.email', 'bench@example.com');
git('config', 'user.name', 'bench');
mkdirSync(join(dir, 'apps'));
mkdirSync(join(dir, 'config'));
for (let c = 0; c < COMMITS; c++) {
  for (let i = 0; i < FILES / 2; i++) {
    if (c === 0 || i % COMMITS === c) writeFileSync(join(dir, 'apps', `db${i}.yaml`), sts(i, `${10 + c}Gi`));
    if (c === 0 || (i + 1) % COMMITS === c) writeFileSync(join(dir, 'config', `c${i}.yaml`), other(i, c));
  }
  git('add', '-A');
  git('commit', '-q', '-m', `commit ${c}`);
}
git('gc', '-q', '--aggressive');

const file = join(dir, 'apps', 'db0.yaml');
const time = async (f) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const colds = [];
const warms = [];
const nexts = [];
for (let run = 0; run < 5; run++) {
  const reader = new GitBaseReader();
  colds.push(await time(() => reader.baseFor(file, 'HEAD', 'default')));
  for (let i = 0; i < 20; i++) warms.push(await time(() => reader.baseFor(file, 'HEAD', 'default')));
  writeFileSync(join(dir, 'apps', 'db1.yaml'), sts(1, `${100 + run}Gi`));
  git('commit', '-q', '-am', `run ${run}`);
  nexts.push(await time(() => reader.baseFor(file, 'HEAD', 'default')));
}
const ms = (s) => `${percentile(s, 50).toFixed(1)} ms (p95 ${percentile(s, 95).toFixed(1)} ms)`;
console.log(`Repository: ${FILES} YAML files (${FILES / 2} StatefulSets with their Services), ${COMMITS} commits, packed (git gc)`);
console.log(`cold (first file, new reader): ${ms(colds)}`);
console.log(`warm (same commit, each analysis): ${ms(warms)}`);
console.log(`new commit (one file changed): ${ms(nexts)}`);
rmSync(dir, { recursive: true, force: true });
