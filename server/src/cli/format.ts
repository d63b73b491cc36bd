import { type RuleMeta, type Severity } from '../core';
import type { FileReport } from './check';
import type { TemplateSource } from './helmSource';

export interface Message {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The Kubernetes field path, when the finding is about a field. */
  readonly path?: string;
  /** In rendered Helm output: the template (`# Source:`) and the position inside its document. */
  readonly source?: TemplateSource;
  /** Stable across line moves: rule, file (or template), object identity and field path, hashed. */
  readonly fingerprint: string;
}

/** The JSON format: what `--format json` prints, as data (the fingerprint stays internal). */
export interface FileResult {
  readonly filePath: string;
  readonly messages: Omit<Message, 'fingerprint'>[];
  /** Set on a file that was not checked because it holds no Kubernetes object. */
  readonly skipped?: typeof SKIPPED_REASON;
}

export const SKIPPED_REASON = 'no Kubernetes object';

/** What a run found and left out, for the summary lines. */
export interface RunSummary {
  /** Messages below the severity shown (--quiet, --min-severity). */
  readonly hidden: number;
  readonly minSeverity: Severity;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Every file given or found, in order; a skipped one says so. */
export function toJson(reports: readonly FileReport[]): FileResult[] {
  return reports.map((r) => {
    const result = { filePath: r.filePath, messages: r.messages.map(({ fingerprint: _, ...m }) => m) };
    return r.status === 'skipped' ? { ...result, skipped: SKIPPED_REASON } : result;
  });
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(toJson(reports)) + '\n';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatStylish(reports: readonly FileReport[], color: boolean, summary: RunSummary): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const tint: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  let withProblems = 0;
  const table = (messages: readonly Message[], indent: string, rendered: boolean): void => {
    const pos = (m: Message): string => (rendered && m.source ? `${m.source.line}:${m.source.column}` : `${m.line}:${m.column}`);
    const w0 = Math.max(...messages.map((m) => pos(m).length));
    const w1 = Math.max(...messages.map((m) => m.severity.length));
    for (const m of messages) {
      counts[m.severity]++;
      const where = rendered && m.source ? `  ${c('2', `(rendered ${m.line}:${m.column})`)}` : '';
      out += `${indent}${c('2', pos(m).padEnd(w0))}  ${c(tint[m.severity], m.severity.padEnd(w1))}  ${m.message}  ${c('2', m.ruleId)}${where}\n`;
    }
  };
  for (const r of reports) {
    if (r.messages.length === 0) continue;
    withProblems++;
    out += `\n${c('4', r.filePath)}\n`;
    // Rendered Helm output: one group per template, positions inside the template's document.
    const plain = r.messages.filter((m) => !m.source);
    if (plain.length > 0) table(plain, '  ', false);
    const templates = [...new Set(r.messages.flatMap((m) => (m.source ? [m.source.template] : [])))];
    for (const t of templates) {
      out += `  ${c('1', t)}\n`;
      table(
        r.messages.filter((m) => m.source?.template === t),
        '    ',
        true,
      );
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) out += 'No problems.\n';
  else {
    const parts = SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => (s === 'info' ? `${counts[s]} info` : plural(counts[s], s)));
    out += `\n${c(counts.error > 0 ? '31' : '33', `${plural(total, 'problem')} (${parts.join(', ')})`)} in ${plural(withProblems, 'file')}\n`;
  }
  return out + filesLine(reports, summary) + '\n';
}

/** "42 files checked, 17 skipped: no Kubernetes object", with the skipped names that were given by name. */
export function filesLine(reports: readonly FileReport[], summary: RunSummary): string {
  const checked = reports.filter((r) => r.status === 'checked').length;
  const skipped = reports.filter((r) => r.status === 'skipped');
  const unreadable = reports.filter((r) => r.status === 'unreadable').length;
  let line = `${plural(checked, 'file')} checked`;
  if (skipped.length > 0) {
    const named = skipped.filter((r) => r.explicit).map((r) => r.filePath);
    const shown = named.length > 5 ? [...named.slice(0, 5), `${named.length - 5} more`] : named;
    line += `, ${skipped.length} skipped: ${SKIPPED_REASON}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
  }
  if (unreadable > 0) line += `, ${unreadable} unreadable`;
  const unchecked = reports.reduce((n, r) => n + r.unchecked.length, 0);
  if (unchecked > 0) line += `, ${unchecked} ${unchecked === 1 ? 'part' : 'parts'} left unchecked`;
  if (summary.hidden > 0) line += `; ${plural(summary.hidden, 'problem')} below ${summary.minSeverity} not shown`;
  return line;
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, one per finding, so a pull request shows them as annotations.
 * Escaped as the runner reads them: `%`, CR and LF in the message; also `:` and `,` in properties.
 */
export function formatGithub(reports: readonly FileReport[], relativePath: (p: string) => string): string {
  const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  let out = '';
  for (const r of reports) {
    const file = relativePath(r.filePath);
    for (const m of r.messages) {
      const props = [`file=${prop(file)}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${prop(m.ruleId)}`].join(',');
      const text = m.source ? `${m.message} (${m.source.template}:${m.source.line}:${m.source.column})` : m.message;
      out += `::${GITHUB_COMMAND[m.severity]} ${props}::${data(text)}\n`;
    }
  }
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
