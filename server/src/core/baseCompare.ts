/**
 * An edit compared with what is deployed: the same objects in a base (a git commit, or anything
 * else that gives texts). Pure: the base arrives as parsed objects; reading a repository is the
 * callers' business (server/src/base/).
 *
 * The comparison is the API server's (pkg/apis/apps/validation ValidateStatefulSetUpdate): the
 * new spec with its mutable fields set back to the old values must be semantically equal to the
 * old spec (apimachinery's `equality.Semantic.DeepEqual`). So quantities compare as quantities,
 * nil and empty lists and maps are equal, list order counts, key order and YAML style do not, and
 * both sides are defaulted first (DEFAULTS below).
 */
import { parseChunk, splitChunks, type Resource, type ResourceKind } from './parse';
import { parseQuantity } from './quantity';
import { atLeast, type KubeVersion } from './settings';
import type { Span } from './types';
import { TYPES } from './schema/data';
import { asMap, asSeq, at, pairOf, strValue, type YMap, type YNode, type YSeq } from './yamlTree';

/** An object with where it came from: the building block of both sides of a comparison. */
export interface SourcedResource {
  readonly resource: Resource;
  /** The offset of the object's chunk in its file: a span of the resource plus it is absolute. */
  readonly offset: number;
  /** Where it lives: a URI for the current side, a repository path for a git base. */
  readonly source: string;
}

/**
 * The other side of a comparison: the objects of a base, found by kind, namespace and name
 * wherever they are (an object moved to another file is still found).
 */
export interface BaseSet {
  /** The base as the user named it (`HEAD`, `origin/main`): messages say "was 10Gi at HEAD". */
  readonly ref: string;
  readonly objects: readonly SourcedResource[];
  /** The object of that kind, namespace (resolved: never undefined) and name, if the base has one. */
  find(kind: ResourceKind, namespace: string, name: string): SourcedResource | undefined;
  /**
   * The current file (URI) a base source stands for, and whether it is gone from the working
   * tree: a Service missing from the index counts as removed only when its file was checked too,
   * or no longer exists.
   */
  readonly files?: ReadonlyMap<string, { readonly uri: string; readonly deleted: boolean }>;
}

/**
 * A base of `objects`. `defaultNamespace` resolves objects that name none (the same setting the
 * current side uses). Of two objects with one key (a mistake in the repository), the first in
 * path order is taken.
 */
export function baseSetOf(ref: string, objects: readonly SourcedResource[], defaultNamespace: string, files?: BaseSet['files']): BaseSet {
  const byKey = new Map<string, SourcedResource>();
  for (const o of objects) {
    const r = o.resource;
    if (r.name === undefined) continue;
    const key = objectKey(r.kind, r.namespace ?? defaultNamespace, r.name);
    if (!byKey.has(key)) byKey.set(key, o);
  }
  return { ref, objects, files, find: (kind, namespace, name) => byKey.get(objectKey(kind, namespace, name)) };
}

function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The recognised objects of one file's text (a base file read from git). */
export function objectsOfText(source: string, text: string): SourcedResource[] {
  const out: SourcedResource[] = [];
  for (const chunk of splitChunks(text)) {
    for (const doc of parseChunk(chunk.text)) {
      if (doc.errors.length > 0) continue;
      for (const resource of doc.resources) out.push({ resource, offset: chunk.start, source });
    }
  }
  return out;
}

// ---- What may change, per release ----------------------------------------------------------------

/**
 * The StatefulSet spec fields an update may change, with the first release whose API server lets
 * it change. From ValidateStatefulSetUpdate in kubernetes/kubernetes, release by release:
 * replicas, template and updateStrategy since StatefulSet updates exist (1.7); minReadySeconds
 * from 1.22 (with the field); persistentVolumeClaimRetentionPolicy from 1.23 (with the field);
 * ordinals from 1.26 (with the field); revisionHistoryLimit from 1.33 (still forbidden in 1.31
 * and 1.32, kubernetes/kubernetes#130263; the first release after that report is taken, so no
 * release that allows it is given an error). A field newer than the release is not in that API
 * server's types at all: it is dropped on decoding and cannot make an update fail.
 */
