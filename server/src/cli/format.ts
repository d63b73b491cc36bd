import { KUSTOMIZE_NOT_BUILT, LineIndex, RULE_METAS, type Finding, type RuleMeta, type Severity } from '../core';
import { ruleDocsUrl, VERSION } from '../version';

export interface Message {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly path?: string;
}

export interface FileResult {
  readonly filePath: string;
  readonly messages: Message[];
}

/** 1-based lines and columns; columns count UTF-16 code units, as LSP and editors do. */
export function toMessages(text: string, findings: readonly Finding[]): Message[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const s = lines.positionAt(f.span.start);
    const e = lines.positionAt(f.span.end);
    const m: Message = { ruleId: f.code, severity: f.severity, message: f.message, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    return f.path ? { ...m, path: f.path } : m;
  });
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(results) + '\n';
}

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const tint: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  for (const r of results) {
    if (r.messages.length === 0) continue;
    out += `\n${c('4', r.filePath)}\n`;
    const rows = r.messages.map((m) => [`${m.line}:${m.column}`, LABEL[m.severity], m.message, m.ruleId] as const);
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    r.messages.forEach((m, i) => {
      counts[m.severity]++;
      const [pos, sev, msg, id] = rows[i];
      out += `  ${c('2', pos.padEnd(w0))}  ${c(tint[m.severity], sev.padEnd(w1))}  ${msg}  ${c('2', id)}\n`;
    });
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return `No problems in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
  out += `\n${c(counts.error > 0 ? '31' : '33', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`)} in ${results.length} file${results.length === 1 ? '' : 's'}\n`;
  return out;
}

/** Not a rule on YAML: the CLI's note for a file it could not read. */
export const FILE_UNREADABLE: RuleMeta = {
  id: 'file-unreadable',
  defaultSeverity: 'error',
  summary: 'The file could not be read as UTF-8 text.',
  docs: 'The file does not exist, cannot be read, is binary or is not UTF-8 text, so it was not checked. The other files were.',
  scope: 'document',
};

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 as GitHub code scanning reads it. */
export function formatSarif(results: readonly FileResult[]): string {
  const metas = [...RULE_METAS, FILE_UNREADABLE, KUSTOMIZE_NOT_BUILT];
  const rules = metas.map((m) => ({
    id: m.id,
    name: m.id,
    shortDescription: { text: m.summary },
    fullDescription: { text: m.docs },
    helpUri: ruleDocsUrl(m.id),
    help: { text: m.docs, markdown: m.docs },
    defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.messages.map((m) => ({
      ruleId: m.ruleId,
      ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
      level: SARIF_LEVEL[m.severity],
      message: { text: m.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(r.filePath), ...(isAbsolute(r.filePath) ? {} : { uriBaseId: '%SRCROOT%' }) },
            region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
          },
          ...(m.path ? { logicalLocations: [{ fullyQualifiedName: m.path, kind: 'member' }] } : {}),
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'statefulset-tools', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/statefulset-tools/statefulset-tools', rules } },
        artifacts: results.map((r) => ({ location: { uri: toUri(r.filePath), ...(isAbsolute(r.filePath) ? {} : { uriBaseId: '%SRCROOT%' }) } })),
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

function toUri(p: string): string {
  const norm = p.replace(/\\/g, '/').replace(/^\.\//, '');
  const encoded = norm.split('/').map(encodeURIComponent).join('/');
  return isAbsolute(norm) ? `file://${encoded}` : encoded;
}
