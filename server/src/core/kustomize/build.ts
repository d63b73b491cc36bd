/**
 * An in-process `kustomize build` of a kustomization directory: nothing is executed and nothing
 * is fetched. The caller passes a file reader, so the core stays free of fs. What the build does
 * not cover is listed in `notBuilt`; a build that fails (as kustomize would, or where we cannot
 * tell what kustomize would do) has `failure` and no objects.
 */
import { selects, type LabelSelector, type SelectorRequirement } from '../labelSelector';
import type { Span } from '../types';
import { contentHash, generate, mergeGenerated } from './generators';
import { applyJsonPatch } from './jsonPatch';
import { isKustomizationFile, KUSTOMIZATION_FILE_NAMES, readKustomization, type InlinePatch, type Kustomization, type PatchEntry, type PatchTarget } from './kustomization';
import { mergeValue, PatchError } from './merge';
import { joinPath as joinNormalized, normalizePath } from './patches';
import { allIds, curId, effectiveNamespace, idKey, idOf, rememberId, type Res, type ResId } from './resource';
import { entryOf, get, kScalar, readDocs, setEntry, str, deleteEntry, type KMap, type KNode, type Origin } from './tree';
import {
  addLabels, addNameAffixes, ANNOTATION_FIELDS, fixNameReferences, SELECTOR_LABEL_FIELDS, setImages, setNamespace, setReplicas, TEMPLATE_LABEL_FIELDS,
  type FieldSpec,
} from './transformers';

/** Returns a file's text, or undefined when there is no such file (a directory is not a file). */
export type ReadFile = (path: string) => string | undefined;

/** Something the build did not do, where it is written. */
export interface NotBuilt {
  readonly what: string;
  readonly file: string;
  readonly span: Span;
}

export interface BuiltObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly root: KMap;
  /** Where the object was first read: its file and the span of its metadata.name there. */
  readonly source: Origin;
}

/** A patch (a document of a patch file, or an inline patch) and the objects it applies to. */
export interface AppliedPatch {
  readonly file: string;
  /** The patch document in `file` (for an inline patch: its scalar in the kustomization). */
  readonly span: Span;
  readonly inline: boolean;
  readonly targets: readonly { readonly kind: string; readonly name: string; readonly namespace?: string; readonly source: Origin }[];
}

export interface Build {
  /** The overlay's directory, as given. */
  readonly dir: string;
  readonly kustomizationFile: string;
  readonly objects: readonly BuiltObject[];
  /** What the build left out (generators, remote bases, ...), each placed in the overlay's kustomization when it came from a base. */
  readonly notBuilt: readonly NotBuilt[];
  /** Set when the build failed; then `objects` is empty. */
  readonly failure?: NotBuilt;
  /** Whether a StatefulSet was among the objects read (also when the build failed later). */
  readonly readsStatefulSet: boolean;
  /** Every file the build read: when one of them changes, the overlay is to be built again. */
  readonly files: readonly string[];
  readonly patches: readonly AppliedPatch[];
}

/** Generator fields the reader leaves to the build (generators.ts). */
const GENERATORS = new Set(['configMapGenerator', 'secretGenerator']);

class BuildFailure extends Error {
  constructor(readonly where: NotBuilt) {
    super(where.what);
  }
}

/** `rel` from `dir`; the directory a path leads back to is `.`, never the empty string (which would read as the root). */
function joinPath(dir: string, rel: string): string {
  return joinNormalized(dir === '' ? '.' : dir, rel) || '.';
}

/** The kustomization file of a directory (kustomize's three names, in its order), if any. */
export function findKustomization(dir: string, read: ReadFile): { file: string; text: string } | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = joinPath(dir, name);
    const text = read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

interface Context {
  readonly read: ReadFile;
  readonly notBuilt: NotBuilt[];
  readonly patches: AppliedPatch[];
  /** Kustomization files being built, to stop a cycle. */
  readonly stack: string[];
  readonly seen: { statefulSet: boolean };
  readonly canHash: boolean;
  /** Where a base's not-built parts are reported: the overlay's entry that leads to the base. */
  readonly reportAt?: { file: string; span: Span };
}

export interface BuildOptions {
  /**
   * SHA-256 of a text as lowercase hex. The core has none; without it, generators whose names
   * carry kustomize's content hash are not built.
   */
  readonly sha256?: (text: string) => string;
}

