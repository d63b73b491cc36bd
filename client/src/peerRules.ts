/**
 * How the work divides with Red Hat's YAML extension (redhat.vscode-yaml), which runs
 * yaml-language-server on every YAML file. Pure: which of our findings and completions the peer
 * already gives the user, so the client drops ours instead of showing them twice.
 *
 * - With Red Hat's validation on (`yaml.validate`, on by default), its YAML parser reports syntax
 *   errors, duplicate keys and tabs on every YAML file: ours for the same problems are dropped.
 * - Where the user maps Red Hat's Kubernetes schema onto a file (`yaml.schemas` with the key
 *   `kubernetes`), the schema reports unknown fields, wrong types and missing required fields, and
 *   completes field names: our findings of those kinds and our field-name completions are dropped.
 * - Everything StatefulSet-specific stays ours: names and identities, cross-object references
 *   (Services, StorageClasses, PodDisruptionBudgets), values the API server or the controller
 *   rejects, version gates, rollout and retention advice, value and reference completions.
 */

/** Findings a Kubernetes JSON schema reports too, where the peer applies one. */
export const SCHEMA_LEVEL_CODES: ReadonlySet<string> = new Set(['unknown-field', 'invalid-type', 'selector-missing', 'containers-missing']);

export interface PeerCoverage {
  /** The peer validates this file as YAML. */
  readonly yaml: boolean;
  /** The peer applies its Kubernetes schema to this file. */
  readonly kubernetesSchema: boolean;
}

export const NO_PEER: PeerCoverage = { yaml: false, kubernetesSchema: false };

/**
 * One of our diagnostics as the division of work sees it: its rule id, and the rule's `layer` the
 * server sends in `diagnostic.data` (`yaml` for what the peer's YAML parser reports too, on every
 * file it validates: syntax errors, duplicate keys, tabs).
 */
export interface FindingKind {
  readonly code?: string;
  readonly layer?: string;
}

/** Whether one of our diagnostics is still news with the peer's coverage. */
export function keepFinding(f: FindingKind, coverage: PeerCoverage): boolean {
  if (coverage.yaml && f.layer === 'yaml') return false;
  if (coverage.kubernetesSchema && f.code !== undefined && SCHEMA_LEVEL_CODES.has(f.code)) return false;
  return true;
}

/**
 * The file globs that `yaml.schemas` maps the Kubernetes schema onto. The setting maps a schema
 * (a URL, a path, or the word `kubernetes`) to one glob or a list of them.
 */
export function kubernetesSchemaGlobs(yamlSchemas: unknown): string[] {
  if (typeof yamlSchemas !== 'object' || yamlSchemas === null) return [];
  const globs = (yamlSchemas as Record<string, unknown>).kubernetes;
  if (typeof globs === 'string') return [globs];
  return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g !== '') : [];
}
