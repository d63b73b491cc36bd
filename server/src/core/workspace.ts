/**
 * What one file needs to know about the others: small summaries of Services, StorageClasses,
 * PodDisruptionBudgets, PVCs and StatefulSets, keyed by file. The index holds summaries, never
 * trees or texts, so its memory grows with the number of objects, not the size of the files.
 */
import type { Resource, ResourceKind } from './parse';
import type { Span } from './types';
import { asMap, asScalar, asSeq, at, intValue, pairOf, scalarText, strValue, type YNode } from './yamlTree';

export interface ResourceSummary {
  readonly uri: string;
  readonly kind: ResourceKind;
  readonly apiVersion: string;
  readonly name: string;
  /** As written; undefined means the default namespace. */
  readonly namespace?: string;
  /** Absolute span of `metadata.name`'s value (or of the object when it has none). */
  readonly nameSpan: Span;
  /** Absolute span of the whole object. */
  readonly span: Span;
  readonly labels?: Readonly<Record<string, string>>;
  /** Service: `spec.clusterIP` ('None' for a headless Service). */
  readonly clusterIP?: string;
  /** Service or PodDisruptionBudget `matchLabels`-style selector. */
  readonly selector?: Readonly<Record<string, string>>;
  /** PodDisruptionBudget selector expressions, as written. */
  readonly selectorExpressions?: readonly { key: string; operator: string; values: string[] }[];
  readonly minAvailable?: string | number;
  readonly maxUnavailable?: string | number;
  /** Service ports (name/number). */
  readonly ports?: readonly { name?: string; port?: number }[];
  /** StorageClass. */
  readonly provisioner?: string;
  readonly isDefaultClass?: boolean;
  /** StorageClass `allowVolumeExpansion: true`. */
  readonly allowVolumeExpansion?: boolean;
  /** StatefulSet. */
  readonly serviceName?: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly replicas?: number;
  /** StatefulSet: `spec.ordinals.start` as written (a whole number). */
  readonly startOrdinal?: number;
  /** StatefulSet: the names of its claim templates, in order (what PVC names are made of). */
  readonly claimTemplates?: readonly string[];
  /** PVC and StorageClass. */
  readonly storageClassName?: string;
}

export function stringMap(n: YNode | null | undefined): Record<string, string> | undefined {
  const m = asMap(n);
  if (!m) return undefined;
  const o: Record<string, string> = {};
  for (const p of m.pairs) {
    const v = scalarText(p.value);
    if (v !== undefined) o[p.keyText] = v;
  }
  return o;
}

function intOrString(n: YNode | null | undefined): string | number | undefined {
  const i = intValue(n);
  if (i !== undefined) return i;
  return strValue(n);
}

/** Summarises a recognised object; `offset` turns its chunk-relative spans into absolute ones. */
export function summarize(uri: string, r: Resource, offset: number): ResourceSummary {
  const meta = pairOf(r.root, 'metadata')?.value;
  const namePair = pairOf(meta, 'name');
  const nameSpan = namePair?.value?.span ?? namePair?.keySpan ?? r.root.span;
  const abs = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  const base = {
    uri,
    kind: r.kind,
    apiVersion: r.apiVersion,
    name: r.name ?? '',
    namespace: r.namespace,
    nameSpan: abs(nameSpan),
    span: abs(r.root.span),
    labels: stringMap(pairOf(meta, 'labels')?.value),
  };
  const spec = pairOf(r.root, 'spec')?.value;
  switch (r.kind) {
    case 'Service': {
      const ports = asSeq(at(spec, 'ports'))?.items.map((p) => ({ name: strValue(at(p, 'name')), port: intValue(at(p, 'port')) }));
      return { ...base, clusterIP: scalarText(at(spec, 'clusterIP')), selector: stringMap(at(spec, 'selector')), ports };
    }
    case 'StorageClass': {
      const ann = stringMap(at(meta, 'annotations')) ?? {};
      const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return { ...base, provisioner: strValue(at(r.root, 'provisioner')), isDefaultClass: isDefault, allowVolumeExpansion: asScalar(at(r.root, 'allowVolumeExpansion'))?.value === true };
    }
    case 'PodDisruptionBudget': {
      const exprs = asSeq(at(spec, 'selector', 'matchExpressions'))?.items.map((e) => ({
        key: strValue(at(e, 'key')) ?? '',
        operator: strValue(at(e, 'operator')) ?? '',
        values: (asSeq(at(e, 'values'))?.items ?? []).map((v) => scalarText(v) ?? ''),
      }));
      return {
        ...base,
        selector: stringMap(at(spec, 'selector', 'matchLabels')),
        selectorExpressions: exprs,
        minAvailable: intOrString(at(spec, 'minAvailable')),
        maxUnavailable: intOrString(at(spec, 'maxUnavailable')),
      };
    }
    case 'PersistentVolumeClaim':
      return { ...base, storageClassName: strValue(at(spec, 'storageClassName')) };
    case 'StatefulSet':
      return {
        ...base,
        serviceName: strValue(at(spec, 'serviceName')),
        podLabels: stringMap(at(spec, 'template', 'metadata', 'labels')),
        replicas: intValue(at(spec, 'replicas')),
        startOrdinal: intValue(at(spec, 'ordinals', 'start')),
        claimTemplates: (asSeq(at(spec, 'volumeClaimTemplates'))?.items ?? []).flatMap((t) => {
          const name = strValue(at(t, 'metadata', 'name'));
          return name ? [name] : [];
        }),
      };
    default:
      return base;
  }
}