/** Builds the kustomization in `dir`; undefined when `dir` holds none. Never throws. */
export function buildKustomization(dir: string, readFile: ReadFile, options: BuildOptions = {}): Build | undefined {
  const files = new Set<string>();
  const read: ReadFile = (path) => {
    const text = readFile(path);
    if (text !== undefined) files.add(path);
    return text;
  };
  const found = findKustomization(dir, read);
  if (!found) return undefined;
  const ctx: Context = { read, notBuilt: [], patches: [], stack: [], seen: { statefulSet: false }, canHash: options.sha256 !== undefined };
  try {
    const k = kustomizationOf(found.text);
    if (!k) throw new BuildFailure({ what: 'the kustomization is not a valid YAML mapping', file: found.file, span: { start: 0, end: 0 } });
    const resources = accumulate(joinPath(dir, '.'), found.file, k, [], ctx);
    if (options.sha256) for (const r of resources) if (r.hashed) hashName(r, options.sha256);
    fixNameReferences(resources);
    return {
      dir,
      kustomizationFile: found.file,
      objects: resources.map(builtObject),
      notBuilt: ctx.notBuilt,
      patches: ctx.patches,
      readsStatefulSet: ctx.seen.statefulSet,
      files: [...files],
    };
  } catch (e) {
    const failure = e instanceof BuildFailure ? e.where : { what: `the build stopped: ${String(e)}`, file: found.file, span: { start: 0, end: 0 } };
    return { dir, kustomizationFile: found.file, objects: [], notBuilt: ctx.notBuilt, failure, patches: ctx.patches, readsStatefulSet: ctx.seen.statefulSet, files: [...files] };
  }
}

function builtObject(r: Res): BuiltObject {
  const id = curId(r);
  return { kind: id.kind, name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}), root: r.root, source: r.source };
}

function fail(what: string, file: string, span: Span): never {
  throw new BuildFailure({ what, file, span });
}

function accumulate(dir: string, file: string, k: Kustomization, into: Res[], ctx: Context): Res[] {
  if (ctx.stack.includes(file)) fail('the kustomizations include each other', file, { start: 0, end: 0 });
  ctx.stack.push(file);
  const report = (what: string, span: Span): void => {
    ctx.notBuilt.push(ctx.reportAt ? { what, ...ctx.reportAt } : { what, file, span });
  };
  for (const n of k.notBuilt) if (!GENERATORS.has(n.value)) report(n.value, n.span);
  for (const r of k.resources) addAll(into, loadResource(dir, r.value, { file, span: r.span }, ctx), { file, span: r.span });
  for (const c of k.components) {
    const cdir = joinPath(dir, c.value);
    const found = findKustomization(cdir, ctx.read);
    if (!found) fail(`the component ${c.value} has no kustomization`, file, c.span);
    const ck = kustomizationOf(found.text);
    if (!ck || ck.kind !== 'Component') fail(`${c.value} is not a Component`, file, c.span);
    accumulate(cdir, found.file, ck, into, { ...ctx, reportAt: ctx.reportAt ?? { file, span: c.span } });
  }
  if (k.notBuilt.some((n) => GENERATORS.has(n.value))) {
    const generated = generate(ctx.read(file) ?? '', file, (rel) => joinPath(dir, rel), ctx.read, ctx.canHash);
    for (const l of generated.left) report(l.what, l.origin.span);
    const at = { file, span: k.notBuilt.find((n) => GENERATORS.has(n.value))!.span };
    for (const made of generated.roots) {
      if (made.behavior === 'create') {
        addAll(into, [{ root: made.root, ids: [idOf(made.root)], file, source: entryOf(get(made.root, 'metadata'), 'name')!.value.origin, hashed: made.hashed }], at);
        continue;
      }
      const id = idOf(made.root);
      const i = into.findIndex((r) => allIds(r).some((x) => x.kind === id.kind && x.name === id.name && effectiveNamespace(x) === effectiveNamespace(id)));
      if (i < 0) fail(`${id.kind} ${id.name} to ${made.behavior} is not among the resources`, file, made.root.origin.span);
      const old = into[i]!;
      const merged = mergeGenerated(old.root, made, old.hashed ?? false);
      into[i] = { ...old, root: merged.root, hashed: merged.hashed };
    }
  }
  transform(dir, file, k, into, ctx);
  ctx.stack.pop();
  return into;
}

/** Appends kustomize's content hash to a generated object's name (references follow it, as other renames). */
function hashName(r: Res, sha256: (text: string) => string): void {
  const meta = get(r.root, 'metadata');
  const name = entryOf(meta, 'name');
  if (meta?.kind !== 'map' || !name) return;
  rememberId(r);
  setEntry(meta, 'name', kScalar(`${str(name.value) ?? ''}-${contentHash(r.root, sha256)}`, name.value.origin), name.keyOrigin);
}

