// One run's results as Markdown tables: what docs/performance.md shows between its markers.
import { percentile } from './stats.mjs';

const MB = 2 ** 20;
const BEGIN = '<!-- bench:begin (npm run bench -- --write-docs replaces this block) -->';
const END = '<!-- bench:end -->';

const num = (x) => (x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));
const med = (s) => (s ? percentile(s, 50) : undefined);
const p95 = (s) => (s ? percentile(s, 95) : undefined);
const ratio = (peer, ours) => (peer === undefined || ours === undefined || ours === 0 ? '–' : `${(peer / ours).toFixed(1)}×`);
const mb = (bytes) => (bytes === undefined || Number.isNaN(bytes) ? '–' : `${Math.round(bytes / MB).toLocaleString('en-US')}`);

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function markdown(r) {
  const sets = r.workloads.map((w) => w.sets);
  const peer = r.peer ?? {};
  const it = r.iterations;
  const out = [];
  out.push(
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit ?? '?'}, Node ${r.node}, ${r.cpus} CPUs, ${r.memoryGB} GB; ` +
      `load average ${r.loadavg.start.toFixed(1)} at the start, ${r.loadavg.end.toFixed(1)} at the end; ${r.seconds} s in all. ` +
      (r.onlyEditor ? 'Editor mode and diagnostics-only edits only.' : r.peerSkipped ? `Peer not run (${r.peerSkipped}).` : `Peer: yaml-language-server with \`${r.peerSchema.split('/').pop()}\`.`),
  );
  if (r.loadavg.start > r.cpus || r.loadavg.end > r.cpus) out.push('', `**The machine was busy during this run (load average above ${r.cpus}): absolute times are inflated; the ratios, measured in the same run, are the more reliable figures.**`);
  out.push(
    '',
    'Times in milliseconds, memory in MiB; "median / p95"; ratios are peer ÷ ours (above 1: we are faster or smaller). ' +
      '"CPU" is the server\'s main-thread run time during the operation (Linux schedstat), for the CLI and the parse the process\'s user + system time: ' +
      'it is what the work costs, while the wall time also holds whatever the machine made the process wait.',
    '',
  );

  out.push('### Targets', '');
  out.push(table(['target', 'measured', 'met'], r.targets.map((t) => [t.target, t.measured, t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**'])));

  if (Object.keys(r.editor ?? {}).length > 0) {
    out.push('', `### Editor mode: each keystroke with everything VS Code and the extension send (${r.editor[sets[0]]?.traffic ?? 'after'} issue 17's client)`, '');
    out.push(
      table(
        ['sets', 'diagnostics only: edit → pushed', 'editor: edit → pulled diagnostics', 'editor: everything answered', 'server CPU per keystroke', 'KB answered per keystroke', 'peak memory (MiB)', 'n'],
        sets.filter((s) => r.editor[s]).map((s) => {
          const e = r.editor[s];
          const pair = (x) => (x ? `${num(med(x))} / ${num(p95(x))}` : '–');
          return [s, pair(r.ours[s].edits?.samples), pair(e.diagnostics), pair(e.all), pair(e.cpu), num(med(e.bytes) / 1024), mb(e.memory.peak), e.all.length];
        }),
      ),
      '',
      'Built from what the client code sends (test/bench/editor.mjs), not replayed from a recorded trace. The requests after a keystroke are sent at once (VS Code debounces some), the preview shows the middle StatefulSet.',
    );
  }
  if (r.onlyEditor) {
    const failed = r.checks.filter((c) => !c.ok);
    out.push('', failed.length === 0 ? `Checks: all ${r.checks.length} passed (the final diagnostics equal a fresh server's).` : `Checks failed: ${failed.map((c) => `${c.what} (${c.detail})`).join('; ')}.`);
    return `${out.join('\n')}\n`;
  }

  out.push('', '### Workloads', '');
  out.push(
    table(
      ['sets', 'lines', 'MB (10⁶ bytes)', 'our diagnostics (error/warning/info/hint)', 'planted mistakes found', 'peer diagnostics'],
      r.workloads.map((w) => {
        const o = r.ours[w.sets].open;
        const planted = Object.values(w.planted).reduce((a, b) => a + b, 0);
        const found = Object.keys(w.planted).reduce((a, code) => a + Math.min(w.planted[code], r.oursErrors[w.sets].byCode[code] ?? 0), 0);
        return [w.sets, w.lines.toLocaleString('en-US'), (w.bytes / 1e6).toFixed(2), `${o.diagnostics} (${o.bySeverity.error}/${o.bySeverity.warning}/${o.bySeverity.info}/${o.bySeverity.hint})`, `${found} of ${planted}`, peer[w.sets] ? String(peer[w.sets].open.diagnostics) : '–'];
      }),
    ),
  );

  out.push('', '### didOpen → first diagnostics', '');
  out.push(
    table(
      ['sets', 'ours', 'ours CPU (waiting for a CPU)', 'peer', 'peer CPU (waiting)', 'peer ÷ ours', 'ours / peer, planted errors', '`yaml` parseAllDocuments, fresh process (CPU)', 'ours ÷ parse'],
      sets.map((s) => {
        const o = r.ours[s].open;
        const p = peer[s]?.open;
        const parse = med(r.yamlParse[s].samples);
        return [s, num(o.ms), `${num(o.cpu)} (${num(o.wait)})`, num(p?.ms), `${num(p?.cpu)} (${num(p?.wait)})`, ratio(p?.ms, o.ms), `${num(r.oursErrors[s].ms)} / ${num(r.peerErrors?.[s]?.ms)}`, `${num(parse)} (${num(med(r.yamlParse[s].cpu))})`, (o.ms / parse).toFixed(2)];
      }),
    ),
  );

  out.push('', `### Edit → diagnostics (one character typed in the middle set, each change waited for)`, '');
  out.push(
    table(
      ['sets', 'ours', 'ours CPU', 'n', 'peer', 'peer CPU', 'n', 'peer ÷ ours (median)'],
      sets.map((s) => {
        const o = r.ours[s].edits;
        const p = peer[s]?.edits;
        const pair = (x) => (x ? `${num(med(x))} / ${num(p95(x))}` : '–');
        return [s, pair(o.samples), pair(o.cpu), o.samples.length, pair(p?.samples), pair(p?.cpu), p ? p.samples.length : '–', ratio(med(p?.samples), med(o.samples))];
      }),
    ),
  );

  out.push('', '### Hover and completion (round trip, middle set)', '');
  out.push(
    table(
      ['sets', 'hover ours', 'hover peer', 'completion ours', 'completion peer', 'n ours / peer'],
      sets.map((s) => {
        const o = r.ours[s];
        const p = peer[s];
        const pair = (x) => (x ? `${num(med(x.samples))} / ${num(p95(x.samples))}` : '–');
        return [s, pair(o.hover), pair(p?.hover), pair(o.completion), pair(p?.completion), `${o.hover.samples.length} / ${p ? p.hover.samples.length : '–'}`];
      }),
    ),
  );

  out.push('', '### Peak server memory (VmHWM): after didOpen, after 10 edits, at the end of the session', '');
  const peaks = (x) => (x ? `${mb(x.memoryAfterOpen.peak)} / ${mb(x.memoryAfterEdits?.peak)} / ${mb(x.memory.peak)}` : '–');
  out.push(
    table(
      ['sets', 'ours', 'peer', 'peer ÷ ours after 10 edits'],
      sets.map((s) => [s, peaks(r.ours[s]), peaks(peer[s]), ratio(peer[s]?.memoryAfterEdits?.peak, r.ours[s].memoryAfterEdits?.peak)]),
    ),
    '',
    'The end of a session differs between the servers (ours makes more edits and requests at 1000 sets), so the ratio is taken after the same ten edits. Most of what grows after didOpen is garbage not yet collected: every edit makes about 1.3 MB of diagnostics and their JSON.',
  );

  out.push('', `### CLI \`statefulset-tools check FILE\`, whole process (${it.cliRuns} runs)`, '');
  out.push(table(['sets', 'median / p95', 'CPU median', 'peak RSS'], sets.map((s) => [s, `${num(med(r.cli[s].samples))} / ${num(p95(r.cli[s].samples))}`, num(med(r.cli[s].cpu)), r.cli[s].peaks.length ? mb(Math.max(...r.cli[s].peaks)) : '–'])));

  out.push('', '### Activation: server process spawned → `initialize` answered → `initialized` → a one-set file opened and its first hover answered', '');
  const act = (a) => (a ? [`${num(med(a.initialize))} / ${num(p95(a.initialize))}`, `${num(med(a.ready))} / ${num(p95(a.ready))}`, a.ready.length] : ['–', '–', '–']);
  out.push(table(['server', 'to `initialize` result', 'to first answer', 'n'], [['ours', ...act(r.activation.ours)], ['peer', ...act(r.activation.peer)]]));

  out.push('', '### Bundles', '');
  const files = r.bundles.files.map((b) => [`\`${b.file}\``, `${(b.bytes / 1024).toFixed(0)} KB`, b.minified ? 'minified' : 'development build']);
  if (r.bundles.vsix) files.push([`\`${r.bundles.vsix.file}\``, `${(r.bundles.vsix.bytes / 1024).toFixed(0)} KB`, `packaged ${r.bundles.vsix.built.slice(0, 16).replace('T', ' ')}`]);
  out.push(table(['file', 'size', ''], files));

  out.push(
    '',
    `Iterations: ${it.edits} edits and ${it.requests} hovers and completions per size for ours; for the peer ${sets.map((s) => `${it.peerEdits[s]} edits / ${it.peerRequests[s]} requests at ${s}`).join(', ')}; ` +
      `\`yaml\` parse ${it.yamlRuns} fresh processes per size; one server process per size and variant (so peak memory is per file).`,
  );
  const failed = r.checks.filter((c) => !c.ok);
  out.push('', failed.length === 0 ? `Sanity checks: all ${r.checks.length} passed (planted mistakes found, no errors on the valid files, hovers and completions answered, the diagnostics after the edits equal a fresh server's).` : `Sanity checks failed: ${failed.map((c) => `${c.what} (${c.detail})`).join('; ')}.`);
  return `${out.join('\n')}\n`;
}

/** docs/performance.md with the block between the markers replaced (appended when missing). */
export function replaceBlock(doc, md) {
  const block = `${BEGIN}\n\n${md}\n${END}`;
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}
