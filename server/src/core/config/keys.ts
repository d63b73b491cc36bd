/**
 * The one place where `.statefulset-tools.yaml` meets Settings. Every key of Settings is a key of
 * the configuration file, at the top level and in each override, described here once: its JSON
 * Schema (which shapes the shipped schema file, the validation, completion and hover) and how a
 * later layer combines with an earlier one. A new setting is a field of Settings plus an entry
 * here; the type below fails to compile until the entry exists.
 */
import type { Settings } from '../settings';

/** The subset of JSON Schema (draft-07) the configuration uses. */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly (string | boolean)[];
  readonly pattern?: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  /** Only `#/definitions/<name>`. */
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

export interface SettingKey {
  readonly schema: JsonSchema;
  /** What a value must look like, for messages (the schema's pattern says it to machines). */
  readonly expected?: string;
  /** `record`: a later layer adds to and overrides single entries (rules); `replace`: it replaces the value. */
  readonly merge: 'record' | 'replace';
}

export const SEVERITY_VALUES = ['error', 'warning', 'info', 'hint', 'off'] as const;

export const SEVERITY_DESCRIPTIONS: Readonly<Record<(typeof SEVERITY_VALUES)[number], string>> = {
  error: 'The API server rejects the object, or it can never run; fails `check`.',
  warning: 'Accepted, but breaks at run time.',
  info: 'Advice.',
  hint: 'A smaller suggestion, shown discreetly.',
  off: 'The rule does not run.',
};

/** Versions offered in completion; any `1.NN` is accepted. */
const VERSION_EXAMPLES = ['latest', ...Array.from({ length: 17 }, (_, i) => `1.${35 - i}`)];

export const SETTING_KEYS: { readonly [K in keyof Required<Settings>]: SettingKey } = {
  rules: {
    // The properties (one per rule id) are filled in from the rule registry by schema.ts.
    schema: { type: 'object', description: 'Severity per rule id: error, warning, info, hint, or off to turn the rule off. Rules not listed keep their default.' },
    merge: 'record',
  },
  kubernetesVersion: {
    schema: {
      type: 'string',
      description: 'The Kubernetes release the cluster runs, like "1.30" (quoted: 1.30 unquoted is the number 1.3), or "latest". Fields introduced after it are reported.',
      pattern: '^(latest|v?[0-9]+\\.[0-9]+(\\.[0-9]+)?)$',
      examples: VERSION_EXAMPLES,
    },
    expected: 'a Kubernetes release like "1.30", "v1.30.2" or "latest"',
    merge: 'replace',
  },
  defaultNamespace: {
    schema: {
      type: 'string',
      description: 'The namespace of objects without metadata.namespace: it shapes the pods\' DNS names and where Services, StorageClasses and PodDisruptionBudgets are looked up.',
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      maxLength: 63,
      examples: ['default'],
    },
    expected: 'a namespace name (lower-case letters, digits and "-", at most 63)',
    merge: 'replace',
  },
  clusterDomain: {
    schema: {
      type: 'string',
      description: "The cluster's DNS domain, used in the pods' names: <pod>.<service>.<namespace>.svc.<clusterDomain>.",
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\.?$',
      maxLength: 253,
      examples: ['cluster.local'],
    },
    expected: 'a DNS domain like "cluster.local"',
    merge: 'replace',
  },
  reportUnusedDisableDirectives: {
    schema: { type: 'boolean', description: 'Warn about a disable comment or statefulset-tools.io/disable annotation id that silenced nothing (as the CLI flag --report-unused-disable-directives does).' },
    merge: 'replace',
  },
  yamlFindings: {
    schema: {
      type: 'string',
      enum: ['report', 'leaveToYamlServer'],
      description: 'The language server only: "leaveToYamlServer" when every editor of the team runs a YAML language server beside this one, which then reports what any YAML parser finds (syntax, duplicate keys, tabs). The CLI always reports them.',
    },
    merge: 'replace',
  },
};

export const SETTING_KEY_NAMES = Object.keys(SETTING_KEYS) as (keyof Settings)[];

/** `over` on top of `base`: the keys `over` sets win; rules combine rule by rule. */
export function mergeSettings(base: Settings, over: Settings): Settings {
  const out: Record<string, unknown> = { ...base };
  for (const k of SETTING_KEY_NAMES) {
    const v = over[k];
    if (v === undefined) continue;
    out[k] = SETTING_KEYS[k].merge === 'record' ? { ...(base[k] as object | undefined), ...(v as object) } : v;
  }
  return out as Settings;
}
