import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { RULE_METAS, type Settings } from '../core';
import { VERSION } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { formatPlans, loadBases } from './base';
import { checkInputs, exitCodeOf, shownAtLeast } from './check';
import { configureFiles, type ConfiguredFiles } from './config';
import { collectFiles, type InputFile } from './files';
import { formatGithub, formatJson, formatStylish } from './format';
import { kustomizationArgs, withNamedPatches } from './kustomize';
import { runPreview } from './preview';
import { formatSarif } from './sarif';
import { addOverlayFindings, overlayInputs } from './overlays';

function settingsOf(o: CliOptions): Settings {
  return { rules: o.rules, kubernetesVersion: o.kubernetesVersion, defaultNamespace: o.namespace, clusterDomain: o.clusterDomain, reportUnusedDisableDirectives: o.reportUnusedDisableDirectives };
}

async function runCheck(o: CliOptions): Promise<number> {
  const files = withNamedPatches(collectFiles(kustomizationArgs(o.paths), readStdin, { exclude: o.exclude, stdinFilename: o.stdinFilename }));
  if (files.length === 0) {
    process.stderr.write('statefulset-tools: no YAML files found in the paths given\n');
    return 2;
  }
  const config = configured(o, files);
  if (!config) return 2;
  if (config.files.length === 0) {
    process.stderr.write('statefulset-tools: every file given is excluded by the configuration\n');
    return 2;
  }
  for (const f of config.files) if (f.problem) process.stderr.write(`statefulset-tools: ${f.path}: ${f.problem}\n`);
  const bases = o.base === undefined ? undefined : await loadBases(config.files, o.base, settingsOf(o));
  for (const p of bases?.problems ?? []) process.stderr.write(`statefulset-tools: ${p}\n`);
  if (bases && bases.problems.length > 0) return 2;
  const plans = o.explain ? new Set<string>() : undefined;
  const checked = addOverlayFindings(checkInputs(config.files, config.settingsFor, { bases: bases?.sets, plans }), config.settingsForPath);
  const { reports, hidden } = shownAtLeast(checked, o.minSeverity);
  for (const r of reports) {
    for (const u of r.unchecked) process.stderr.write(`statefulset-tools: ${r.filePath}:${u.line}:${u.column}: not checked: ${u.reason}${o.allowUnchecked ? '' : ' (this fails the check; --allow-unchecked lets it pass)'}\n`);
  }
  const code = exitCodeOf(reports, o);
  const out =
    o.format === 'json'
      ? formatJson(reports)
      : o.format === 'sarif'
        ? formatSarif(reports, { exitCode: code, cwd: process.cwd(), allowUnchecked: o.allowUnchecked })
        : o.format === 'github'
          ? formatGithub(reports, (p) => relative(process.cwd(), p) || p)
          : formatStylish(reports, o.color, { hidden, minSeverity: o.minSeverity });
  process.stdout.write(out);
  if (plans) process.stdout.write(formatPlans(plans));
  return code;
}

async function main(argv: string[]): Promise<number> {
  let o: CliOptions;
  try {
    o = parseArgs(argv, Boolean(process.stdout.isTTY));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`statefulset-tools: ${e.message}\nRun "statefulset-tools --help" for usage.\n`);
      return 2;
    }
    throw e;
  }
  switch (o.command) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'rules':
      process.stdout.write(RULE_METAS.map((m) => `${m.id.padEnd(36)} ${m.defaultSeverity.padEnd(8)} ${m.summary}\n`).join(''));
      return 0;
    case 'preview': {
      const { overlays, rest } = overlayInputs(o.paths);
      const files = configured(o, [...overlays, ...collectFiles(rest, readStdin, { exclude: o.exclude, stdinFilename: o.stdinFilename })]);
      if (!files) return 2;
      const settings = files.files[0] ? files.settingsFor(files.files[0]) : settingsOf(o);
      const bases = o.base === undefined ? undefined : await loadBases(files.files, o.base, settings);
      for (const p of bases?.problems ?? []) process.stderr.write(`statefulset-tools: ${p}\n`);
      if (bases && bases.problems.length > 0) return 2;
      return runPreview(o, files.files, settings, bases?.sets);
    }
    case 'check':
      return runCheck(o);
  }
}

/** The files with their configuration's settings; undefined (exit 2) when a configuration has problems. */
function configured(o: CliOptions, found: InputFile[]): ConfiguredFiles | undefined {
  const c = configureFiles(found, o.config, settingsOf(o), o.paths);
  for (const e of c.errors) process.stderr.write(`statefulset-tools: ${e}\n`);
  for (const x of c.excluded) process.stderr.write(`statefulset-tools: ${x.path}: not checked: excluded by ${x.config}\n`);
  return c.errors.length > 0 ? undefined : c;
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

// A reader that closes the pipe early (`| head`) has all it wanted: end quietly, with our status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`statefulset-tools: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