export const MUTABLE_SINCE: Readonly<Record<string, string>> = {
  replicas: '1.7',
  template: '1.7',
  updateStrategy: '1.7',
  minReadySeconds: '1.22',
  persistentVolumeClaimRetentionPolicy: '1.23',
  ordinals: '1.26',
  revisionHistoryLimit: '1.33',
};

/** The mutable spec fields of a release. */
export function mutableFields(v: KubeVersion): string[] {
  return Object.keys(MUTABLE_SINCE).filter((f) => atLeast(v, MUTABLE_SINCE[f]));
}

/** The API server's own words for a forbidden update, as each release phrases it. */
export function forbiddenMessage(v: KubeVersion): string {
  let fields: string;
  if (atLeast(v, '1.33')) fields = "'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'";
  else if (atLeast(v, '1.26')) fields = "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'";
  else if (atLeast(v, '1.23')) fields = "'replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'";
  else if (atLeast(v, '1.22')) fields = "'replicas', 'template', 'updateStrategy' and 'minReadySeconds'";
  else fields = "'replicas', 'template', and 'updateStrategy'";
  return `spec: Forbidden: updates to statefulset spec for fields other than ${fields} are forbidden`;
}

/** The spec fields a release's API server knows (the others are dropped when decoding). */
const SPEC_FIELD_SINCE: Readonly<Record<string, string>> = {
  minReadySeconds: '1.22',
  persistentVolumeClaimRetentionPolicy: '1.23',
  ordinals: '1.26',
};

// ---- Semantic equality -------------------------------------------------------------------------

/**
 * The API server's defaults for the compared fields (SetDefaults_StatefulSet and
 * SetDefaults_PersistentVolumeClaim): an absent field equals its default written out. `[]` stands
 * for any list index.
 */
export const DEFAULTS: Readonly<Record<string, string | number>> = {
  'spec.podManagementPolicy': 'OrderedReady',
  'spec.revisionHistoryLimit': 10,
  'spec.volumeClaimTemplates[].spec.volumeMode': 'Filesystem',
};

/**
 * Parts of a claim template that never reach the comparison: the API server ignores the embedded
 * object's apiVersion and kind, defaults its status, and a `creationTimestamp: null` that
 * generators write decodes to the zero time.
 */
const IGNORED = new Set(['spec.volumeClaimTemplates[].apiVersion', 'spec.volumeClaimTemplates[].kind', 'spec.volumeClaimTemplates[].status', 'spec.volumeClaimTemplates[].metadata.creationTimestamp']);

/**
 * Fields that are pointers in the Go types, where an empty string is a value and not the zero
 * value: `storageClassName: ""` (no class) differs from no storageClassName (the default class).
 */
const POINTERS = new Set(['PersistentVolumeClaimSpec.storageClassName', 'PersistentVolumeClaimSpec.volumeAttributesClassName', 'PersistentVolumeClaimSpec.volumeMode']);

/**
 * Where a value sits, for decoding it as the API server does: its type in the schema
 * (schema/data.ts: a type name, a primitive, `[]X` or `{}X`), its path pattern (list indices as
 * `[]`, for DEFAULTS and IGNORED), and whether an empty string is a value (a pointer field, or a
 * map entry, whose key alone is a value).
 */
interface Slot {
  readonly type: string;
  readonly pattern: string;
  readonly emptyIsValue: boolean;
}

const SPEC: Slot = { type: 'StatefulSetSpec', pattern: 'spec', emptyIsValue: false };

/** The slot of a struct's field or a map's entry; undefined for a field the API server does not know (it drops it). */
function child(slot: Slot, key: string): Slot | undefined {
  const pattern = `${slot.pattern}.${key}`;
  if (slot.type.startsWith('{}')) return { type: slot.type.slice(2), pattern, emptyIsValue: true };
  const type = TYPES[slot.type]?.[key];
  return type === undefined ? undefined : { type, pattern, emptyIsValue: POINTERS.has(`${slot.type}.${key}`) };
}

function item(slot: Slot): Slot {
  return { type: slot.type.startsWith('[]') ? slot.type.slice(2) : 'any', pattern: `${slot.pattern}[]`, emptyIsValue: true };
}

type Value = YNode | undefined;

/**
 * A value as it decodes: undefined for what decodes to nothing (`null`, `[]` and `{}`, which
 * Semantic.DeepEqual takes as equal to nil, and `""` in a plain string field, its zero value).
 */
