/**
 * Custom requests and notifications between the VS Code client and the language server, typed in
 * one place. Other LSP clients can use them too; nothing here is VS Code specific.
 */
import type { PreviewEntry } from './core/identityModel';

/** `statefulset/identities`: the identity model of every StatefulSet in a document. */
export const IdentitiesRequestMethod = 'statefulset/identities';

export interface IdentitiesParams {
  readonly textDocument: { readonly uri: string };
  /** Restrict to the StatefulSet at this position (0-based), when given. */
  readonly position?: { readonly line: number; readonly character: number };
}

export interface IdentitiesResult {
  readonly uri: string;
  /** The document version the model was computed from. */
  readonly version: number;
  readonly statefulSets: readonly PreviewEntry[];
  /** The settings that applied (namespace and cluster domain shape the names). */
  readonly defaultNamespace: string;
  readonly clusterDomain: string;
  /** Set when the document is a kustomization: the model is of what its overlay builds (named relative to the workspace folder). */
  readonly overlay?: { readonly label: string };
}

/** `statefulset/identitiesChanged` (server -> client): a document's model changed; the preview re-asks. */
export const IdentitiesChangedNotificationMethod = 'statefulset/identitiesChanged';

export interface IdentitiesChangedParams {
  readonly uri: string;
  readonly version: number;
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
