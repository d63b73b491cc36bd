import type { SeveritySetting } from './types';

/** Settings as users give them (`statefulset.*`, CLI flags). Every field is optional. */
export interface Settings {
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /**
   * `leaveToYamlServer`: a YAML language server runs beside ours and reports what any YAML parser
   * finds, so the rules of layer `yaml` do not run, whatever `rules` (or a configuration file) says.
   */
  readonly yamlFindings?: 'report' | 'leaveToYamlServer';
  /** `1.30`, `v1.30.2`, or `latest`. */
  readonly kubernetesVersion?: string;
  readonly defaultNamespace?: string;
  readonly clusterDomain?: string;
  /** Report a disable comment or annotation id that silenced nothing (`--report-unused-disable-directives`). */
  readonly reportUnusedDisableDirectives?: boolean;
}

export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * The newest Kubernetes minor release the rules know. An error from us means this release's API
 * server rejects the object unless the user picks an older one.
 */
export const LATEST_VERSION: KubeVersion = { major: 1, minor: 35 };
/** The oldest release we model; older ones are treated as this one. */
export const OLDEST_VERSION: KubeVersion = { major: 1, minor: 19 };

export interface ResolvedSettings {
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** The rules of layer `yaml` do not run (`yamlFindings: leaveToYamlServer`). */
  readonly leaveYamlFindings: boolean;
  readonly version: KubeVersion;
  readonly versionText: string;
  readonly defaultNamespace: string;
  readonly clusterDomain: string;
  readonly reportUnusedDisableDirectives: boolean;
  /** Stable text of everything that changes what rules report (not severities). */
  readonly key: string;
}

export function parseKubeVersion(text: string | undefined): KubeVersion | undefined {
  if (text === undefined || text === '' || text === 'latest') return LATEST_VERSION;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  const v = { major: Number(m[1]), minor: Number(m[2]) };
  if (compareVersions(v, OLDEST_VERSION) < 0) return OLDEST_VERSION;
  return v;
}

export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** `atLeast(v, '1.27')` */
export function atLeast(v: KubeVersion, text: string): boolean {
  const b = parseKubeVersion(text);
  return b !== undefined && compareVersions(v, b) >= 0;
}

export function formatVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

export function resolveSettings(s: Settings | undefined): ResolvedSettings {
  const version = parseKubeVersion(s?.kubernetesVersion) ?? LATEST_VERSION;
  const defaultNamespace = s?.defaultNamespace?.trim() || 'default';
  const clusterDomain = (s?.clusterDomain?.trim() || 'cluster.local').replace(/\.$/, '');
  const leaveYamlFindings = s?.yamlFindings === 'leaveToYamlServer';
  return {
    rules: s?.rules ?? {},
    leaveYamlFindings,
    version,
    versionText: formatVersion(version),
    defaultNamespace,
    clusterDomain,
    reportUnusedDisableDirectives: s?.reportUnusedDisableDirectives === true,
    // Rules set to `off` are not run, so they are part of what a cached chunk's findings depend on.
    key: `${formatVersion(version)}|${defaultNamespace}|${clusterDomain}|${Object.keys(s?.rules ?? {}).filter((id) => s?.rules?.[id] === 'off').sort().join(',')}${leaveYamlFindings ? '|no-yaml-layer' : ''}`,
  };
}
