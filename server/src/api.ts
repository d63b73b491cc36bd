/**
 * The programmatic API, `require('statefulset-tools')` / `import … from 'statefulset-tools'`:
 * what `statefulset-tools check --format json` prints, and the identity model `preview` shows,
 * as data. Bundled alone into dist/api.js (no VS Code, no LSP); its declarations are generated
 * from this file (tsconfig.types.json), so the types users compile against are these.
 */
import { parseKubeVersion, RULE_METAS, SEVERITY_SETTINGS, type Settings, type SeveritySetting } from './core';
import { checkInputs } from './cli/check';
import { collectFiles, type InputFile } from './cli/files';
import { toJson, type FileResult } from './cli/format';
import { kustomizationArgs, withNamedPatches } from './cli/kustomize';
import { addOverlayFindings } from './cli/overlays';
import { previewFiles, type FilePreview } from './cli/preview';
import { VERSION } from './version';

export type { FileResult, Message } from './cli/format';
export type { FilePreview } from './cli/preview';
export type { Severity } from './core/types';
export type {
  ClaimTemplateInfo,
  DeletionPlan,
  PlanStep,
  PodIdentity,
  PreviewEntry,
  PvcIdentity,
  RetentionPolicy,
  StatefulSetIdentity,
  UpdatePlan,
} from './core/identityModel';
export type { SeveritySetting };

/** The package's version. */
export const version: string = VERSION;

/** YAML given as text; `filePath` names it in the results (default `<text>`, then `<text-2>`, …). */
export interface TextInput {
  readonly text: string;
  readonly filePath?: string;
}

/**
 * A path (a YAML file, or a directory searched for `*.yaml`/`*.yml` as the CLI does), a text, or
 * a list of both. Everything given is checked together: a StatefulSet finds its Service in
 * another input.
 */
export type Input = string | TextInput | readonly (string | TextInput)[];

/** The CLI's options, as data. Anything left out has the CLI's default. */
export interface Options {
  /** `1.30`, `v1.30.2` or `latest` (the default: the newest release the rules know). */
  readonly kubernetesVersion?: string;
  /** Namespace of objects without `metadata.namespace` (default `default`). */
  readonly defaultNamespace?: string;
  /** DNS domain in the pods' names (default `cluster.local`). */
  readonly clusterDomain?: string;
  /** Severity per rule id, or `off`: `{ 'pdb-missing': 'off' }`. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
}

/**
 * Checks the input; resolves to one result per file, the JSON `check --format json` prints. A
 * file that cannot be read is a result with a `file-unreadable` error, as in the CLI.
 * Rejects (TypeError) on options the CLI would refuse: an unknown rule id or severity, a version
 * that is not one.
 */
export async function check(input: Input, options: Options = {}): Promise<FileResult[]> {
  const settings = settingsOf(options);
  return toJson(addOverlayFindings(checkInputs(readInputs(input), settings), settings));
}


/**
 * The pods, PVCs, DNS names and rollout plans of every apps/v1 StatefulSet in the input, one
 * result per file (`entries` empty and `empty` saying why for a file with none, or unreadable).
 */
export async function preview(input: Input, options: Options = {}): Promise<FilePreview[]> {
  const files = readInputs(input);
  const previews = new Map(previewFiles(files, settingsOf(options)).map((p) => [p.filePath, p]));
  return files.map((f) => previews.get(f.path) ?? { filePath: f.path, entries: [], empty: `could not be read: ${f.problem ?? 'unreadable'}` });
}

function settingsOf(o: Options): Settings {
  if (o.kubernetesVersion !== undefined && parseKubeVersion(o.kubernetesVersion) === undefined) {
    throw new TypeError(`kubernetesVersion: "${o.kubernetesVersion}" is not a version like 1.30 or "latest"`);
  }
  const ids = new Set(RULE_METAS.map((m) => m.id));
  for (const [id, severity] of Object.entries(o.rules ?? {})) {
    if (!ids.has(id)) throw new TypeError(`rules: "${id}" is not a rule id (statefulset-tools rules lists them)`);
    if (!SEVERITY_SETTINGS.has(severity)) throw new TypeError(`rules.${id}: expected error, warning, info, hint or off; got ${JSON.stringify(severity)}`);
  }
  return { rules: o.rules, kubernetesVersion: o.kubernetesVersion, defaultNamespace: o.defaultNamespace, clusterDomain: o.clusterDomain };
}

function readInputs(input: Input): InputFile[] {
  const items: readonly (string | TextInput)[] = typeof input === 'string' || !Array.isArray(input) ? [input as string | TextInput] : input;
  let unnamed = 0;
  return items.flatMap((item): InputFile[] => {
    if (typeof item === 'string') return withNamedPatches(collectFiles(kustomizationArgs([item]), noStdin));
    if (typeof item?.text !== 'string') throw new TypeError('an input is a path or { text, filePath? }');
    unnamed += item.filePath === undefined ? 1 : 0;
    return [{ path: item.filePath ?? (unnamed === 1 ? '<text>' : `<text-${unnamed}>`), explicit: true, kustomization: false, text: item.text }];
  });
}

function noStdin(): string {
  throw new Error('the API reads paths and texts; pass standard input as { text }');
}