/** The reader recovers what it can from broken YAML; kustomize refuses it, and so does the build. */
function kustomizationOf(text: string): Kustomization | undefined {
  return readDocs(text, '').some((d) => d.broken) ? undefined : readKustomization(text);
}

function addAll(into: Res[], more: readonly Res[], at: { file: string; span: Span }): void {
  for (const r of more) {
    const key = idKey(curId(r));
    if (into.some((x) => idKey(curId(x)) === key)) fail(`two objects have the id ${key} (kustomize refuses this)`, at.file, at.span);
    into.push(r);
  }
}

function loadResource(dir: string, entry: string, at: { file: string; span: Span }, ctx: Context): Res[] {
  const path = joinPath(dir, entry);
  const text = isKustomizationFile(path) ? undefined : ctx.read(path);
  if (text !== undefined) {
    const objects = loadObjects(text, path, at);
    if (objects.some((r) => curId(r).kind === 'StatefulSet')) ctx.seen.statefulSet = true;
    return objects;
  }
  const found = findKustomization(path, ctx.read);
  if (!found) fail(`cannot read ${entry}`, at.file, at.span);
  const k = kustomizationOf(found.text);
  if (!k) fail(`${entry}: the kustomization is not a valid YAML mapping`, at.file, at.span);
  if (k.kind === 'Component') fail(`${entry} is a Component, not a resource`, at.file, at.span);
  return accumulate(path, found.file, k, [], { ...ctx, reportAt: ctx.reportAt ?? at });
}

function loadObjects(text: string, path: string, at: { file: string; span: Span }): Res[] {
  const out: Res[] = [];
  for (const doc of readDocs(text, path)) {
    if (doc.broken) fail(`${path} has YAML errors`, at.file, at.span);
    if (doc.root.kind !== 'map') fail(`${path} holds a document that is not an object`, at.file, at.span);
    const items = get(doc.root, 'items');
    const kind = str(get(doc.root, 'kind')) ?? '';
    const roots = kind.endsWith('List') && items?.kind === 'seq' ? items.items : [doc.root];
    for (const root of roots) {
      if (root.kind !== 'map') fail(`${path} holds an item that is not an object`, at.file, at.span);
      const id = idOf(root);
      if (!id.kind || !id.name) fail(`${path} holds an object without kind or metadata.name`, at.file, at.span);
      out.push({ root, ids: [id], file: path, source: entryOf(get(root, 'metadata'), 'name')!.value.origin });
    }
  }
  return out;
}

function transform(dir: string, file: string, k: Kustomization, res: Res[], ctx: Context): void {
  const at = (span: Span | undefined): Origin => ({ file, span: span ?? { start: 0, end: 0 } });
  const inField = (f: PatchEntry['field']) => k.patches.filter((p) => p.field === f);
  for (const p of inField('patchesStrategicMerge')) applyPatchEntry(dir, file, p, res, ctx);
  for (const p of inField('patches')) applyPatchEntry(dir, file, p, res, ctx);
  if (k.namespace) setNamespace(res, k.namespace.value, at(k.namespace.span));
  if (k.namePrefix || k.nameSuffix) {
    const origin = at((k.namePrefix ?? k.nameSuffix)!.span);
    addNameAffixes(res, k.namePrefix?.value ?? '', k.nameSuffix?.value ?? '', origin);
  }
  if (k.commonLabels) addLabels(res, k.commonLabels, SELECTOR_LABEL_FIELDS, at(k.commonLabelsSpan));
  for (const l of k.labels) {
    const specs: FieldSpec[] = l.includeSelectors ? [...SELECTOR_LABEL_FIELDS] : [{ path: 'metadata/labels', create: true }, ...(l.includeTemplates ? TEMPLATE_LABEL_FIELDS : [])];
    for (const f of l.fields ?? []) specs.push(f);
    addLabels(res, l.pairs, specs, at(l.span));
  }
  if (k.commonAnnotations) addLabels(res, k.commonAnnotations, ANNOTATION_FIELDS, at(k.commonAnnotationsSpan));
  for (const p of inField('patchesJson6902')) applyPatchEntry(dir, file, p, res, ctx);
  for (const r of k.replicas) setReplicas(res, r.name, r.count, at(r.span));
  for (const i of k.images) setImages(res, i, at(i.span));
}

interface PatchDoc {
  readonly root: KNode;
  readonly file: string;
  readonly span: Span;
  readonly inline: boolean;
}