function norm(n: YNode | null | undefined, slot?: Slot): Value {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value === null || (n.value === '' && slot !== undefined && !slot.emptyIsValue && slot.type === 'string') ? undefined : n;
  if (n.kind === 'map') return n.pairs.length === 0 ? undefined : n;
  return n.items.length === 0 ? undefined : n;
}

function scalarEqual(a: YNode, b: YNode, type: string): boolean {
  if (a.kind !== 'scalar' || b.kind !== 'scalar') return false;
  if (type === 'quantity') {
    const qa = parseQuantity(String(a.value));
    const qb = parseQuantity(String(b.value));
    if (qa && qb) return qa.value === qb.value;
  }
  if (typeof a.value === 'number' && typeof b.value === 'number') return a.value === b.value;
  return a.value === b.value || (a.type === b.type && String(a.value) === String(b.value));
}

/** The keys of either mapping, the ones of `a` first. */
function keysOf(a: YMap, b: YMap): string[] {
  return [...new Set([...a.pairs.map((p) => p.keyText), ...b.pairs.map((p) => p.keyText)])];
}

/** Semantic equality of two values in a slot, after decoding and defaulting both. */
function sameIn(a: YNode | null | undefined, b: YNode | null | undefined, slot: Slot): boolean {
  if (IGNORED.has(slot.pattern)) return true;
  const x = norm(a, slot);
  const y = norm(b, slot);
  if (!x || !y) {
    const d = DEFAULTS[slot.pattern];
    if (d !== undefined) return String(x ? plainOf(x) : d) === String(y ? plainOf(y) : d);
    return !x && !y;
  }
  if (x.kind !== y.kind) return false;
  if (x.kind === 'scalar') return scalarEqual(x, y, slot.type);
  if (x.kind === 'seq') {
    const ys = y as YSeq;
    return x.items.length === ys.items.length && x.items.every((it, i) => sameIn(it, ys.items[i], item(slot)));
  }
  const ym = y as YMap;
  for (const k of keysOf(x, ym)) {
    const sub = child(slot, k);
    if (sub && !sameIn(pairOf(x, k)?.value, pairOf(ym, k)?.value, sub)) return false;
  }
  return true;
}

function plainOf(n: YNode): string {
  return n.kind === 'scalar' ? String(n.value) : JSON.stringify(plainValue(n));
}

function plainValue(n: YNode | null | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plainValue);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[p.keyText] = plainValue(p.value);
  return o;
}

/** A value for a message: a scalar as written, a small collection as flow YAML, a large one as "a list of N". */
function describeValue(n: YNode | null | undefined): string {
  const v = norm(n);
  if (!v) return 'not set';
  if (v.kind === 'scalar') return String(v.value);
  const text = JSON.stringify(plainValue(v));
  if (text.length <= 80) return text.replace(/"([^"\s:,{}[\]]+)"/g, '$1');
  return v.kind === 'seq' ? `a list of ${v.items.length}` : `a map of ${v.pairs.length} keys`;
}

// ---- The forbidden changes -----------------------------------------------------------------------

export interface FieldChange {
  /**
   * `value`: a field's value changed (added or removed); the others are about the claim
   * templates as a list, matched by name (`field` is then the template's name).
   */
  readonly kind: 'value' | 'template-added' | 'template-removed' | 'templates-reordered';
  /** Kubernetes field path in the current object (with a List item's prefix). */
  readonly path: string;
  /** The last key of the path, for messages: `storage`. */
  readonly field: string;
  /** Relative to the current object's chunk: the changed value, or the nearest parent key when it was removed. */
  readonly span: Span;
  /** The base's value, for messages (`10Gi`, `not set`). */
  readonly was: string;
  /** The current value, for messages. */
  readonly now: string;
}

/**
 * Every change of `current` against `base` that the API server of `v` rejects, one per changed
 * field (a list that changed is one change). Both are StatefulSets with the same name.
 */
