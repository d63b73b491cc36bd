import { readFileSync } from 'node:fs';
import { analyze, DocumentCache, RULE_METAS, WorkspaceIndex, type Settings } from '../core';
import { VERSION } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { configureFiles, type ConfiguredFiles } from './config';
import { collectFiles, type InputFile } from './files';
import { FILE_UNREADABLE, formatJson, formatSarif, formatStylish, toMessages, type FileResult } from './format';
import { runPreview } from './preview';

function settingsOf(o: CliOptions): Settings {
  return { rules: o.rules, kubernetesVersion: o.kubernetesVersion, defaultNamespace: o.namespace, clusterDomain: o.clusterDomain, reportUnusedDisableDirectives: o.reportUnusedDisableDirectives };
}

/** Checks files; objects in any of them resolve references from the others (two passes). */
export function checkFiles(files: readonly InputFile[], settings: Settings | ((file: InputFile) => Settings)): FileResult[] {
  const settingsFor = typeof settings === 'function' ? settings : () => settings;
  const index = new WorkspaceIndex();
  const caches = new Map<string, DocumentCache>();
  const uriOf = (i: number): string => `file-${i}`;
  files.forEach((f, i) => {
    if (f.text === undefined) return;
    const cache = new DocumentCache();
    caches.set(uriOf(i), cache);
    analyze(f.text, { uri: uriOf(i), settings: settingsFor(f), index, cache });
  });
  return files.map((f, i) => {
    if (f.text === undefined) {
      return { filePath: f.path, messages: [{ ruleId: FILE_UNREADABLE.id, severity: 'error', message: `File not checked: ${f.problem ?? 'unreadable'}.`, line: 1, column: 1, endLine: 1, endColumn: 1 }] };
    }
    const a = analyze(f.text, { uri: uriOf(i), settings: settingsFor(f), index, cache: caches.get(uriOf(i)) });
    return { filePath: f.path, messages: toMessages(f.text, a.findings) };
  });
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
    case 'preview': {
      const files = configured(o, collectFiles(o.paths, readStdin));
      return files ? runPreview(o, files.files, files.files[0] ? files.settingsFor(files.files[0]) : settingsOf(o)) : 2;
    }
    case 'check': {
      const found = collectFiles(o.paths, readStdin);
      if (found.length === 0) {
        process.stderr.write('statefulset-tools: no YAML files found in the paths given\n');
        return 2;
      }
      const config = configured(o, found);
      if (!config) return 2;
      const files = config.files;
      if (files.length === 0) {
        process.stderr.write('statefulset-tools: every file given is excluded by the configuration\n');
        return 2;
      }
      for (const f of files) if (f.problem) process.stderr.write(`statefulset-tools: ${f.path}: ${f.problem}\n`);
      const results = checkFiles(files, config.settingsFor);
      const out = o.format === 'json' ? formatJson(results) : o.format === 'sarif' ? formatSarif(results) : formatStylish(results, o.color);
      process.stdout.write(out);
      const all = results.flatMap((r) => r.messages);
      if (all.some((m) => m.severity === 'error')) return 1;
      if (o.maxWarnings !== undefined && all.filter((m) => m.severity === 'warning').length > o.maxWarnings) return 1;
      return 0;
    }
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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`statefulset-tools: internal error: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 2;
}
