/**
 * StatefulSet -> what the StatefulSet controller would make of it: pod names, hostnames, DNS
 * names, PVC names, and the order in which it creates, replaces and removes them. The facts follow
 * the controller in kubernetes/kubernetes (pkg/controller/statefulset):
 *
 * - ordinals run from `spec.ordinals.start` (default 0) for `spec.replicas` pods (default 1);
 * - a pod is `<set>-<ordinal>`, its hostname is its name and its subdomain the `serviceName`;
 * - a PVC is `<claim template>-<set>-<ordinal>`;
 * - OrderedReady creates one pod at a time ascending and removes one at a time descending;
 *   Parallel acts on all of them at once;
 * - a rolling update replaces the pods at index >= partition, highest ordinal first.
 *
 * Pure and total: a missing or malformed value falls back to the API server's default (the rules
 * report the problem), and a huge replica count lists at most MAX_LISTED_PODS pods.
 */
import type { Analysis, PlacedResource } from './analyze';
import type {
  ClaimTemplateInfo,
  DeletionPlan,
  PlanStep,
  PodIdentity,
  PreviewEntry,
  PvcIdentity,
  RemovedPod,
  RetentionPolicy,
  ScalePlan,
  StatefulSetIdentity,
  UpdatePlan,
} from './identityModel';
import type { Resource } from './parse';
import { formatBytes, parseQuantity } from './quantity';
import { atLeast, LATEST_VERSION, parseKubeVersion, type ResolvedSettings } from './settings';
import { LineIndex, type LineCol } from './text';
import type { Finding, Span } from './types';
import { inNamespace, type ResourceSummary, type WorkspaceIndex } from './workspace';
import { asSeq, at, intValue, pairOf, scalarText, strValue, type YNode } from './yamlTree';

/** Pods listed per StatefulSet (and per scale plan); counts beyond it are still reported. */
export const MAX_LISTED_PODS = 1000;
/**
 * Pods listed in one preview answer in all, whatever the number of StatefulSets: a file of a
 * hundred large sets would otherwise be an answer of tens of megabytes. The preview asks for the
 * one set it shows, which is never cut below MAX_LISTED_PODS.
 */
export const MAX_ANSWER_PODS = 2000;
/** StatefulSets one whole-file answer describes in full; the rest are named in its `choices`. */
export const MAX_ANSWER_STATEFULSETS = 100;
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** Releases from which the controller honours a field by default (its feature gate is on). */
export const FEATURE_SINCE = {
  /** StatefulSetStartOrdinal: alpha (off) in 1.26, beta (on) from 1.27. */
  startOrdinal: '1.27',
  /** StatefulSetAutoDeletePVC: alpha (off) 1.23-1.26, beta (on) from 1.27. */
  retentionPolicy: '1.27',
  /** PodIndexLabel: beta (on) from 1.28. */
  podIndexLabel: '1.28',
  /** MaxUnavailableStatefulSet: alpha (off) 1.24-1.34, beta (on) from 1.35. */
  maxUnavailable: '1.35',
} as const;

const INT32_MAX = 2 ** 31 - 1;
/** Stands in for a missing `metadata.name` in the names we derive. */
const NO_NAME = '<name>';

type PodPolicy = StatefulSetIdentity['podManagementPolicy'];

/** What the identity engine reads from a StatefulSet, defaults applied. */
interface SetFacts {
  readonly name: string;
  readonly baseName: string;
  readonly namespace: string;
  readonly serviceName?: string;
  readonly clusterDomain: string;
  readonly replicas: number;
  readonly startOrdinal: number;
  readonly policy: PodPolicy;
  readonly templates: readonly ClaimTemplateInfo[];
  readonly strategy: UpdatePlan['strategy'];
  readonly partition: number;
  readonly maxUnavailable?: number | string;
  /** Pods replaced at once by a rolling update; 1 unless maxUnavailable is honoured. */
  readonly updateBatch: number;
  readonly maxUnavailableHonoured: boolean;
  readonly retention: RetentionPolicy;
  readonly podIndexLabel: boolean;
  readonly notes: string[];
}

