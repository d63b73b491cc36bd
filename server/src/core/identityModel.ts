/**
 * The identity model: what the StatefulSet controller would create for one StatefulSet, as plain
 * serialisable data. Made by identities.ts (`identitiesOf`, `scalePlan`), shown by the CLI's
 * `preview`, the language server's hovers and inlay hints, and the webview preview (which gets it
 * through the `statefulset/identities` request, see ../protocol.ts).
 */
import type { BaseDiff } from './baseDiff';
import type { Finding, Span } from './types';

export interface ClaimTemplateInfo {
  readonly name: string;
  /** `spec.resources.requests.storage` as written, e.g. `10Gi`. */
  readonly storage?: string;
  /** The same, for people: `10 GiB`. */
  readonly storageText?: string;
  readonly accessModes: readonly string[];
  /** Undefined: the cluster's default StorageClass. Empty string: no class (static binding). */
  readonly storageClassName?: string;
  readonly volumeMode: 'Filesystem' | 'Block' | string;
  /** Absolute span of the template's `metadata.name` value. */
  readonly nameSpan?: Span;
}

export interface PvcIdentity {
  /** `<template>-<statefulset>-<ordinal>` */
  readonly name: string;
  readonly template: string;
  readonly storage?: string;
  readonly accessModes: readonly string[];
  readonly storageClassName?: string;
  readonly volumeMode: string;
}

export interface PodIdentity {
  readonly ordinal: number;
  /** `<statefulset>-<ordinal>` */
  readonly name: string;
  readonly hostname: string;
  /** The governing Service name (the pod's subdomain), when serviceName is set. */
  readonly subdomain?: string;
  /** `<pod>.<service>.<namespace>.svc.<clusterDomain>`; undefined without serviceName. */
  readonly fqdn?: string;
  /** Labels the controller adds: statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index. */
  readonly controllerLabels: Readonly<Record<string, string>>;
  readonly pvcs: readonly PvcIdentity[];
  /** True when a RollingUpdate with the current partition replaces this pod. */
  readonly updatedByRollingUpdate: boolean;
}

/** One step of an ordered plan: the pods acted on together. */
export interface PlanStep {
  readonly pods: readonly string[];
}

export interface UpdatePlan {
  readonly strategy: 'RollingUpdate' | 'OnDelete';
  readonly partition: number;
  /** `spec.updateStrategy.rollingUpdate.maxUnavailable` as written, if set. */
  readonly maxUnavailable?: number | string;
  /** Pods replaced by a rollout, in the order the controller replaces them (highest ordinal first). */
  readonly updated: readonly string[];
  /** `updated` in the batches the controller replaces together: one pod each, or maxUnavailable pods when honoured. */
  readonly steps: readonly PlanStep[];
  /** Pods a rollout leaves on the old revision (below the partition). */
  readonly unchanged: readonly string[];
  /** One sentence a person can read. */
  readonly summary: string;
}

export interface RetentionPolicy {
  readonly whenDeleted: 'Retain' | 'Delete';
  readonly whenScaled: 'Retain' | 'Delete';
}

export interface DeletionPlan {
  /** PVCs that outlive the StatefulSet's deletion. */
  readonly kept: readonly string[];
  /** PVCs deleted with it (whenDeleted: Delete). */
  readonly deleted: readonly string[];
  readonly summary: string;
}

export interface StatefulSetIdentity {
  readonly name: string;
  readonly namespace: string;
  readonly serviceName?: string;
  readonly clusterDomain: string;
  /** The Kubernetes release the model is for (`1.35`): it decides which fields are honoured. */
  readonly kubernetesVersion: string;
  /** `spec.replicas`, 1 when absent (or not a valid count): the number of pods, even when `pods` is cut short. */
  readonly replicas: number;
  readonly startOrdinal: number;
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  readonly claimTemplates: readonly ClaimTemplateInfo[];
  /** At most MAX_LISTED_PODS (identities.ts) pods; `truncated` says when there are more. */
  readonly pods: readonly PodIdentity[];
  readonly truncated: boolean;
  /** OrderedReady: one pod per step, ascending. Parallel: one step with every pod. */
  readonly creationOrder: readonly PlanStep[];
  /** OrderedReady: one pod per step, descending. Parallel: one step with every pod. */
  readonly terminationOrder: readonly PlanStep[];
  readonly update: UpdatePlan;
  readonly retention: RetentionPolicy;
  readonly deletion: DeletionPlan;
  /** Values we could not use (shown with their defaults), fields this release ignores, truncation. */
  readonly notes: readonly string[];
  /** Absolute spans in the file, for links from the preview. */
  readonly span: Span;
  readonly nameSpan?: Span;
  /** Index among the file's StatefulSets. */
  readonly index: number;
}

export interface RemovedPod {
  readonly pod: string;
  readonly ordinal: number;
  /** What happens to each of its PVCs under whenScaled. */
  readonly pvcs: readonly { readonly name: string; readonly action: 'kept' | 'deleted' }[];
}

export interface ScalePlan {
  readonly from: number;
  readonly to: number;
  /** Pods created, ascending, with their PVCs (a PVC kept from an earlier scale-down is reattached, not created). */
  readonly created: readonly PodIdentity[];
  /** OrderedReady: one pod per step. Parallel: one step. */
  readonly createdSteps: readonly PlanStep[];
  /** Pods removed, highest ordinal first. */
  readonly removed: readonly RemovedPod[];
  readonly removedSteps: readonly PlanStep[];
  /** How many pods are created or removed; the lists stop at MAX_LISTED_PODS (`truncated`). */
  readonly createdCount: number;
  readonly removedCount: number;
  readonly truncated: boolean;
  readonly summary: string;
}

/** A place in some file that uses a name of the StatefulSet (core/references.ts). */
export interface PreviewReference {
  readonly uri: string;
  /** Absolute span in that file, with its 0-based line and character for links. */
  readonly span: Span;
  readonly line: number;
  readonly character: number;
  /** As written: `mysql-2.mysql.default.svc.cluster.local`, `data-mysql-1`, `nats-{0...2}.nats`. */
  readonly text: string;
  /** Where it is used, for people: `ConfigMap data`, `args`, `a VolumeSnapshot source`. */
  readonly context: string;
  readonly target: 'pod' | 'pvc';
  /** The pods (or PVCs) it names, one per ordinal (at most a few listed for a long range). */
  readonly names: readonly string[];
  readonly from: number;
  readonly to: number;
  /** Whether everything it names exists at the current replicas. */
  readonly exists: boolean;
}

/** What the preview shows for one StatefulSet: identities plus context from the workspace. */
export interface PreviewEntry {
  readonly identity: StatefulSetIdentity;
  /** The governing Service, resolved through the workspace index. */
  readonly service?: { readonly name: string; readonly found: boolean; readonly headless?: boolean; readonly uri?: string };
  /** Findings inside this StatefulSet's document, absolute spans, with 0-based lines for links. */
  readonly findings: readonly (Finding & { readonly line: number; readonly character: number })[];
  /** What applying it over the deployed version does (only with a base that has this StatefulSet). */
  readonly base?: BaseDiff;
  /** The references to its pods and PVCs in the files the caller looked at (see references.ts withReferences). */
  readonly references?: readonly PreviewReference[];
}