function patchDocs(dir: string, file: string, p: PatchEntry, ctx: Context): PatchDoc[] {
  if (p.path && p.inline) fail('a patch has both path and patch', file, p.span);
  if (p.inline) return inlineDocs(p.inline, file);
  if (!p.path) fail('a patch has neither path nor patch', file, p.span);
  const path = joinPath(dir, p.path.value);
  const text = ctx.read(path);
  if (text === undefined) fail(`cannot read the patch ${p.path.value}`, file, p.path.span);
  const docs = readDocs(text, path);
  if (docs.some((d) => d.broken)) fail(`the patch ${p.path.value} has YAML errors`, file, p.path.span);
  return docs.map((d) => ({ root: d.root, file: path, span: d.root.origin.span, inline: false }));
}

/** An inline patch's values are placed in the kustomization file, where the patch text is written. */
function inlineDocs(inline: InlinePatch, file: string): PatchDoc[] {
  const docs = readDocs(inline.text, file);
  if (docs.some((d) => d.broken)) fail('the inline patch has YAML errors', file, inline.span);
  const place = (o: Origin): Origin => {
    const start = inline.toFile(o.span.start);
    const end = inline.toFile(o.span.end);
    return start !== undefined && end !== undefined ? { file, span: { start, end } } : { file, span: inline.span };
  };
  const walk = (n: KNode): void => {
    n.origin = place(n.origin);
    if (n.kind === 'map') for (const e of n.entries) {
      e.keyOrigin = place(e.keyOrigin);
      walk(e.value);
    }
    if (n.kind === 'seq') n.items.forEach(walk);
  };
  docs.forEach((d) => walk(d.root));
  return docs.map((d) => ({ root: d.root, file, span: inline.span, inline: true }));
}

function applyPatchEntry(dir: string, file: string, p: PatchEntry, res: Res[], ctx: Context): void {
  const docs = patchDocs(dir, file, p, ctx);
  const where = p.path ? { file, span: p.path.span } : { file, span: p.span };
  const json = p.field === 'patchesJson6902' || docs[0]?.root.kind === 'seq';
  try {
    if (json) {
      if (!p.target) fail('a JSON patch needs a target', file, p.span);
      if (docs.length !== 1) fail('a JSON patch is one document', file, p.span);
      const targets = select(res, p.target);
      record(ctx, docs[0]!, targets);
      for (const r of targets) {
        const out = applyJsonPatch(r.root, docs[0]!.root);
        if (out.kind !== 'map') throw new PatchError('the patch made the object something other than a mapping');
        r.root = out;
        dropEmptyAnnotations(r.root);
      }
      return;
    }
    for (const doc of docs) {
      if (doc.root.kind !== 'map') fail('a strategic merge patch is a mapping', file, p.span);
      const targets = p.target ? select(res, p.target) : [findPatched(res, doc.root, where)];
      record(ctx, doc, targets);
      for (const r of targets) smp(r, doc.root, res, p.options?.allowNameChange ?? false, p.options?.allowKindChange ?? false);
    }
  } catch (e) {
    if (e instanceof PatchError) fail(`a patch fails: ${e.message}`, where.file, where.span);
    throw e;
  }
}

function record(ctx: Context, doc: PatchDoc, targets: readonly Res[]): void {
  ctx.patches.push({
    file: doc.file,
    span: doc.span,
    inline: doc.inline,
    targets: targets.map((r) => {
      const id = curId(r);
      return { kind: id.kind, name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}), source: r.source };
    }),
  });
}

/** The object an untargeted strategic merge patch names: by kind, name and namespace, under any id it had. */
function findPatched(res: readonly Res[], patch: KNode, where: { file: string; span: Span }): Res {
  const id = idOf(patch as KMap);
  const matches = res.filter((r) => allIds(r).some((x) =>
    x.kind === id.kind && x.name === id.name && (id.group === '' && id.version === '' ? true : x.group === id.group && x.version === id.version) &&
    (id.namespace === '' || effectiveNamespace(x) === effectiveNamespace(id))));
  if (matches.length !== 1) fail(`the patch for ${id.kind} ${id.name} ${matches.length === 0 ? 'matches no object' : 'matches several objects'}`, where.file, where.span);
  return matches[0]!;
}

function smp(r: Res, patch: KNode, all: Res[], allowName: boolean, allowKind: boolean): void {
  const before = curId(r);
  const meta = get(r.root, 'metadata');
  const nameEntry = entryOf(meta, 'name');
  const nsEntry = entryOf(meta, 'namespace');
  const kindEntry = entryOf(r.root, 'kind');
  const merged = mergeValue(r.root, patch, '', isBuiltIn(before));
  if (merged === undefined || (merged.kind === 'map' && merged.entries.length === 0)) {
    all.splice(all.indexOf(r), 1);
    return;
  }
  if (merged.kind !== 'map') throw new PatchError('the patch made the object something other than a mapping');
  r.root = merged;
  const m = get(merged, 'metadata');
  if (m?.kind === 'map') {
    if (!allowName && nameEntry) setEntry(m, 'name', nameEntry.value, nameEntry.keyOrigin);
    if (nsEntry) setEntry(m, 'namespace', nsEntry.value, nsEntry.keyOrigin);
    else deleteEntry(m, 'namespace');
  }
  if (!allowKind && kindEntry) setEntry(merged, 'kind', kindEntry.value, kindEntry.keyOrigin);
  if (isBuiltIn(before)) dropNullValues(merged);
  dropEmptyAnnotations(merged);
}