export function forbiddenChanges(base: Resource, current: Resource, v: KubeVersion): FieldChange[] {
  const out: FieldChange[] = [];
  const mutable = new Set(mutableFields(v));
  const baseSpec = asMap(at(base.root, 'spec'));
  const spec = asMap(at(current.root, 'spec'));
  const specPair = pairOf(current.root, 'spec');
  const anchor = specPair?.keySpan ?? current.root.span;
  const walker = new Walker(out, current.pathPrefix);
  for (const k of keysOf(baseSpec ?? EMPTY, spec ?? EMPTY)) {
    const slot = child(SPEC, k);
    const since = SPEC_FIELD_SINCE[k];
    // Mutable, or unknown to this release's API server (dropped when decoding): never a forbidden change.
    if (!slot || mutable.has(k) || (since && !atLeast(v, since))) continue;
    const pair = pairOf(spec, k);
    const was = pairOf(baseSpec, k)?.value;
    if (k === 'volumeClaimTemplates') walker.claimTemplates(asSeq(norm(was)), pair, anchor);
    else walker.diff(was, pair?.value, `spec.${k}`, slot, k, pair?.keySpan ?? anchor);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

class Walker {
  constructor(
    private readonly out: FieldChange[],
    private readonly prefix: string,
  ) {}

  /** `anchor` is where a removal is reported: the nearest key the current object still has. */
  diff(was: YNode | null | undefined, now: YNode | null | undefined, path: string, slot: Slot, field: string, anchor: Span): void {
    if (sameIn(was, now, slot)) return;
    const a = norm(was, slot);
    const b = norm(now, slot);
    if (a && b && a.kind === 'map' && b.kind === 'map') {
      for (const k of keysOf(a, b)) {
        const sub = child(slot, k);
        const pair = pairOf(b, k);
        if (sub) this.diff(pairOf(a, k)?.value, pair?.value, `${path}.${k}`, sub, k, pair?.keySpan ?? anchor);
      }
      return;
    }
    const d = DEFAULTS[slot.pattern];
    this.out.push({
      kind: 'value',
      path: this.prefix + path,
      field,
      span: b ? b.span : anchor,
      was: a ? describeValue(a) : d !== undefined ? `${d} (the default)` : 'not set',
      now: b ? describeValue(b) : d !== undefined ? `${d} (the default)` : 'not set',
    });
  }

  /** Claim templates are matched by name: an added, removed or reordered template is one change each. */
  claimTemplates(was: YSeq | undefined, pair: ReturnType<typeof pairOf>, anchor: Span): void {
    const now = asSeq(norm(pair?.value));
    const listSpan = pair?.keySpan ?? anchor;
    const nameOf = (n: YNode | null) => strValue(at(n, 'metadata', 'name')) ?? '';
    const before = (was?.items ?? []).map((n) => ({ node: n, name: nameOf(n) }));
    const after = (now?.items ?? []).map((n, i) => ({ node: n, name: nameOf(n), index: i }));
    const base = 'spec.volumeClaimTemplates';
    for (const t of after) {
      const old = before.find((b) => b.name === t.name);
      const path = `${base}[${t.index}]`;
      const namePair = pairOf(at(t.node, 'metadata'), 'name');
      const span = namePair?.value?.span ?? t.node?.span ?? listSpan;
      if (!old) {
        this.out.push({ kind: 'template-added', path: this.prefix + path, field: t.name, span, was: 'not set', now: t.name });
        continue;
      }
      this.diff(old.node, t.node, path, TEMPLATE, t.name, span);
    }
    for (const b of before) {
      if (after.some((t) => t.name === b.name)) continue;
      this.out.push({ kind: 'template-removed', path: this.prefix + base, field: b.name, span: listSpan, was: b.name, now: 'not set' });
    }
    const kept = before.filter((b) => after.some((t) => t.name === b.name)).map((b) => b.name);
    const order = after.filter((t) => kept.includes(t.name)).map((t) => t.name);
    if (kept.join('\n') !== order.join('\n')) this.out.push({ kind: 'templates-reordered', path: this.prefix + base, field: 'volumeClaimTemplates', span: listSpan, was: kept.join(', '), now: order.join(', ') });
  }
}

const EMPTY: YMap = { kind: 'map', span: { start: 0, end: 0 }, pairs: [], flow: false };
const TEMPLATE = item(child(SPEC, 'volumeClaimTemplates') as Slot);

/** The pod template compared semantically (for warnings about a rollout): true when it changed. */
export function templateChanged(base: Resource, current: Resource): boolean {
  return !sameIn(at(base.root, 'spec', 'template'), at(current.root, 'spec', 'template'), child(SPEC, 'template') as Slot);
}
