// The targets of the performance issue, judged on one run's figures. A target whose inputs were
// not measured in this run (a size left out, no peer) is listed as not measured, never as met.
import { percentile } from './stats.mjs';

const MB = 2 ** 20;
const med = (s) => percentile(s, 50);
const p95 = (s) => percentile(s, 95);
const ms = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')} ms`;

export function evaluateTargets(r) {
  const out = [];
  const add = (target, measured, met) => out.push({ target, measured, met });
  const largest = Math.max(...r.workloads.map((w) => w.sets));
  const has = (sets) => r.ours[sets] !== undefined;

  const cpu = (e) => ` (server CPU p95 ${ms(p95(e.cpu))})`;
  const editor = r.editor ?? {};
  if (editor[1]) {
    const x = p95(editor[1].all);
    add('editor mode: everything answered p95 under 10 ms, 1 set', ms(x) + cpu(editor[1]), x < 10);
  }
  if (editor[1000]) {
    const x = p95(editor[1000].all);
    add('editor mode: everything answered p95 under 50 ms, 1000 sets', ms(x) + cpu(editor[1000]), x < 50);
    if (r.peer?.[1000]) {
      const ours = editor[1000].memory.peak;
      const peer = r.peer[1000].memory.peak;
      add('peak server memory, 1000 sets, editor mode: at least 5× below the peer (its peak after its edits and requests)', `${Math.round(ours / MB)} MiB vs ${Math.round(peer / MB)} MiB: ${(peer / ours).toFixed(1)}×`, peer / ours >= 5);
    }
  }
  if (r.onlyEditor) {
    if (has(1000)) {
      const x = p95(r.ours[1000].edits.samples);
      add('edit → diagnostics p95 under 30 ms, 1000 sets', ms(x) + cpu(r.ours[1000].edits), x < 30);
    }
    return out;
  }
  if (has(1)) {
    const x = p95(r.ours[1].edits.samples);
    add('edit → diagnostics p95 under 10 ms, 1 set', ms(x) + cpu(r.ours[1].edits), x < 10);
  }
  if (has(1000)) {
    const x = p95(r.ours[1000].edits.samples);
    add('edit → diagnostics p95 under 30 ms, 1000 sets', ms(x) + cpu(r.ours[1000].edits), x < 30);
    const open = r.ours[1000].open.ms;
    if (r.peer?.[1000]) {
      const ratio = r.peer[1000].open.ms / open;
      const cpuRatio = r.peer[1000].open.cpu / r.ours[1000].open.cpu;
      add('didOpen → diagnostics, 1000 sets: at least 3× faster than the peer', `${ms(open)} vs ${ms(r.peer[1000].open.ms)}: ${ratio.toFixed(1)}× (CPU ${cpuRatio.toFixed(1)}×)`, ratio >= 3);
      const ours = r.ours[1000].memoryAfterEdits.peak;
      const peer = r.peer[1000].memoryAfterEdits.peak;
      add('peak server memory, 1000 sets: at least 5× below the peer (after didOpen and 10 edits)', `${Math.round(ours / MB)} MiB vs ${Math.round(peer / MB)} MiB: ${(peer / ours).toFixed(1)}×`, peer / ours >= 5);
    } else {
      add('didOpen → diagnostics, 1000 sets: at least 3× faster than the peer', 'peer not run', undefined);
      add('peak server memory, 1000 sets: at least 5× below the peer', 'peer not run', undefined);
    }
    const parse = med(r.yamlParse[1000].samples);
    add('didOpen → diagnostics, 1000 sets: no slower than `yaml` parseAllDocuments of the file', `${ms(open)} vs ${ms(parse)} (CPU ${ms(r.ours[1000].open.cpu)} vs ${ms(med(r.yamlParse[1000].cpu))})`, open <= parse);
    const cli = med(r.cli[1000].samples);
    add('CLI `check`, 1000 sets, whole process: under 2 s', `${ms(cli)} (median of ${r.cli[1000].samples.length}; CPU ${ms(med(r.cli[1000].cpu))})`, cli < 2000);
  } else {
    add('targets on the 1000-set file', `not measured (largest size run: ${largest})`, undefined);
  }
  const hover = Math.max(...r.workloads.map((w) => p95(r.ours[w.sets].hover.samples)));
  const completion = Math.max(...r.workloads.map((w) => p95(r.ours[w.sets].completion.samples)));
  add('hover p95 under 5 ms at every size', `worst p95 ${ms(hover)}`, hover < 5);
  add('completion p95 under 5 ms at every size', `worst p95 ${ms(completion)}`, completion < 5);
  add('activation (spawn → initialize → initialized → first answer) measured', `${ms(med(r.activation.ours.ready))} median`, true);
  const vsix = r.bundles.vsix;
  add('.vsix under 1.5 MB', vsix ? `${(vsix.bytes / MB).toFixed(2)} MB` : 'no statefulset-tools.vsix (npm run package)', vsix ? vsix.bytes < 1.5 * MB : undefined);
  return out;
}