/** kyaml's merge clears the null fields of the object it patches (measured: a field unknown to the schema keeps its null; we do not model that). */
function dropNullValues(n: KNode): void {
  if (n.kind === 'seq') n.items.forEach(dropNullValues);
  if (n.kind !== 'map') return;
  n.entries = n.entries.filter((e) => !(e.value.kind === 'scalar' && e.value.value === null));
  for (const e of n.entries) dropNullValues(e.value);
}

/** A patched object loses empty `metadata.annotations`: kustomize rewrites them around every patch. */
function dropEmptyAnnotations(root: KMap): void {
  const meta = get(root, 'metadata');
  const a = entryOf(meta, 'annotations')?.value;
  if (meta?.kind === 'map' && a && ((a.kind === 'scalar' && a.value === null) || (a.kind === 'map' && a.entries.length === 0))) deleteEntry(meta, 'annotations');
}

const BUILT_IN_GROUPS = /^(|apps|batch|policy|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|scheduling\.k8s\.io|admissionregistration\.k8s\.io|apiextensions\.k8s\.io|coordination\.k8s\.io|discovery\.k8s\.io|node\.k8s\.io|certificates\.k8s\.io)$/;

function isBuiltIn(id: ResId): boolean {
  return BUILT_IN_GROUPS.test(id.group);
}

function regex(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new PatchError(`the target pattern ${JSON.stringify(pattern)} is not a regular expression we can read`);
  }
}

/** The objects a patch target selects, as kustomize selects them (anchored patterns, original or current name and namespace). */
export function select(res: readonly Res[], t: PatchTarget): Res[] {
  const [group, version, kind, name, namespace] = [t.group, t.version, t.kind, t.name, t.namespace].map(regex);
  const labels = t.labelSelector ? parseSelector(t.labelSelector) : undefined;
  const annotations = t.annotationSelector ? parseSelector(t.annotationSelector) : undefined;
  return res.filter((r) => {
    const cur = curId(r);
    const org = r.ids[0]!;
    if (namespace && !namespace.test(effectiveNamespace(org)) && !namespace.test(effectiveNamespace(cur))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if ((group && !group.test(cur.group)) || (version && !version.test(cur.version)) || (kind && !kind.test(cur.kind))) return false;
    if (labels && selects(labels, stringMap(get(r.root, 'metadata', 'labels'))) !== true) return false;
    if (annotations && selects(annotations, stringMap(get(r.root, 'metadata', 'annotations'))) !== true) return false;
    return true;
  });
}

function stringMap(n: KNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (n?.kind === 'map') for (const e of n.entries) if (e.value.kind === 'scalar' && e.value.value !== null) out[e.key] = String(e.value.value);
  return out;
}

/** Kubernetes' label selector syntax (`a=b,c!=d,e in (x,y),!f,g`) as a selector (evaluated by labelSelector.ts). */
export function parseSelector(text: string): LabelSelector {
  const matchExpressions: SelectorRequirement[] = [];
  for (const raw of text.match(/[^,(]+(\([^)]*\))?/g) ?? []) {
    const part = raw.trim();
    if (part === '') continue;
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()) });
    } else if ((m = part.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/))) {
      matchExpressions.push({ key: m[1]!, operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] });
    } else if ((m = part.match(/^!\s*([\w./-]+)$/))) {
      matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist', values: [] });
    } else if ((m = part.match(/^([\w./-]+)$/))) {
      matchExpressions.push({ key: m[1]!, operator: 'Exists', values: [] });
    } else {
      throw new PatchError(`cannot read the selector ${JSON.stringify(text)}`);
    }
  }
  return { matchExpressions };
}

/** What each patch of the overlay in `dir` (and of its bases) applies to: for hovers on a patch. `file`: only the patches written in that file. */
export function patchTargets(dir: string, read: ReadFile, file?: string): readonly AppliedPatch[] {
  const patches = buildKustomization(dir, read)?.patches ?? [];
  return file === undefined ? patches : patches.filter((p) => p.file === normalizePath(file));
}
