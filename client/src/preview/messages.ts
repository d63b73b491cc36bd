/**
 * The messages between the preview panel (extension host) and its webview, and the checks on
 * them. Pure: imported by panel.ts and by the webview bundle, unit-tested in test/webview.
 *
 * A webview is a web page; whatever it posts is treated as untrusted input. Anything that is not
 * exactly one of the shapes below is dropped by the receiver.
 */
import type { PreviewEntry } from '../../../server/src/core/identityModel';
import type { IdentitiesResult } from '../../../server/src/protocol';

/** Host -> webview: the model of the file, and which StatefulSet the panel shows. */
export interface ModelMessage {
  readonly type: 'model';
  readonly uri: string;
  /** The file's base name, for the header. */
  readonly fileName: string;
  readonly version: number;
  readonly entries: readonly PreviewEntry[];
  /** The position in `entries` of the StatefulSet the panel shows. */
  readonly selected: number;
  readonly defaultNamespace: string;
  readonly clusterDomain: string;
  /** Every StatefulSet of the file, for the picker, when `entries` holds only the one shown. */
  readonly choices?: readonly Choice[];
}

/** A StatefulSet the picker offers. */
export interface Choice {
  readonly index: number;
  readonly name: string;
  readonly replicas: number;
}

/** The model message for the StatefulSet at `selected` (a position in `result.statefulSets`). */
export function modelMessage(result: IdentitiesResult, fileName: string, selected: number): ModelMessage {
  return {
    type: 'model',
    uri: result.uri,
    fileName,
    version: result.version,
    entries: result.statefulSets,
    selected,
    defaultNamespace: result.defaultNamespace,
    clusterDomain: result.clusterDomain,
    ...(result.choices ? { choices: result.choices.map((c) => ({ index: c.index, name: c.name, replicas: c.replicas })) } : {}),
  };
}

/** Host -> webview: nothing to draw, and why (no StatefulSet left, server not running...). */
export interface StatusMessage {
  readonly type: 'status';
  readonly text: string;
}

export type ToWebview = ModelMessage | StatusMessage;

/** Webview -> host. */
export type FromWebview =
  | { readonly type: 'ready' }
  /** Show this absolute UTF-16 range of the document in the editor. */
  | { readonly type: 'reveal'; readonly start: number; readonly end: number }
  /** Show another StatefulSet of the same file (its `identity.index`). */
  | { readonly type: 'select'; readonly index: number }
  /** The webview's own clipboard write failed; the host writes the text instead. */
  | { readonly type: 'copy'; readonly text: string };

/** What the webview keeps with `vscode.setState`, and the panel serializer gets back after a restart. */
export interface PreviewState {
  readonly uri: string;
  readonly index: number;
  readonly name?: string;
  /** The replicas the user is previewing a scale to, if any. */
  readonly replicas?: number;
}

/** Offsets beyond this are not from a document an editor could hold. */
const MAX_OFFSET = 2 ** 31 - 1;
/** Far more than any preview shows; bounds what the host allocates for a copy. */
const MAX_COPY_LENGTH = 4096;
export const MAX_REPLICAS = 10_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function hasOnlyKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

/** A message from the webview, or undefined when it is not one we accept. */
export function parseWebviewMessage(data: unknown): FromWebview | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'ready':
      return hasOnlyKeys(data, ['type']) ? { type: 'ready' } : undefined;
    case 'reveal': {
      const { start, end } = data;
      if (!hasOnlyKeys(data, ['type', 'start', 'end'])) return undefined;
      if (!isIndex(start, MAX_OFFSET) || !isIndex(end, MAX_OFFSET) || end < start) return undefined;
      return { type: 'reveal', start, end };
    }
    case 'select':
      return hasOnlyKeys(data, ['type', 'index']) && isIndex(data.index, MAX_REPLICAS) ? { type: 'select', index: data.index } : undefined;
    case 'copy': {
      const text = data.text;
      if (!hasOnlyKeys(data, ['type', 'text']) || typeof text !== 'string') return undefined;
      return text.length > 0 && text.length <= MAX_COPY_LENGTH ? { type: 'copy', text } : undefined;
    }
    default:
      return undefined;
  }
}

/** Saved webview state, or undefined when it is missing or not ours (an older or damaged save). */
export function parsePreviewState(data: unknown): PreviewState | undefined {
  if (!isRecord(data)) return undefined;
  const { uri, index, name, replicas } = data;
  if (typeof uri !== 'string' || uri === '' || !isIndex(index, MAX_REPLICAS)) return undefined;
  return {
    uri,
    index,
    ...(typeof name === 'string' ? { name } : {}),
    ...(isIndex(replicas, MAX_REPLICAS) ? { replicas } : {}),
  };
}

/**
 * A message from the host. The host is trusted, but a model from an older or newer server may
 * lack fields: the webview draws only what passes this check.
 */
export function parseHostMessage(data: unknown): ToWebview | undefined {
  if (!isRecord(data)) return undefined;
  if (data.type === 'status') return typeof data.text === 'string' ? { type: 'status', text: data.text } : undefined;
  if (data.type !== 'model') return undefined;
  const { uri, fileName, version, entries, selected, defaultNamespace, clusterDomain, choices } = data;
  if (typeof uri !== 'string' || typeof fileName !== 'string' || typeof version !== 'number') return undefined;
  if (typeof defaultNamespace !== 'string' || typeof clusterDomain !== 'string') return undefined;
  if (!Array.isArray(entries) || !entries.every(isPreviewEntry)) return undefined;
  if (!isIndex(selected, Math.max(0, entries.length - 1))) return undefined;
  const picked = Array.isArray(choices) && choices.every(isChoice) ? { choices: choices as Choice[] } : {};
  return { type: 'model', uri, fileName, version, entries: entries as PreviewEntry[], selected, defaultNamespace, clusterDomain, ...picked };
}

function isChoice(c: unknown): boolean {
  return isRecord(c) && isIndex(c.index, MAX_OFFSET) && typeof c.name === 'string' && typeof c.replicas === 'number';
}

function isPreviewEntry(e: unknown): boolean {
  if (!isRecord(e) || !isRecord(e.identity) || !Array.isArray(e.findings)) return false;
  const id = e.identity;
  return typeof id.name === 'string' && typeof id.replicas === 'number' && Array.isArray(id.pods) && isRecord(id.update) && isRecord(id.retention) && (e.base === undefined || isBaseDiff(e.base));
}

const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The difference to the base (PreviewEntry.base): the lists the preview draws. */
function isBaseDiff(b: unknown): boolean {
  if (!isRecord(b) || !isRecord(b.pods) || !isRecord(b.pvcs) || typeof b.ref !== 'string' || typeof b.source !== 'string' || typeof b.summary !== 'string') return false;
  const { pods, pvcs } = b;
  const pairs = (v: unknown, keys: readonly string[]) => Array.isArray(v) && v.every((x) => isRecord(x) && keys.every((k) => typeof x[k] === 'string'));
  return isStrings(pods.added) && isStrings(pods.removed) && isStrings(pods.kept) && pairs(pods.renamed, ['from', 'to']) && isStrings(pvcs.created) && isStrings(pvcs.kept) && isStrings(pvcs.deleted) && isStrings(pvcs.unused) && pairs(pvcs.resized, ['name', 'from', 'to']);
}
