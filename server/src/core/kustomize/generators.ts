/**
 * configMapGenerator and secretGenerator. kustomize names a generated object
 * `<name>-<hash>` of its final content unless `disableNameSuffixHash`; the hash is computed at the
 * end of the build (hashName), with a SHA-256 the caller passes, as the core has none. The reader
 * (kustomization.ts) leaves generators to us, so they are read here from the kustomization's tree.
 */
import { entryOf, get, kMap, kScalar, readDocs, setEntry, str, type KEntry, type KMap, type KNode, type Origin } from './tree';

export interface GeneratedObject {
  readonly root: KMap;
  /** The name gets kustomize's content hash at the end of the build. */
  readonly hashed: boolean;
  /** `merge` and `replace` change an object of that kind and name already built (mergeGenerated). */
  readonly behavior: 'create' | 'merge' | 'replace';
  /** The entry turns the hash off itself (for merge and replace, it then stays off). */
  readonly hashOff: boolean;
}

export interface Generated {
  readonly roots: GeneratedObject[];
  /** Generator fields this build could not produce, with where they are written. */
  readonly left: readonly { readonly what: string; readonly origin: Origin }[];
}

const FIELDS = ['configMapGenerator', 'secretGenerator'] as const;

function bool(n: KNode | undefined): boolean | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'boolean' ? n.value : undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** kustomize drops one pair of matching quotes around a literal's value. */
function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

function base64(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The objects the generators of a kustomization (its text in `file`) make; `readFile` reads the
 * files they name, relative to `dir` via `resolve`.
 */
export function generate(text: string, file: string, resolve: (rel: string) => string, readFile: (path: string) => string | undefined, canHash: boolean): Generated {
  const roots: Generated['roots'] = [];
  const left: { what: string; origin: Origin }[] = [];
  const root = readDocs(text, file)[0]?.root;
  if (root?.kind !== 'map') return { roots, left };
  const options = get(root, 'generatorOptions');
  for (const field of FIELDS) {
    const entry = entryOf(root, field);
    if (!entry) continue;
    if (entry.value.kind !== 'seq') {
      left.push({ what: field, origin: entry.keyOrigin });
      continue;
    }
    for (const g of entry.value.items) {
      const made = generateOne(field, g, options, resolve, readFile, canHash);
      if (typeof made === 'string') left.push({ what: `${field} (${made})`, origin: g.origin });
      else roots.push(made);
    }
  }
  return { roots, left };
}

function generateOne(
  field: (typeof FIELDS)[number],
  g: KNode,
  options: KNode | undefined,
  resolve: (rel: string) => string,
  readFile: (path: string) => string | undefined,
  canHash: boolean,
): GeneratedObject | string {
  const name = str(get(g, 'name'));
  if (g.kind !== 'map' || name === undefined) return 'an entry without a name';
  const behavior = str(get(g, 'behavior')) ?? 'create';
  if (behavior !== 'create' && behavior !== 'merge' && behavior !== 'replace') return `behavior ${behavior}`;
  const own = get(g, 'options');
  const noHash = bool(get(own, 'disableNameSuffixHash')) ?? bool(get(options, 'disableNameSuffixHash')) ?? false;
  if (!noHash && !canHash) return 'a name with a content hash';
  const at = g.origin;
  const data: KEntry[] = [];
  const put = (key: string, value: string, origin: Origin): void => {
    const i = data.findIndex((e) => e.key === key);
    if (i >= 0) data.splice(i, 1);
    data.push({ key, keyOrigin: origin, value: kScalar(field === 'secretGenerator' ? base64(value) : value, origin) });
  };
  for (const lit of seqOf(get(g, 'literals'))) {
    const s = str(lit);
    const eq = s?.indexOf('=') ?? -1;
    if (s === undefined || eq <= 0) return 'a literal without key=value';
    put(s.slice(0, eq), unquote(s.slice(eq + 1)), lit.origin);
  }
  for (const f of seqOf(get(g, 'files'))) {
    const s = str(f);
    if (s === undefined) return 'a file entry that is not a string';
    const eq = s.indexOf('=');
    const [key, rel] = eq > 0 ? [s.slice(0, eq), s.slice(eq + 1)] : [basename(s), s];
    const path = resolve(rel);
    const content = readFile(path);
    if (content === undefined) return `cannot read ${rel}`;
    put(key, content, { file: path, span: { start: 0, end: content.length } });
  }
  for (const e of [...seqOf(get(g, 'envs')), ...(get(g, 'env') ? [get(g, 'env')!] : [])]) {
    const rel = str(e);
    if (rel === undefined) return 'an envs entry that is not a string';
    const path = resolve(rel);
    const content = readFile(path);
    if (content === undefined) return `cannot read ${rel}`;
    let offset = 0;
    for (const line of content.split('\n')) {
      const origin = { file: path, span: { start: offset, end: offset + line.length } };
      offset += line.length + 1;
      const trimmed = line.replace(/\r$/, '').trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) return `a line of ${rel} that takes its value from the environment`;
      put(trimmed.slice(0, eq), trimmed.slice(eq + 1), origin);
    }
  }
  const obj = kMap(at);
  setEntry(obj, 'apiVersion', kScalar('v1', at), at);
  setEntry(obj, 'kind', kScalar(field === 'secretGenerator' ? 'Secret' : 'ConfigMap', at), at);
  const meta = kMap(at);
  setEntry(meta, 'name', kScalar(name, get(g, 'name')!.origin), entryOf(g, 'name')!.keyOrigin);
  const ns = str(get(g, 'namespace'));
  if (ns !== undefined) setEntry(meta, 'namespace', get(g, 'namespace')!, at);
  for (const key of ['labels', 'annotations']) {
    const pairs = [...mapEntries(get(options, key)), ...mapEntries(get(own, key))];
    if (pairs.length > 0) {
      const m = kMap(at);
      for (const p of pairs) setEntry(m, p.key, p.value, p.keyOrigin);
      setEntry(meta, key, m, at);
    }
  }
  setEntry(obj, 'metadata', meta, at);
  if (field === 'secretGenerator') setEntry(obj, 'type', get(g, 'type') ?? kScalar('Opaque', at), at);
  if (data.length > 0) setEntry(obj, 'data', kMap(at, data), at);
  if (bool(get(own, 'immutable')) ?? bool(get(options, 'immutable'))) setEntry(obj, 'immutable', kScalar(true, at), at);
  return { root: obj, hashed: !noHash, behavior, hashOff: noHash };
}

