/**
 * SARIF 2.1.0 as GitHub code scanning reads it: paths relative to %SRCROOT% (the current
 * directory), fingerprints that survive line moves, and an invocation that says what was not
 * checked. Rendered Helm output names the template as the location and the rendered position
 * as a related location.
 */
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_METAS, type Severity } from '../core';
import { REPOSITORY_URL, ruleDocsUrl, VERSION } from '../version';
import type { FileReport } from './check';
import { STDIN_NAME } from './files';
import { FILE_UNREADABLE, type Message } from './format';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** The key of our partialFingerprints; a new version of the recipe gets a new key. */
const FINGERPRINT_KEY = 'statefulsetTools/v1';

export interface SarifRun {
  readonly exitCode: number;
  /** The folder %SRCROOT% stands for. */
  readonly cwd: string;
  /** Unchecked parts are reported as errors unless they are allowed. */
  readonly allowUnchecked: boolean;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

export function formatSarif(reports: readonly FileReport[], run: SarifRun): string {
  const metas = [...RULE_METAS, FILE_UNREADABLE];
  const rules = metas.map((m) => ({
    id: m.id,
    name: m.id,
    shortDescription: { text: m.summary },
    fullDescription: { text: m.docs },
    ...(m === FILE_UNREADABLE ? {} : { helpUri: ruleDocsUrl(m.id) }),
    help: { text: m.docs, markdown: m.docs },
    defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const location = (p: string): ArtifactLocation => artifactLocation(p, run.cwd);
  const region = (m: { line: number; column: number; endLine: number; endColumn: number }): object => ({ startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });
  const result = (r: FileReport, m: Message): object => {
    const rendered = { physicalLocation: { artifactLocation: location(r.filePath), region: region(m) } };
    const logical = m.path ? { logicalLocations: [{ fullyQualifiedName: m.path, kind: 'member' }] } : {};
    const primary = m.source ? { physicalLocation: { artifactLocation: { uri: encodePath(m.source.template), uriBaseId: '%SRCROOT%' }, region: region(m.source) }, ...logical } : { ...rendered, ...logical };
    return {
      ruleId: m.ruleId,
      ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
      level: SARIF_LEVEL[m.severity],
      message: { text: m.message },
      locations: [primary],
      ...(m.source ? { relatedLocations: [{ id: 1, message: { text: `Rendered at line ${m.line} of ${r.filePath}` }, ...rendered }] } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: m.fingerprint },
    };
  };
  const notifications = reports.flatMap((r) => {
    if (r.status === 'unreadable') {
      return [{ level: 'error', message: { text: `${r.filePath}: ${r.problem ?? 'unreadable'}` }, locations: [{ physicalLocation: { artifactLocation: location(r.filePath) } }], descriptor: { id: FILE_UNREADABLE.id } }];
    }
    return r.unchecked.map((u) => ({
      level: run.allowUnchecked ? 'warning' : 'error',
      message: { text: `${r.filePath}:${u.line}:${u.column}: not checked: ${u.reason}` },
      locations: [{ physicalLocation: { artifactLocation: location(r.filePath), region: { startLine: u.line, startColumn: u.column } } }],
      descriptor: { id: 'analysis-limit' },
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'statefulset-tools', version: VERSION, semanticVersion: VERSION, informationUri: REPOSITORY_URL, rules } },
        invocations: [{ executionSuccessful: run.exitCode !== 2, exitCode: run.exitCode, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(run.cwd) } },
        artifacts: [...new Map(reports.filter((r) => r.status !== 'skipped').map((r) => location(r.filePath)).map((l) => [l.uri, l])).values()].map((l) => ({ location: l })),
        results: reports.flatMap((r) => r.messages.map((m) => result(r, m))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A file URI that ends in `/`, as a base URI must. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Relative to %SRCROOT% when the file is under it; else an absolute file URI. */
function artifactLocation(p: string, cwd: string): ArtifactLocation {
  if (p === STDIN_NAME) return { uri: 'stdin', uriBaseId: '%SRCROOT%' };
  const abs = resolve(cwd, p);
  const rel = relative(resolve(cwd), abs);
  if (rel === '' || rel.startsWith('..') || resolve(rel) === rel) return { uri: pathToFileURL(abs).href };
  return { uri: encodePath(rel.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
}

function encodePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