/** `s` (made at offset 0) with its spans moved by `offset`. */
export function placeSummary(s: ResourceSummary, offset: number): ResourceSummary {
  return { ...s, nameSpan: { start: s.nameSpan.start + offset, end: s.nameSpan.end + offset }, span: { start: s.span.start + offset, end: s.span.end + offset } };
}

/**
 * Summaries by file. A lookup is by kind and name across all files; callers filter by namespace
 * because the default namespace is a setting of the file that asks.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, readonly ResourceSummary[]>();
  private byName = new Map<ResourceKind, Map<string, ResourceSummary[]>>();
  // Rules ask for every object of a kind once per StatefulSet: a scan of all files each time
  // made a file of N sets cost O(N^2) per analysis.
  private byKind = new Map<ResourceKind, ResourceSummary[]>();
  private dirty = false;
  private version = 0;
  /** The files in URI order, made again only when a file comes or goes (not on every edit). */
  private order?: string[];

  /**
   * Moves when a summary changes in anything but its position: an edit that only shifts the
   * objects after it leaves it alone. What other files' rules compare (names, namespaces,
   * selectors) changed exactly when it moved.
   */
  get contentVersion(): number {
    return this.version;
  }

  /**
   * `movedOnly`: the caller knows these are the file's current summaries with only their
   * positions changed (analyze knows it per chunk), which spares comparing them all.
   */
  setFile(uri: string, summaries: readonly ResourceSummary[], movedOnly = false): void {
    const prev = this.files.get(uri);
    if (summaries.length === 0) {
      if (!prev) return;
      this.files.delete(uri);
      this.order = undefined;
      this.version++;
    } else {
      if (!prev) this.order = undefined;
      this.files.set(uri, summaries);
      if (!prev || !(movedOnly || sameButPositions(prev, summaries))) this.version++;
    }
    this.dirty = true;
  }

  removeFile(uri: string): void {
    if (this.files.delete(uri)) {
      this.order = undefined;
      this.dirty = true;
      this.version++;
    }
  }

  hasFile(uri: string): boolean {
    return this.files.has(uri);
  }

  fileSummaries(uri: string): readonly ResourceSummary[] {
    return this.files.get(uri) ?? [];
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Every object of a kind, optionally with a name. */
  find(kind: ResourceKind, name?: string): readonly ResourceSummary[] {
    if (this.dirty) this.rebuild();
    if (name !== undefined) return this.byName.get(kind)?.get(name) ?? [];
    return this.byKind.get(kind) ?? [];
  }

  all(): IterableIterator<readonly ResourceSummary[]> {
    return this.files.values();
  }

  private rebuild(): void {
    const byName = new Map<ResourceKind, Map<string, ResourceSummary[]>>();
    const byKind = new Map<ResourceKind, ResourceSummary[]>();
    // In URI order, not in the order files came: which of two same-named objects a rule meets
    // first must not depend on whether a file was closed and opened again.
    this.order ??= [...this.files.keys()].sort();
    for (const uri of this.order) {
      for (const s of this.files.get(uri) ?? []) {
        let names = byName.get(s.kind);
        if (!names) byName.set(s.kind, (names = new Map()));
        push(names, s.name, s);
        push(byKind, s.kind, s);
      }
    }
    this.byName = byName;
    this.byKind = byKind;
    this.dirty = false;
  }
}

const POSITIONS: ReadonlySet<PropertyKey> = new Set<PropertyKey>(['span', 'nameSpan']);

