/**
 * `statefulset.*` settings per resource. Clients that answer `workspace/configuration` are asked
 * once per URI (cached until `workspace/didChangeConfiguration`); the others get what they pushed
 * with that notification or in `initializationOptions`, else the defaults.
 */
import type { Connection } from 'vscode-languageserver/node';
import { parseKubeVersion, resolveSettings, type ResolvedSettings, type Settings, type SeveritySetting } from '../core';

export const SECTION = 'statefulset';
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface ServerSettings {
  /** As given (before resolving), for combining with a repository's configuration file. */
  readonly settings: Settings;
  readonly resolved: ResolvedSettings;
  /** Bytes; larger files are left out of the workspace scan. */
  readonly maxFileSize: number;
  /** `statefulset.compareWith`: the git ref of the base (undefined: `off`). */
  readonly compareWith?: string;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);

/**
 * Turns whatever the client sent into settings, keeping the valid parts and reporting the rest:
 * a typo in one rule's severity must not drop the user's other choices.
 */
export function readSettings(raw: unknown, warn: (message: string) => void): ServerSettings {
  const o = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, SeveritySetting> = {};
  if (typeof o.rules === 'object' && o.rules !== null && !Array.isArray(o.rules)) {
    for (const [id, value] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
      else warn(`statefulset.rules.${id}: expected one of error, warning, info, hint, off; got ${JSON.stringify(value)}; the rule keeps its default.`);
    }
  } else if (o.rules !== undefined && o.rules !== null) {
    warn('statefulset.rules: expected an object of rule ids to severities; ignored.');
  }
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    warn(`statefulset.${key}: expected a string; ignored.`);
    return undefined;
  };
  let kubernetesVersion = str('kubernetesVersion');
  if (kubernetesVersion !== undefined && parseKubeVersion(kubernetesVersion) === undefined) {
    warn(`statefulset.kubernetesVersion: "${kubernetesVersion}" is not a version like 1.30 or "latest"; using latest.`);
    kubernetesVersion = undefined;
  }
  const settings: Settings = { rules, yamlFindings: yamlFindingsOf(o.yamlFindings, warn), kubernetesVersion, defaultNamespace: str('defaultNamespace'), clusterDomain: str('clusterDomain') };
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (typeof o.maxFileSize === 'number' && Number.isFinite(o.maxFileSize) && o.maxFileSize >= 0) maxFileSize = o.maxFileSize;
  else if (o.maxFileSize !== undefined && o.maxFileSize !== null) warn('statefulset.maxFileSize: expected a number of bytes (0 or more); using 1 MB.');
  return { settings, resolved: resolveSettings(settings), maxFileSize, compareWith: readCompareWith(o.compareWith, warn) };
}

export const DEFAULT_COMPARE_WITH = 'HEAD';

/** A git ref, `off`, or the default (HEAD); anything else is reported and turns the comparison off. */
function readCompareWith(v: unknown, warn: (message: string) => void): string | undefined {
  if (v === undefined || v === null || v === '') return DEFAULT_COMPARE_WITH;
  if (v === 'off') return undefined;
  if (typeof v === 'string' && /^[\w][\w./@{}^~-]*$/.test(v) && !v.includes('..')) return v;
  warn(`statefulset.compareWith: expected a git ref such as HEAD or origin/main, or "off"; got ${JSON.stringify(v)}; not comparing.`);
  return undefined;
}

/** `yamlFindings`: whether a YAML language server beside this one takes the YAML-level findings. */
function yamlFindingsOf(value: unknown, warn: (message: string) => void): Settings['yamlFindings'] {
  if (value === 'report' || value === 'leaveToYamlServer') return value;
  if (value !== undefined && value !== null) warn(`statefulset.yamlFindings: expected "report" or "leaveToYamlServer"; got ${JSON.stringify(value)}; reporting them.`);
  return undefined;
}

/** `{statefulset: {...}}` as VS Code and most clients nest it, or the section itself. */
export function sectionOf(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && SECTION in raw) return (raw as Record<string, unknown>)[SECTION];
  return raw;
}

export class SettingsStore {
  private readonly pending = new Map<string, Promise<ServerSettings>>();
  private readonly known = new Map<string, ServerSettings>();
  private pushed: ServerSettings;
  private readonly warned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    initial: unknown,
    private readonly log: (message: string) => void,
  ) {
    this.pushed = readSettings(sectionOf(initial), (m) => this.warnOnce(m));
  }

  /** The settings already known for a URI, without asking the client. */
  peek(uri: string): ServerSettings | undefined {
    return this.pull ? this.known.get(uri) : this.pushed;
  }

  get(uri: string): Promise<ServerSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    const cached = this.pending.get(uri);
    if (cached) return cached;
    const p: Promise<ServerSettings> = this.fetch(uri).then((s) => {
      // A change notification may have arrived while the client answered; keep only a current answer.
      if (this.pending.get(uri) === p) this.known.set(uri, s);
      return s;
    });
    this.pending.set(uri, p);
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget everything; `settings` is what a push client sent. */
  changed(settings: unknown): void {
    this.pending.clear();
    this.known.clear();
    this.warned.clear();
    if (!this.pull && settings !== undefined && settings !== null) this.pushed = readSettings(sectionOf(settings), (m) => this.warnOnce(m));
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.known.delete(uri);
  }

  private async fetch(uri: string): Promise<ServerSettings> {
    let raw: unknown;
    try {
      raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION });
    } catch (e) {
      this.log(`Could not read settings for ${uri}: ${(e as Error).message}; using defaults.`);
    }
    return readSettings(raw, (m) => this.warnOnce(m));
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log(message);
  }
}