// ---- Reading the spec ---------------------------------------------------------------------

/** Kubernetes decodes `null` like an absent field. */
function present(n: YNode | null | undefined): n is YNode {
  return n !== undefined && n !== null && !(n.kind === 'scalar' && n.value === null);
}

/** A whole number in [0, int32 max]; undefined when absent; the default (with a note) when bad. */
function countField(n: YNode | null | undefined, field: string, fallback: number, notes: string[]): number {
  if (!present(n)) return fallback;
  const v = intValue(n);
  if (v !== undefined && v >= 0 && v <= INT32_MAX) return v;
  notes.push(`${field} (${shown(n)}) is not a whole number from 0 to ${INT32_MAX}; shown with the default, ${fallback}.`);
  return fallback;
}

/** A value as written, for notes: strings quoted, so `"3"` shows why it is not a number. */
function shown(n: YNode): string {
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  return n.type === 'str' ? JSON.stringify(n.value) : String(n.value);
}

function enumField<T extends string>(n: YNode | null | undefined, field: string, allowed: readonly T[], notes: string[]): T {
  const fallback = allowed[0];
  if (!present(n)) return fallback;
  const v = strValue(n);
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
  notes.push(`${field} (${shown(n)}) is not one of ${allowed.join(', ')}; shown with the default, ${fallback}.`);
  return fallback;
}

function claimTemplatesOf(spec: YNode | null | undefined, offset: number): ClaimTemplateInfo[] {
  const out: ClaimTemplateInfo[] = [];
  for (const item of asSeq(at(spec, 'volumeClaimTemplates'))?.items ?? []) {
    const namePair = pairOf(at(item, 'metadata'), 'name');
    const name = strValue(namePair?.value);
    // A template without a name makes no PVC the controller could name; the rules say so.
    if (!name) continue;
    const pvcSpec = at(item, 'spec');
    const storage = scalarText(at(pvcSpec, 'resources', 'requests', 'storage'));
    const quantity = storage === undefined ? undefined : parseQuantity(storage);
    const modes = asSeq(at(pvcSpec, 'accessModes'))?.items ?? [];
    const classNode = at(pvcSpec, 'storageClassName');
    const span = namePair?.value?.span;
    out.push({
      name,
      storage,
      storageText: quantity ? formatBytes(quantity) : undefined,
      accessModes: modes.map((m) => scalarText(m)).filter((m): m is string => m !== undefined),
      storageClassName: present(classNode) ? (scalarText(classNode) ?? '') : undefined,
      volumeMode: strValue(at(pvcSpec, 'volumeMode')) || 'Filesystem',
      nameSpan: span ? { start: span.start + offset, end: span.end + offset } : undefined,
    });
  }
  return out;
}

/** The number of pods a maxUnavailable replaces at once: a percentage rounds down, never below 1. */
function batchOf(maxUnavailable: number | string | undefined, replicas: number): number | undefined {
  if (typeof maxUnavailable === 'number') return maxUnavailable >= 1 ? maxUnavailable : undefined;
  const m = typeof maxUnavailable === 'string' ? /^(\d+)%$/.exec(maxUnavailable) : null;
  if (!m) return undefined;
  const percent = Number(m[1]);
  if (percent < 1 || percent > 100) return undefined;
  return Math.max(1, Math.floor((replicas * percent) / 100));
}