/**
 * A `behavior: merge|replace` generator applied to the object it names (measured with kubectl):
 * data merged into the old (merge) or instead of it (replace), labels and annotations merged,
 * a Secret's type from the generator, the old name; hashed only if the old one was and the entry
 * does not turn hashing off.
 */
export function mergeGenerated(old: KMap, made: GeneratedObject, oldHashed: boolean): { root: KMap; hashed: boolean } {
  const root = old;
  for (const field of ['data', 'binaryData']) {
    const fresh = get(made.root, field);
    const before = get(root, field);
    if (made.behavior === 'replace' || before?.kind !== 'map') {
      if (fresh) setEntry(root, field, fresh, entryOf(made.root, field)!.keyOrigin);
      else if (made.behavior === 'replace') root.entries = root.entries.filter((e) => e.key !== field);
    } else if (fresh?.kind === 'map') {
      for (const e of fresh.entries) setEntry(before, e.key, e.value, e.keyOrigin);
    }
  }
  for (const key of ['labels', 'annotations']) {
    const fresh = get(made.root, 'metadata', key);
    if (fresh?.kind !== 'map') continue;
    const meta = get(root, 'metadata');
    if (meta?.kind !== 'map') continue;
    const before = get(meta, key);
    if (before?.kind === 'map') for (const e of fresh.entries) setEntry(before, e.key, e.value, e.keyOrigin);
    else setEntry(meta, key, fresh, entryOf(get(made.root, 'metadata'), key)!.keyOrigin);
  }
  const type = entryOf(made.root, 'type');
  if (type) setEntry(root, 'type', type.value, type.keyOrigin);
  return { root, hashed: oldHashed && !made.hashOff };
}

/** Go's encoding/json escapes these where JSON.stringify does not. */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\\(\\|b|f)/g, (m: string, c: string) => (c === 'b' ? '\\u0008' : c === 'f' ? '\\u000c' : m));
}

function sortedStrings(n: KNode | undefined): Record<string, string> | '' {
  if (n?.kind !== 'map') return '';
  const out: Record<string, string> = {};
  for (const e of [...n.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) out[e.key] = e.value.kind === 'scalar' && e.value.value !== null ? String(e.value.value) : '';
  return out;
}

/**
 * kustomize's name suffix for a generated ConfigMap or Secret: the first ten hex digits of the
 * SHA-256 of its content as Go writes it in JSON (keys sorted; the name is read as empty by
 * kustomize 5, measured), with 0, 1, 3, a, e swapped for letters.
 */
export function contentHash(root: KMap, sha256: (text: string) => string): string {
  const kind = str(get(root, 'kind'));
  const content: Record<string, unknown> = {};
  const extra = kind === 'Secret' ? 'stringData' : 'binaryData';
  const extraValue = sortedStrings(get(root, extra));
  if (kind !== 'Secret' && extraValue !== '') content[extra] = extraValue;
  content.data = sortedStrings(get(root, 'data'));
  content.kind = kind;
  content.name = '';
  if (kind === 'Secret') {
    if (extraValue !== '') content[extra] = extraValue;
    const type = get(root, 'type');
    content.type = type?.kind === 'scalar' && type.value !== null ? String(type.value) : '';
  }
  const hex = sha256(goJson(content));
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c as '0']);
}

function seqOf(n: KNode | undefined): KNode[] {
  return n?.kind === 'seq' ? n.items : [];
}

function mapEntries(n: KNode | undefined): KEntry[] {
  return n?.kind === 'map' ? n.entries : [];
}
