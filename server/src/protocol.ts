/**
 * Custom requests and notifications between the VS Code client and the language server, typed in
 * one place. Other LSP clients can use them too; nothing here is VS Code specific.
 */
import type { StatefulSetChoice } from './core/identities';
import type { PreviewEntry } from './core/identityModel';

/** `statefulset/identities`: the identity model of every StatefulSet in a document. */
export const IdentitiesRequestMethod = 'statefulset/identities';

export interface IdentitiesParams {
  readonly textDocument: { readonly uri: string };
  /** Restrict to the StatefulSet at this position (0-based), when given. */
  readonly position?: { readonly line: number; readonly character: number };
  /**
   * Only this StatefulSet (its `identity.index`), or the one named `name` if the set at that index
   * has another name (sets above it were added or removed). The answer then also holds `choices`.
   */
  readonly statefulSet?: { readonly index: number; readonly name?: string };
}

export interface IdentitiesResult {
  readonly uri: string;
  /** The document version the model was computed from. */
  readonly version: number;
  readonly statefulSets: readonly PreviewEntry[];
  /** The settings that applied (namespace and cluster domain shape the names). */
  readonly defaultNamespace: string;
  readonly clusterDomain: string;
  /**
   * Every StatefulSet of the document by name, without its pods: sent when `statefulSet` was asked
   * for, so a picker can offer the others, and when a whole-file answer holds only the first
   * MAX_ANSWER_STATEFULSETS sets.
   */
  readonly choices?: readonly StatefulSetChoice[];
  /**
   * Pods listed in the answer in all (MAX_ANSWER_PODS); a set listed short says so in its notes.
   * A server without this field caps only per set.
   */
  readonly maxPods?: number;
  /** Set when the document is a kustomization: the model is of what its overlay builds (named relative to the workspace folder). */
  readonly overlay?: { readonly label: string };
}

/** What a status bar shows: counts and the first few names, never the pods. */
export interface IdentitiesSummary {
  readonly statefulSets: number;
  /** The sum of the sets' replicas. */
  readonly pods: number;
  /** The first MAX_SUMMARY_NAMES sets. */
  readonly first: readonly { readonly name: string; readonly replicas: number }[];
}

/** `statefulset/identitiesSummary`: the summary of a document, for the status bar. */
export const IdentitiesSummaryRequestMethod = 'statefulset/identitiesSummary';

export interface IdentitiesSummaryParams {
  readonly textDocument: { readonly uri: string };
}

export interface IdentitiesSummaryResult extends IdentitiesSummary {
  readonly uri: string;
  readonly version: number;
}

/** `statefulset/identitiesChanged` (server -> client): a document's model changed; the preview re-asks. */
export const IdentitiesChangedNotificationMethod = 'statefulset/identitiesChanged';

export interface IdentitiesChangedParams {
  readonly uri: string;
  readonly version: number;
  /** The document's summary after the change, so a status bar need not ask. */
  readonly summary?: IdentitiesSummary;
}

/**
 * A client command that opens a text in a new, untitled editor: `arguments: [text: string]`. A
 * client that has it lists it in `initializationOptions.clientCommands`; the server then offers
 * the migration plan of a forbidden update (rule `update-forbidden`) as a code action running it,
 * beside the code action that inserts the plan as a comment (which every client can apply).
 */
export const OpenMigrationPlanCommand = 'statefulset.openMigrationPlan';

export interface InitializationOptions {
  /** Commands the client runs itself (see OpenMigrationPlanCommand). */
  readonly clientCommands?: readonly string[];
}