/** Whether two lists of summaries say the same but where things are. */
export function sameButPositions(a: readonly ResourceSummary[], b: readonly ResourceSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = a[i] as unknown as Record<string, unknown>;
    const y = b[i] as unknown as Record<string, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (!POSITIONS.has(k) && (!Object.prototype.hasOwnProperty.call(y, k) || !sameData(x[k], y[k]))) return false;
  }
  return true;
}

function push<K>(map: Map<K, ResourceSummary[]>, key: K, s: ResourceSummary): void {
  const arr = map.get(key);
  if (arr) arr.push(s);
  else map.set(key, [s]);
}

/** Objects in the same namespace, given the default namespace of the asking file. */
export function inNamespace(list: readonly ResourceSummary[], namespace: string, defaultNamespace: string): ResourceSummary[] {
  return list.filter((s) => (s.namespace ?? defaultNamespace) === namespace);
}


interface Query {
  readonly kind: ResourceKind;
  readonly name?: string;
  readonly result: readonly ResourceSummary[];
  /** Per summary returned: the fields read ('all' after a spread or a key listing). */
  readonly fields: (Set<PropertyKey> | 'all' | undefined)[];
}

/**
 * What a rule run read from the index: every query and, for each summary it got back, the fields
 * it looked at. `stillHolds` replays the queries against the index as it is now: when every
 * value read is the same, the run would read the same and, rules being pure, report the same.
 * analyze() keeps the workspace findings of unchanged documents this way; a field-level log
 * matters because an edit shifts the spans of every later object without changing what the
 * rules compare (names, namespaces, selectors), while a finding whose fix carries a Service's
 * span did read that span and is made again. A run that read no position needs no replay
 * while the index's contentVersion stays where it was.
 */
export class IndexReads {
  private readonly queries = new Map<string, Query>();
  /** Set when a rule used anything but `find`: such a run is never reused. */
  private opaque = false;
  /** Set when a rule read a span (or every field) of a summary. */
  private positional = false;
  private index?: WorkspaceIndex;
  private version = -1;

  /** The index as the rules see it, logging into this object. */
  view(index: WorkspaceIndex): WorkspaceIndex {
    this.index = index;
    this.version = index.contentVersion;
    return new Proxy(index, {
      get: (target, prop) => {
        if (prop === 'find') return (kind: ResourceKind, name?: string) => this.find(target, kind, name);
        this.opaque = true;
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  stillHolds(index: WorkspaceIndex): boolean {
    if (this.opaque) return false;
    if (index === this.index && index.contentVersion === this.version && !this.positional) return true;
    for (const q of this.queries.values()) {
      const now = index.find(q.kind, q.name);
      if (now.length !== q.result.length) return false;
      for (let i = 0; i < now.length; i++) {
        const read = q.fields[i];
        const was = q.result[i];
        const is = now[i];
        if (read === undefined || was === is) continue;
        if (read === 'all') {
          if (!sameData(was, is)) return false;
          continue;
        }
        for (const f of read) if (!sameData((was as unknown as Record<PropertyKey, unknown>)[f], (is as unknown as Record<PropertyKey, unknown>)[f])) return false;
      }
    }
    // Every value read is the same as when recorded: the short cut above may start from here.
    this.index = index;
    this.version = index.contentVersion;
    return true;
  }

  private find(index: WorkspaceIndex, kind: ResourceKind, name?: string): readonly ResourceSummary[] {
    const key = name === undefined ? kind : `${kind}/${name}`;
    let q = this.queries.get(key);
    if (!q) {
      const result = [...index.find(kind, name)];
      q = { kind, name, result, fields: result.map(() => undefined) };
      this.queries.set(key, q);
    }
    const fields = q.fields;
    const note = (i: number, p: PropertyKey): void => {
      if (POSITIONS.has(p)) this.positional = true;
      const f = fields[i];
      if (f === 'all') return;
      if (f) f.add(p);
      else fields[i] = new Set([p]);
    };
    return q.result.map(
      (s, i) =>
        new Proxy(s, {
          get: (t, p) => (note(i, p), Reflect.get(t, p)),
          has: (t, p) => (note(i, p), Reflect.has(t, p)),
          getOwnPropertyDescriptor: (t, p) => (note(i, p), Reflect.getOwnPropertyDescriptor(t, p)),
          ownKeys: (t) => ((this.positional = true), (fields[i] = 'all'), Reflect.ownKeys(t)),
        }),
    );
  }
}

/** Structural equality of summary data (strings, numbers, records, arrays, spans). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
