/**
 * Strategic merge patches as kustomize 5 applies them (kyaml's merge2), measured against
 * `kubectl kustomize` (test/conformance/kustomizeBuild.test.ts): maps merge key by key, `null`
 * deletes a key, lists with a merge key merge element by element other lists are replaced, `$patch: delete|replace` act on maps and on
 * list elements. Measured orders: a merged list holds the patch's elements first (in the patch's
 * order), then the others.
 */
import { entryOf, str, type KMap, type KNode, type KSeq } from './tree';

/** Thrown for a patch kustomize refuses; the build then reports the overlay as not built. */
export class PatchError extends Error {}

/** Merge keys of the list fields Kubernetes' schema declares, by field name. */
const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  env: ['name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  conditions: ['type'],
  ownerReferences: ['uid'],
};

/** What kyaml uses to merge list elements when it has no schema for the field (custom resources). */
const ASSOCIATIVE_KEYS = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

function directive(n: KNode): string | undefined {
  return str(entryOf(n, '$patch')?.value);
}

function keysFor(field: string, dest: KSeq, patch: KSeq, schemaKnown: boolean): readonly string[] | undefined {
  const all = [...dest.items, ...patch.items];
  if (field === 'ports') {
    // Container ports merge by containerPort, Service ports by port.
    if (all.some((i) => entryOf(i, 'containerPort'))) return ['containerPort', 'protocol'];
    if (all.some((i) => entryOf(i, 'port'))) return ['port', 'protocol'];
    return undefined;
  }
  const known = MERGE_KEYS[field];
  if (known) return known;
  if (schemaKnown) return undefined;
  const maps = all.filter((i) => i.kind === 'map');
  if (maps.length === 0 || maps.length !== all.length) return undefined;
  const key = ASSOCIATIVE_KEYS.find((k) => maps.every((m) => entryOf(m, k) !== undefined || directive(m) !== undefined));
  return key ? [key] : undefined;
}

function keyOf(n: KNode, keys: readonly string[]): string | undefined {
  if (n.kind !== 'map') return undefined;
  const parts = keys.map((k) => entryOf(n, k)?.value);
  if (!parts[0] || parts[0].kind !== 'scalar') return undefined;
  return JSON.stringify(parts.map((p) => (p?.kind === 'scalar' ? p.value : null)));
}

/**
 * Merges `patch` into `dest` (which it edits) and returns the result (`dest`, or a new node where
 * the patch replaces it). `schemaKnown`: the object is a built-in kind, so lists without a merge
 * key are replaced; for custom resources kyaml guesses merge keys from the elements.
 */
export function mergeValue(dest: KNode | undefined, patch: KNode, field: string, schemaKnown: boolean): KNode | undefined {
  if (patch.kind === 'map') {
    const d = directive(patch);
    if (d === 'delete') return undefined;
    if (d === 'replace' || !dest || dest.kind !== 'map') return written(patch);
    mergeMap(dest, patch, schemaKnown);
    return dest;
  }
  if (patch.kind === 'seq') {
    if (dest?.kind === 'seq') return mergeSeq(dest, patch, field, schemaKnown);
    return written(patch);
  }
  // The same value written again stays where it was first written (a merge key, say): findings on it belong to the base.
  if (dest?.kind === 'scalar' && dest.value === patch.value) return dest;
  return { ...patch };
}

/**
 * A value the patch writes where the object has none: a copy without directives, without the
 * elements it deletes and without the keys it sets to null (there is nothing to delete).
 */
function written<T extends KNode>(n: T): T {
  if (n.kind === 'map') return { ...n, entries: n.entries.filter((e) => !e.key.startsWith('$') && !(e.value.kind === 'scalar' && e.value.value === null)).map((e) => ({ ...e, value: written(e.value) })) };
  if (n.kind === 'seq') return { ...n, items: n.items.filter((i) => directive(i) !== 'delete' && !(i.kind === 'map' && i.entries.every((e) => e.key.startsWith('$')))).map(written) };
  return { ...n };
}

function mergeMap(dest: KMap, patch: KMap, schemaKnown: boolean): void {
  for (const e of patch.entries) {
    if (e.key.startsWith('$')) {
      if (e.key !== '$patch') throw new PatchError(`the directive ${e.key} is not supported`);
      continue;
    }
    const i = dest.entries.findIndex((x) => x.key === e.key);
    if (e.value.kind === 'scalar' && e.value.value === null) {
      if (i >= 0) dest.entries.splice(i, 1);
      continue;
    }
    const before = i >= 0 ? dest.entries[i]!.value : undefined;
    const merged = mergeValue(before, e.value, e.key, schemaKnown);
    if (merged === undefined) {
      if (i >= 0) dest.entries.splice(i, 1);
    } else if (i >= 0) {
      // A merged map keeps the base's key; a replaced value was written on the patch's line.
      dest.entries[i] = { key: e.key, keyOrigin: merged === before ? dest.entries[i]!.keyOrigin : e.keyOrigin, value: merged };
    } else {
      dest.entries.push({ key: e.key, keyOrigin: e.keyOrigin, value: merged });
    }
  }
}

function mergeSeq(dest: KSeq, patch: KSeq, field: string, schemaKnown: boolean): KSeq {
  if (patch.items.some((i) => directive(i) === 'replace')) return written(patch);
  const keys = keysFor(field, dest, patch, schemaKnown);
  if (!keys) return written(patch);
  const items = [...dest.items];
  const fresh: KNode[] = [];
  // When a patch port is there already with another protocol, kyaml drops that element, leaves
  // merged ports in place and puts only new ones first (measured); otherwise ports are like any list.
  const portConflict = field === 'ports' && patch.items.some((p) => {
    const k = keyOf(p, keys);
    return k !== undefined && !items.some((x) => keyOf(x, keys) === k) && portTakenByOtherProtocol(items, p, keys[0]!);
  });
  for (const p of patch.items) {
    const k = keyOf(p, keys);
    if (k === undefined) throw new PatchError(`a ${field} element of the patch has no ${keys[0]}`);
    const i = items.findIndex((x) => keyOf(x, keys) === k);
    if (directive(p) === 'delete') {
      if (i >= 0) items.splice(i, 1);
      continue;
    }
    if (i >= 0 && portConflict) {
      items[i] = mergeValue(items[i], p, field, schemaKnown)!;
    } else if (i >= 0) {
      // The patch's elements come first, in the patch's order (measured), then the others.
      fresh.push(mergeValue(items[i], p, field, schemaKnown)!);
      items.splice(i, 1);
    } else if (portConflict && portTakenByOtherProtocol(items, p, keys[0]!)) {
      continue;
    } else {
      fresh.push(written(p));
    }
  }
  dest.items = [...fresh, ...items];
  return dest;
}

function portTakenByOtherProtocol(items: readonly KNode[], p: KNode, key: string): boolean {
  const port = entryOf(p, key)?.value;
  return port?.kind === 'scalar' && items.some((x) => {
    const v = entryOf(x, key)?.value;
    return v?.kind === 'scalar' && v.value === port.value;
  });
}