function factsOf(r: Resource, offset: number, settings: ResolvedSettings): SetFacts {
  const notes: string[] = [];
  const spec = pairOf(r.root, 'spec')?.value;
  const v = settings.version;

  const name = r.name ?? '';
  if (!name) notes.push(`metadata.name is missing; the names below use ${NO_NAME} in its place.`);
  const replicas = countField(at(spec, 'replicas'), 'spec.replicas', 1, notes);

  let startOrdinal = countField(at(spec, 'ordinals', 'start'), 'spec.ordinals.start', 0, notes);
  if (startOrdinal !== 0 && !atLeast(v, FEATURE_SINCE.startOrdinal)) {
    notes.push(`spec.ordinals.start is ignored by Kubernetes ${settings.versionText} (honoured from ${FEATURE_SINCE.startOrdinal}); ordinals start at 0.`);
    startOrdinal = 0;
  }

  const policy = enumField<PodPolicy>(at(spec, 'podManagementPolicy'), 'spec.podManagementPolicy', ['OrderedReady', 'Parallel'], notes);
  const strategy = enumField<UpdatePlan['strategy']>(at(spec, 'updateStrategy', 'type'), 'spec.updateStrategy.type', ['RollingUpdate', 'OnDelete'], notes);
  const rolling = at(spec, 'updateStrategy', 'rollingUpdate');
  const partition = countField(at(rolling, 'partition'), 'spec.updateStrategy.rollingUpdate.partition', 0, notes);

  const muNode = at(rolling, 'maxUnavailable');
  const maxUnavailable = present(muNode) ? (intValue(muNode) ?? strValue(muNode)) : undefined;
  const batch = batchOf(maxUnavailable, replicas);
  const maxUnavailableHonoured = batch !== undefined && strategy === 'RollingUpdate' && atLeast(v, FEATURE_SINCE.maxUnavailable);
  if (present(muNode) && batch === undefined) {
    notes.push(`spec.updateStrategy.rollingUpdate.maxUnavailable (${shown(muNode)}) is not a positive number or a percentage from 1% to 100%; updates go one pod at a time.`);
  }

  const retentionNode = at(spec, 'persistentVolumeClaimRetentionPolicy');
  let retention: RetentionPolicy = {
    whenDeleted: enumField<RetentionPolicy['whenDeleted']>(at(retentionNode, 'whenDeleted'), 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', ['Retain', 'Delete'], notes),
    whenScaled: enumField<RetentionPolicy['whenScaled']>(at(retentionNode, 'whenScaled'), 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', ['Retain', 'Delete'], notes),
  };
  if ((retention.whenDeleted !== 'Retain' || retention.whenScaled !== 'Retain') && !atLeast(v, FEATURE_SINCE.retentionPolicy)) {
    notes.push(`spec.persistentVolumeClaimRetentionPolicy is ignored by Kubernetes ${settings.versionText} (honoured from ${FEATURE_SINCE.retentionPolicy}); every PVC is retained.`);
    retention = { whenDeleted: 'Retain', whenScaled: 'Retain' };
  }

  const serviceName = strValue(at(spec, 'serviceName')) || undefined;
  const namespace = r.namespace || settings.defaultNamespace;
  return {
    name,
    baseName: name || NO_NAME,
    namespace,
    serviceName,
    clusterDomain: settings.clusterDomain,
    replicas,
    startOrdinal,
    policy,
    templates: claimTemplatesOf(spec, offset),
    strategy,
    partition,
    maxUnavailable,
    updateBatch: maxUnavailableHonoured && batch !== undefined ? batch : 1,
    maxUnavailableHonoured,
    retention,
    podIndexLabel: atLeast(v, FEATURE_SINCE.podIndexLabel),
    notes,
  };
}

// ---- Building the model -------------------------------------------------------------------

/** The name of a StatefulSet's pod: `<set>-<ordinal>`. */
export function podNameOf(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

/** The name of a pod's PVC: `<claim template>-<set>-<ordinal>`. */
export function claimNameOf(template: string, setName: string, ordinal: number): string {
  return `${template}-${podNameOf(setName, ordinal)}`;
}

/** A pod's DNS name under its governing Service: `<pod>.<service>.<namespace>.svc.<cluster domain>`. */
export function podFqdnOf(pod: string, serviceName: string, namespace: string, clusterDomain: string): string {
  return `${pod}.${serviceName}.${namespace}.svc.${clusterDomain}`;
}

function podName(f: Pick<SetFacts, 'baseName'>, ordinal: number): string {
  return podNameOf(f.baseName, ordinal);
}

function pvcsOf(f: Pick<SetFacts, 'baseName' | 'templates'>, ordinal: number): PvcIdentity[] {
  return f.templates.map((t) => ({
    name: claimNameOf(t.name, f.baseName, ordinal),
    template: t.name,
    storage: t.storage,
    accessModes: t.accessModes,
    storageClassName: t.storageClassName,
    volumeMode: t.volumeMode,
  }));
}

interface PodContext {
  readonly baseName: string;
  readonly namespace: string;
  readonly serviceName?: string;
  readonly clusterDomain: string;
  readonly startOrdinal: number;
  readonly templates: readonly ClaimTemplateInfo[];
  readonly strategy: UpdatePlan['strategy'];
  readonly partition: number;
  readonly podIndexLabel: boolean;
}

function podOf(c: PodContext, ordinal: number): PodIdentity {
  const name = podName(c, ordinal);
  const labels: Record<string, string> = { [POD_NAME_LABEL]: name };
  if (c.podIndexLabel) labels[POD_INDEX_LABEL] = String(ordinal);
  return {
    ordinal,
    name,
    hostname: name,
    subdomain: c.serviceName,
    fqdn: c.serviceName ? podFqdnOf(name, c.serviceName, c.namespace, c.clusterDomain) : undefined,
    controllerLabels: labels,
    pvcs: pvcsOf(c, ordinal),
    // The controller compares the pod's index (ordinal - start) with the partition.
    updatedByRollingUpdate: c.strategy === 'RollingUpdate' && ordinal - c.startOrdinal >= c.partition,
  };
}

/** OrderedReady: one step per pod in the given order. Parallel: one step with all of them. */
function stepsOf(names: readonly string[], policy: PodPolicy): PlanStep[] {
  if (names.length === 0) return [];
  return policy === 'Parallel' ? [{ pods: [...names] }] : names.map((n) => ({ pods: [n] }));
}

function chunks(names: readonly string[], size: number): PlanStep[] {
  const out: PlanStep[] = [];
  for (let i = 0; i < names.length; i += size) out.push({ pods: names.slice(i, i + size) });
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `its PVC is`, `its 2 PVCs are`, `their 3 PVCs are`. */
function claimsOf(pods: number, claims: number): string {
  return `${pods === 1 ? 'its' : 'their'} ${claims === 1 ? 'PVC is' : `${claims} PVCs are`}`;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `web-0`, `web-0 and web-1`, `web-0, web-1 and web-2`, or `web-0 … web-9` for longer runs. */
function nameRun(f: Pick<SetFacts, 'baseName'>, fromOrdinal: number, toOrdinal: number): string {
  const step = fromOrdinal <= toOrdinal ? 1 : -1;
  const count = Math.abs(toOrdinal - fromOrdinal) + 1;
  if (count > 3) return `${podName(f, fromOrdinal)} … ${podName(f, toOrdinal)}`;
  const names: string[] = [];
  for (let o = fromOrdinal; o !== toOrdinal + step; o += step) names.push(podName(f, o));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function updatePlanOf(f: SetFacts, pods: readonly PodIdentity[]): UpdatePlan {
  const base = { strategy: f.strategy, partition: f.partition, ...(f.maxUnavailable !== undefined ? { maxUnavailable: f.maxUnavailable } : {}) };
  if (f.strategy === 'OnDelete') {
    return {
      ...base,
      updated: [],
      unchanged: pods.map((p) => p.name),
      steps: [],
      summary: 'OnDelete: changing the pod template replaces no pod by itself; each pod gets the new template only when it is deleted (by you or otherwise) and recreated.',
    };
  }
  const updated = pods.filter((p) => p.updatedByRollingUpdate).map((p) => p.name).reverse();
  const unchanged = pods.filter((p) => !p.updatedByRollingUpdate).map((p) => p.name);
  const steps = chunks(updated, f.updateBatch);
  const last = f.startOrdinal + f.replicas - 1;
  const updatedCount = Math.max(0, f.replicas - f.partition);
  let summary: string;
  if (f.replicas === 0) {
    summary = 'No pods, so a template change has nothing to replace.';
  } else if (updatedCount === 0) {
    summary = `partition ${f.partition} is not below replicas ${f.replicas}: a template change replaces no pod (the rollout is held until the partition is lowered).`;
  } else {
    const pace = f.updateBatch > 1 ? `up to ${f.updateBatch} at a time (maxUnavailable)` : 'one at a time, each after the one before is Running and Ready';
    summary = updatedCount === 1
      ? `A template change replaces ${podName(f, last)}.`
      : `A template change replaces ${plural(updatedCount, 'pod')} (${nameRun(f, last, f.startOrdinal + f.partition)}), highest ordinal first, ${pace}.`;
    if (f.partition > 0) summary += ` ${nameRun(f, f.startOrdinal, f.startOrdinal + Math.min(f.partition, f.replicas) - 1)} ${f.partition === 1 ? 'stays' : 'stay'} on the old template (partition ${f.partition}).`;
  }
  if (f.maxUnavailable !== undefined && !f.maxUnavailableHonoured && f.strategy === 'RollingUpdate' && batchOf(f.maxUnavailable, f.replicas) !== undefined) {
    summary += ` maxUnavailable is honoured from Kubernetes ${FEATURE_SINCE.maxUnavailable} (or with the MaxUnavailableStatefulSet feature gate); without it pods are replaced one at a time.`;
  }
  return { ...base, updated, unchanged, steps, summary };
}

function deletionPlanOf(f: SetFacts, pods: readonly PodIdentity[]): DeletionPlan {
  const claims = pods.flatMap((p) => p.pvcs.map((c) => c.name));
  const deleteClaims = f.retention.whenDeleted === 'Delete';
  const claimCount = f.replicas * f.templates.length;
  let summary: string;
  if (f.templates.length === 0) {
    summary = 'Deleting the StatefulSet deletes its pods; it has no volumeClaimTemplates, so no PVCs are involved.';
  } else if (f.replicas === 0) {
    summary = `Deleting the StatefulSet deletes no pod (replicas: 0); PVCs left by earlier pods are not covered here (whenDeleted: ${f.retention.whenDeleted}).`;
  } else if (deleteClaims) {
    summary = `Deleting the StatefulSet deletes its pods, and ${claimsOf(f.replicas, claimCount)} deleted too (whenDeleted: Delete); whether the data survives depends on the volumes' reclaim policy.`;
  } else {
    summary = `Deleting the StatefulSet deletes its pods, but ${claimsOf(f.replicas, claimCount)} kept (whenDeleted: Retain); delete ${claimCount === 1 ? 'it' : 'them'} yourself once the data is no longer needed.`;
  }
  if (f.replicas > 1) summary += ' Pods are not stopped in order on deletion: scale to 0 first for an ordered shutdown.';
  return { kept: deleteClaims ? [] : claims, deleted: deleteClaims ? claims : [], summary };
}

/** The identity model of one recognised StatefulSet; `offset` is its chunk's place in the file. */
export function identityOf(resource: Resource, offset: number, settings: ResolvedSettings, index: number, maxPods = MAX_LISTED_PODS): StatefulSetIdentity {
  const f = factsOf(resource, offset, settings);
  const cap = Math.max(0, Math.min(maxPods, MAX_LISTED_PODS));
  const listed = Math.min(f.replicas, cap);
  const truncated = listed < f.replicas;
  if (truncated) {
    f.notes.push(listed < Math.min(f.replicas, MAX_LISTED_PODS)
      ? `Only the first ${listed} of ${f.replicas} pods are listed: one answer lists at most ${MAX_ANSWER_PODS} pods for all the file's StatefulSets; preview this StatefulSet alone to list up to ${MAX_LISTED_PODS}.`
      : `Only the first ${MAX_LISTED_PODS} of ${f.replicas} pods are listed.`);
  }
  const pods: PodIdentity[] = [];
  for (let i = 0; i < listed; i++) pods.push(podOf(f, f.startOrdinal + i));
  const names = pods.map((p) => p.name);
  const namePair = pairOf(pairOf(resource.root, 'metadata')?.value, 'name');
  const abs = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  return {
    name: f.name,
    namespace: f.namespace,
    serviceName: f.serviceName,
    clusterDomain: f.clusterDomain,
    kubernetesVersion: settings.versionText,
    replicas: f.replicas,
    startOrdinal: f.startOrdinal,
    podManagementPolicy: f.policy,
    claimTemplates: f.templates,
    pods,
    truncated,
    creationOrder: stepsOf(names, f.policy),
    terminationOrder: stepsOf([...names].reverse(), f.policy),
    update: updatePlanOf(f, pods),
    retention: f.retention,
    deletion: deletionPlanOf(f, pods),
    notes: f.notes,
    span: abs(resource.root.span),
    nameSpan: namePair?.value ? abs(namePair.value.span) : undefined,
    index,
  };
}

/**
 * What names a StatefulSet known only by its index summary generates, with the defaults
 * `identityOf` applies: replicas 1 when absent or not a valid count, ordinals from 0 when
 * `ordinals.start` is absent, bad or not honoured by the release in `settings`.
 */
export interface NamedSet {
  readonly name: string;
  readonly namespace: string;
  /** Whether the namespace is written in the StatefulSet (else it is wherever the file is applied). */
  readonly namespaceWritten: boolean;
  readonly serviceName?: string;
  readonly replicas: number;
  readonly startOrdinal: number;
  readonly claimTemplates: readonly string[];
}

export function namedSetOf(s: ResourceSummary, settings: ResolvedSettings): NamedSet {
  const count = (v: number | undefined, fallback: number): number => (v !== undefined && v >= 0 && v <= INT32_MAX ? v : fallback);
  return {
    name: s.name,
    namespace: s.namespace || settings.defaultNamespace,
    namespaceWritten: !!s.namespace,
    serviceName: s.serviceName || undefined,
    replicas: count(s.replicas, 1),
    startOrdinal: atLeast(settings.version, FEATURE_SINCE.startOrdinal) ? count(s.startOrdinal, 0) : 0,
    claimTemplates: s.claimTemplates ?? [],
  };
}

/** The served (apps/v1) StatefulSets of an analysis, in file order. */
function statefulSetResources(analysis: Analysis): PlacedResource[] {
  return analysis.resources.filter((p) => p.resource.kind === 'StatefulSet' && p.resource.served);
}

/** Every apps/v1 StatefulSet in the file, in order (also inside `kind: List`), absolute spans. */
export function identitiesOf(analysis: Analysis): StatefulSetIdentity[] {
  return statefulSetResources(analysis).map((p, i) => identityOf(p.resource, p.offset, analysis.settings, i));
}

/** What scaling a StatefulSet from its current replicas to `toReplicas` does. */
export function scalePlan(identity: StatefulSetIdentity, toReplicas: number): ScalePlan {
  const from = identity.replicas;
  const to = Number.isInteger(toReplicas) && toReplicas >= 0 ? Math.min(toReplicas, INT32_MAX) : from;
  const start = identity.startOrdinal;
  const f = { baseName: identity.name || NO_NAME, templates: identity.claimTemplates };
  const ctx: PodContext = {
    ...f,
    namespace: identity.namespace,
    serviceName: identity.serviceName,
    clusterDomain: identity.clusterDomain,
    startOrdinal: start,
    strategy: identity.update.strategy,
    partition: identity.update.partition,
    podIndexLabel: atLeast(parseKubeVersion(identity.kubernetesVersion) ?? LATEST_VERSION, FEATURE_SINCE.podIndexLabel),
  };
  const createdCount = Math.max(0, to - from);
  const removedCount = Math.max(0, from - to);
  const created: PodIdentity[] = [];
  for (let i = 0; i < Math.min(createdCount, MAX_LISTED_PODS); i++) created.push(podOf(ctx, start + from + i));
  const whenScaled = identity.retention.whenScaled;
  const removed: RemovedPod[] = [];
  for (let i = 0; i < Math.min(removedCount, MAX_LISTED_PODS); i++) {
    const ordinal = start + from - 1 - i;
    removed.push({ pod: podName(f, ordinal), ordinal, pvcs: pvcsOf(f, ordinal).map((c) => ({ name: c.name, action: whenScaled === 'Delete' ? 'deleted' : 'kept' })) });
  }
  const policy = identity.podManagementPolicy;
  const truncated = created.length < createdCount || removed.length < removedCount;

  let summary: string;
  const claims = identity.claimTemplates.length;
  if (to === from) {
    summary = `Already at ${plural(from, 'replica')}: nothing changes.`;
  } else if (to > from) {
    const pace = createdCount === 1 ? '' : policy === 'Parallel' ? ', all at once (Parallel)' : ', one at a time in ascending order, each after the one before is Running and Ready';
    summary = `Scaling from ${from} to ${to} creates ${plural(createdCount, 'pod')} (${nameRun(f, start + from, start + to - 1)})${pace}.`;
    if (claims > 0) summary += ` Each new pod gets ${plural(claims, 'PVC')}; a PVC kept from an earlier scale-down (whenScaled: Retain) is reattached with its data instead of created.`;
  } else {
    const pace = removedCount === 1 ? '' : policy === 'Parallel' ? ', all at once (Parallel)' : ', highest ordinal first, one at a time';
    summary = `Scaling from ${from} to ${to} removes ${plural(removedCount, 'pod')} (${nameRun(f, start + from - 1, start + to)})${pace}.`;
    if (claims > 0) {
      const subject = capitalized(claimsOf(removedCount, removedCount * claims));
      summary += whenScaled === 'Delete'
        ? ` ${subject} deleted (whenScaled: Delete); the data goes unless the volumes' reclaim policy keeps it.`
        : ` ${subject} kept (whenScaled: Retain) and reattached if you scale up again.`;
    }
  }
  if (truncated) summary += ` Only the first ${MAX_LISTED_PODS} pods are listed.`;
  return {
    from,
    to,
    created,
    createdSteps: stepsOf(created.map((p) => p.name), policy),
    removed,
    removedSteps: stepsOf(removed.map((r) => r.pod), policy),
    createdCount,
    removedCount,
    truncated,
    summary,
  };
}

/** A StatefulSet of a file by name, without its pods: what a picker or a status bar shows. */
export interface StatefulSetChoice {
  /** Its position among the file's StatefulSets (`StatefulSetIdentity.index`). */
  readonly index: number;
  readonly name: string;
  readonly replicas: number;
  /** Absolute span of the object. */
  readonly span: Span;
}

/** A set's replicas by its parse, kept by a caller across analyses (a reused chunk keeps its parse). */
export type ReplicasMemo = WeakMap<Resource, number>;

/** Every StatefulSet of the file by name and replicas, without working out its identities. */
export function statefulSetChoices(analysis: Analysis, memo: ReplicasMemo = new WeakMap()): StatefulSetChoice[] {
  return statefulSetResources(analysis).map((p, index) => {
    let replicas = memo.get(p.resource);
    if (replicas === undefined) {
      replicas = countField(at(pairOf(p.resource.root, 'spec')?.value, 'replicas'), 'spec.replicas', 1, []);
      memo.set(p.resource, replicas);
    }
    return { index, name: p.resource.name ?? '', replicas, span: { start: p.resource.root.span.start + p.offset, end: p.resource.root.span.end + p.offset } };
  });
}

/** Names a summary lists; the rest are counted. */
export const MAX_SUMMARY_NAMES = 5;

/** Counts and the first few names: what a status bar shows. */
export function identitiesSummary(analysis: Analysis, memo?: ReplicasMemo): { statefulSets: number; pods: number; first: { name: string; replicas: number }[] } {
  const choices = statefulSetChoices(analysis, memo);
  return {
    statefulSets: choices.length,
    pods: choices.reduce((n, c) => n + c.replicas, 0),
    first: choices.slice(0, MAX_SUMMARY_NAMES).map((c) => ({ name: c.name, replicas: c.replicas })),
  };
}

export interface PreviewOptions {
  /** Only these StatefulSets (`StatefulSetIdentity.index`), in this order; default: all of them. */
  readonly only?: readonly number[];
  /** Pods listed in all (MAX_ANSWER_PODS for an answer); default: MAX_LISTED_PODS per set, no total. */
  readonly maxPods?: number;
  /** The line and character of an offset, from whoever holds the text; default: a line index of `analysis.text`. */
  readonly positionAt?: (offset: number) => LineCol;
}

/**
 * The preview's view of a file: each StatefulSet's identities, its governing Service looked up in
 * `index` (which analyze() has updated with this file), and the findings inside its object.
 */
export function previewEntries(analysis: Analysis, index: WorkspaceIndex, options: PreviewOptions = {}): PreviewEntry[] {
  const sets = statefulSetResources(analysis);
  const chosen = options.only ? options.only.filter((i) => Number.isInteger(i) && i >= 0 && i < sets.length) : sets.map((_, i) => i);
  let lines: LineIndex | undefined;
  const positionAt = options.positionAt ?? ((offset: number) => (lines ??= new LineIndex(analysis.text)).positionAt(offset));
  let budget = options.maxPods ?? Infinity;
  return chosen.map((i) => {
    const p = sets[i];
    const identity = identityOf(p.resource, p.offset, analysis.settings, i, Math.min(budget, MAX_LISTED_PODS));
    budget -= identity.pods.length;
    // A List item owns only its own subtree; a top-level object owns its whole document.
    const scope = p.resource.listItem === undefined ? p.placed.doc.span : p.resource.root.span;
    const from = scope.start + p.offset;
    const to = Math.max(scope.end + p.offset, from + 1);
    const findings: PreviewEntry['findings'][number][] = [];
    for (let k = firstAtOrAfter(analysis.findings, from); k < analysis.findings.length && analysis.findings[k].span.start < to; k++) {
      const f = analysis.findings[k];
      findings.push({ ...f, ...positionAt(f.span.start) });
    }
    return { identity, service: serviceOf(identity, analysis, index), findings };
  });
}

/** The first finding starting at or after `offset` (findings are sorted by start). */
function firstAtOrAfter(findings: readonly Finding[], offset: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (findings[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function serviceOf(identity: StatefulSetIdentity, analysis: Analysis, index: WorkspaceIndex): PreviewEntry['service'] {
  const name = identity.serviceName;
  if (!name) return undefined;
  const candidates = inNamespace(index.find('Service', name), identity.namespace, analysis.settings.defaultNamespace);
  const found = candidates.find((s) => s.clusterIP === 'None') ?? candidates[0];
  if (!found) return { name, found: false };
  return { name, found: true, headless: found.clusterIP === 'None', uri: found.uri };
}
