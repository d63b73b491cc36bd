import { readFileSync } from 'node:fs';
import { analyze, DocumentCache, RULE_METAS, WorkspaceIndex, type Settings } from '../core';
import { VERSION } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { collectFiles, type InputFile } from './files';
import { FILE_UNREADABLE, formatJson, formatSarif, formatStylish, toMessages, type FileResult } from './format';
import { kustomizationArgs, kustomizeOptions, withNamedPatches } from './kustomize';
import { runPreview } from './preview';
import { addOverlayFindings, overlayInputs } from './overlays';

function settingsOf(o: CliOptions): Settings {
  return { rules: o.rules, kubernetesVersion: o.kubernetesVersion, defaultNamespace: o.namespace, clusterDomain: o.clusterDomain };
}

/** Checks files; objects in any of them resolve references from the others (two passes). */
export function checkFiles(files: readonly InputFile[], settings: Settings): FileResult[] {
  const index = new WorkspaceIndex();
  const caches = new Map<string, DocumentCache>();
  const uriOf = (i: number): string => `file-${i}`;
  const kustomize = kustomizeOptions(files);
  files.forEach((f, i) => {
    if (f.text === undefined) return;
    const cache = new DocumentCache();
    caches.set(uriOf(i), cache);
    analyze(f.text, { uri: uriOf(i), settings, index, cache, ...kustomize(f) });
  });
  return files.map((f, i) => {
    if (f.text === undefined) {
      return { filePath: f.path, messages: [{ ruleId: FILE_UNREADABLE.id, severity: 'error', message: `File not checked: ${f.problem ?? 'unreadable'}.`, line: 1, column: 1, endLine: 1, endColumn: 1 }] };
    }
    const a = analyze(f.text, { uri: uriOf(i), settings, index, cache: caches.get(uriOf(i)), ...kustomize(f) });
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
      const { overlays, rest } = overlayInputs(o.paths);
      return runPreview(o, [...overlays, ...collectFiles(rest, readStdin)], settingsOf(o));
    }
    case 'check': {
      const files = withNamedPatches(collectFiles(kustomizationArgs(o.paths), readStdin));
      if (files.length === 0) {
        process.stderr.write('statefulset-tools: no YAML files found in the paths given\n');
        return 2;
      }
      for (const f of files) if (f.problem) process.stderr.write(`statefulset-tools: ${f.path}: ${f.problem}\n`);
      const results = checkFiles(files, settingsOf(o));
      addOverlayFindings(results, o.paths, settingsOf(o));
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
