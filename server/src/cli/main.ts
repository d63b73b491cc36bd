import { readFileSync } from 'node:fs';
import { RULE_METAS, type Settings } from '../core';
import { VERSION } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { checkFiles } from './check';
import { collectFiles } from './files';
import { formatJson, formatSarif, formatStylish } from './format';
import { runPreview } from './preview';

function settingsOf(o: CliOptions): Settings {
  return { rules: o.rules, kubernetesVersion: o.kubernetesVersion, defaultNamespace: o.namespace, clusterDomain: o.clusterDomain };
}

function main(argv: string[]): number {
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
      for (const m of RULE_METAS) process.stdout.write(`${m.id.padEnd(36)} ${m.defaultSeverity.padEnd(8)} ${m.summary}\n`);
      return 0;
    case 'preview':
      return runPreview(o, collectFiles(o.paths, readStdin), settingsOf(o));
    case 'check': {
      const files = collectFiles(o.paths, readStdin);
      if (files.length === 0) {
        process.stderr.write('statefulset-tools: no YAML files found in the paths given\n');
        return 2;
      }
      for (const f of files) if (f.problem) process.stderr.write(`statefulset-tools: ${f.path}: ${f.problem}\n`);
      const results = checkFiles(files, settingsOf(o));
      const out = o.format === 'json' ? formatJson(results) : o.format === 'sarif' ? formatSarif(results) : formatStylish(results, o.color);
      process.stdout.write(out);
      const all = results.flatMap((r) => r.messages);
      if (all.some((m) => m.severity === 'error')) return 1;
      if (o.maxWarnings !== undefined && all.filter((m) => m.severity === 'warning').length > o.maxWarnings) return 1;
      return 0;
    }
  }
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`statefulset-tools: internal error: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 2;
}
