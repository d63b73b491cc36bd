/**
 * Go to definition, find references, rename, inlay hints and code lenses: pure functions of an
 * analysis and an offset, answering with absolute spans.
 *
 * What refers to what:
 * - a container's `volumeMounts[].name` / `volumeDevices[].name` -> a claim template
 *   (`spec.volumeClaimTemplates[].metadata.name`) or a pod volume (`spec.template.spec.volumes[].name`)
 *   of the same StatefulSet; a claim template wins over a pod volume of the same name, as the
 *   controller replaces such a volume with the pod's claim;
 * - `spec.serviceName` -> a Service of that name in the StatefulSet's namespace (any file);
 * - a claim template's `spec.storageClassName` (and a PVC's) -> a StorageClass (any file);
 * - a pod, PVC or pod DNS name written in a value (references.ts) -> its StatefulSet (any file),
 *   and a StatefulSet's `metadata.name` -> every such name of its pods and PVCs.
 *
 * Only the object under the cursor is read; other files are known through the workspace index,
 * and, for references, through analyses of the files `referenceCandidates` names.
 */
import type { Analysis, PlacedResource } from './analyze';
import { claimNameOf, identitiesOf, identityOf, podNameOf } from './identities';
import type { StatefulSetIdentity } from './identityModel';
import { fieldPath, nodeAt, type NodeHit } from './locate';
import { dns1123LabelProblem } from './names';
import { referenceAt, referencesInFile, refersTo, type FileReference } from './references';
import type { Span } from './types';
import { inNamespace, type ResourceSummary, type WorkspaceIndex } from './workspace';
import { asSeq, at, pairOf, strValue, type YNode, type YScalar } from './yamlTree';

/** A span in some file. */
export interface FileSpan {
  readonly uri: string;
  readonly span: Span;
}

// ---- Volume names inside one StatefulSet --------------------------------------------------

export interface VolumeName {
  readonly name: string;
  /** Absolute span of the name's text (inside the quotes when quoted). */
  readonly span: Span;
}

export interface VolumeRefs {
  readonly claims: readonly VolumeName[];
  readonly volumes: readonly (VolumeName & { readonly source?: string })[];
  readonly mounts: readonly (VolumeName & { readonly device: boolean; readonly container?: string })[];
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The span of a scalar's text without its quotes. */
export function textSpan(s: YScalar, offset: number): Span {
  const quoted = s.style === 'QUOTE_DOUBLE' || s.style === 'QUOTE_SINGLE';
  const start = s.span.start + offset + (quoted ? 1 : 0);
  const end = s.span.end + offset - (quoted ? 1 : 0);
  return { start, end: Math.max(start, end) };
}

function nameOf(n: YNode | null | undefined, offset: number): VolumeName | undefined {
  const name = strValue(n);
  if (name === undefined || !n || n.kind !== 'scalar') return undefined;
  return { name, span: textSpan(n, offset) };
}

/** Claim templates, pod volumes and the mounts that name them, for one StatefulSet. */
export function volumeRefsOf(pr: PlacedResource): VolumeRefs {
  const spec = at(pr.resource.root, 'spec');
  const podSpec = at(spec, 'template', 'spec');
  const claims: VolumeName[] = [];
  for (const t of asSeq(at(spec, 'volumeClaimTemplates'))?.items ?? []) {
    const n = nameOf(at(t, 'metadata', 'name'), pr.offset);
    if (n) claims.push(n);
  }
  const volumes: (VolumeName & { source?: string })[] = [];
  for (const v of asSeq(at(podSpec, 'volumes'))?.items ?? []) {
    const n = nameOf(at(v, 'name'), pr.offset);
    const source = v?.kind === 'map' ? v.pairs.find((p) => p.keyText !== 'name')?.keyText : undefined;
    if (n) volumes.push({ ...n, source });
  }
  const mounts: (VolumeName & { device: boolean; container?: string })[] = [];
  for (const list of CONTAINER_LISTS) {
    for (const c of asSeq(at(podSpec, list))?.items ?? []) {
      const container = strValue(at(c, 'name'));
      for (const [key, device] of [['volumeMounts', false], ['volumeDevices', true]] as const) {
        for (const m of asSeq(at(c, key))?.items ?? []) {
          const n = nameOf(at(m, 'name'), pr.offset);
          if (n) mounts.push({ ...n, device, container });
        }
      }
    }
  }
  return { claims, volumes, mounts };
}

// ---- What is under the cursor -------------------------------------------------------------

export type NameSymbol =
  | { readonly kind: 'volume'; readonly name: string; readonly resource: PlacedResource }
  | { readonly kind: 'service'; readonly name: string; readonly namespace: string }
  | { readonly kind: 'storageClass'; readonly name: string }
  | { readonly kind: 'statefulSet'; readonly name: string; readonly namespace: string; readonly resource: PlacedResource };

export interface SymbolHit {
  readonly symbol: NameSymbol;
  /** The name's text under the cursor (inside quotes). */
  readonly span: Span;
  /** How the name is used where the cursor is. */
  readonly role: 'declaration' | 'reference';
  readonly hit: NodeHit;
}

const MOUNT_NAME = /^spec\.template\.spec\.(initContainers|containers|ephemeralContainers)\[\]\.(volumeMounts|volumeDevices)\[\]\.name$/;

/** The name under `offset` that navigation knows, if any. */
export function symbolAt(analysis: Analysis, offset: number): SymbolHit | undefined {
  const hit = nodeAt(analysis, offset);
  if (!hit || hit.on !== 'value' || !hit.scalar) return undefined;
  const name = strValue(hit.scalar);
  const pr = hit.place.resource;
  if (name === undefined || name === '' || !pr) return undefined;
  const span = textSpan(hit.scalar, hit.place.placed.offset);
  const path = fieldPath(hit.path);
  const r = pr.resource;
  const namespace = r.namespace ?? analysis.settings.defaultNamespace;
  const make = (symbol: NameSymbol, role: SymbolHit['role']): SymbolHit => ({ symbol, span, role, hit });
  switch (r.kind) {
    case 'StatefulSet':
      if (path === 'spec.volumeClaimTemplates[].metadata.name' || path === 'spec.template.spec.volumes[].name') return make({ kind: 'volume', name, resource: pr }, 'declaration');
      if (MOUNT_NAME.test(path)) return make({ kind: 'volume', name, resource: pr }, 'reference');
      if (path === 'spec.serviceName') return make({ kind: 'service', name, namespace }, 'reference');
      if (path === 'spec.volumeClaimTemplates[].spec.storageClassName') return make({ kind: 'storageClass', name }, 'reference');
      if (path === 'metadata.name' && r.served) return make({ kind: 'statefulSet', name, namespace, resource: pr }, 'declaration');
      return undefined;
    case 'Service':
      return path === 'metadata.name' ? make({ kind: 'service', name, namespace }, 'declaration') : undefined;
    case 'StorageClass':
      return path === 'metadata.name' ? make({ kind: 'storageClass', name }, 'declaration') : undefined;
    case 'PersistentVolumeClaim':
      return path === 'spec.storageClassName' ? make({ kind: 'storageClass', name }, 'reference') : undefined;
    default:
      return undefined;
  }
}

/** Services named `name` in `namespace`, headless ones first. */
export function servicesNamed(index: WorkspaceIndex, name: string, namespace: string, defaultNamespace: string): ResourceSummary[] {
  const found = inNamespace(index.find('Service', name), namespace, defaultNamespace);
  return [...found.filter((s) => s.clusterIP === 'None'), ...found.filter((s) => s.clusterIP !== 'None')];
}

/** StorageClasses named `name` (cluster-scoped: any namespace). */
export function storageClassesNamed(index: WorkspaceIndex, name: string): readonly ResourceSummary[] {
  return index.find('StorageClass', name);
}

/** The claim templates (first) or pod volumes a volume name resolves to. */
function volumeDeclarations(refs: VolumeRefs, name: string): VolumeName[] {
  const claims = refs.claims.filter((c) => c.name === name);
  return claims.length > 0 ? claims : refs.volumes.filter((v) => v.name === name);
}

// ---- Definition and references ------------------------------------------------------------

export function definitionAt(analysis: Analysis, offset: number, index: WorkspaceIndex): FileSpan[] {
  const ref = referenceAt(analysis, offset, index);
  if (ref) return [{ uri: ref.set.uri, span: ref.set.nameSpan }];
  const s = symbolAt(analysis, offset);
  if (!s) return [];
  const sym = s.symbol;
  switch (sym.kind) {
    case 'statefulSet':
      return [{ uri: analysis.uri, span: s.span }];
    case 'volume':
      return volumeDeclarations(volumeRefsOf(sym.resource), sym.name).map((d) => ({ uri: analysis.uri, span: d.span }));
    case 'service':
      return servicesNamed(index, sym.name, sym.namespace, analysis.settings.defaultNamespace).map((x) => ({ uri: x.uri, span: x.nameSpan }));
    case 'storageClass':
      return storageClassesNamed(index, sym.name).map((x) => ({ uri: x.uri, span: x.nameSpan }));
  }
}

/**
 * Where a PVC reference's claim template is declared, given the analysis of its StatefulSet's
 * file (the index knows template names, not where they are written).
 */
export function claimTemplateDefinition(setFile: Analysis, ref: FileReference): FileSpan | undefined {
  const name = ref.template?.known ? ref.template.name : undefined;
  if (!name) return undefined;
  const id = identitiesOf(setFile).find((i) => i.name === ref.facts.name && i.namespace === ref.facts.namespace);
  const span = id?.claimTemplates.find((t) => t.name === name)?.nameSpan;
  return span && { uri: setFile.uri, span };
}

/**
 * Files other than this one that may hold references to the name under `offset`: those the
 * caller should analyse and pass to `referencesAt`. Empty for names local to one object.
 */
export function referenceCandidates(analysis: Analysis, offset: number, index: WorkspaceIndex): string[] {
  const s = symbolAt(analysis, offset);
  if (!s) return [];
  const sym = s.symbol;
  const uris = new Set<string>();
  if (setOf(s, analysis.settings.defaultNamespace)) {
    // Names are used by objects of any kind: every indexed file may hold some (callers add the
    // open documents, which may hold only ConfigMaps or Secrets and so not be indexed).
    for (const summaries of index.all()) for (const x of summaries) uris.add(x.uri);
  } else if (sym.kind === 'volume' || sym.kind === 'statefulSet') {
    return [];
  } else if (sym.kind === 'service') {
    for (const x of inNamespace(index.find('StatefulSet'), sym.namespace, analysis.settings.defaultNamespace)) if (x.serviceName === sym.name) uris.add(x.uri);
  } else {
    // Summaries do not carry claim templates' classes: every file with a StatefulSet may refer.
    for (const x of index.find('StatefulSet')) uris.add(x.uri);
    for (const x of index.find('PersistentVolumeClaim')) if (x.storageClassName === sym.name) uris.add(x.uri);
  }
  uris.delete(analysis.uri);
  return [...uris].sort();
}

/** The identity references to a StatefulSet (optionally: only PVCs of one claim template) in analysed files. */
function identityUses(files: readonly Analysis[], index: WorkspaceIndex, name: string, namespace: string, template?: string): FileReference[] {
  const out: FileReference[] = [];
  for (const a of files) {
    for (const r of referencesInFile(a, index)) {
      if (refersTo(r, name, namespace) && (template === undefined || r.template?.name === template)) out.push(r);
    }
  }
  return out;
}

/** The subdomain labels of pod DNS names under a governing Service, in analysed files. */
function serviceDnsUses(files: readonly Analysis[], index: WorkspaceIndex | undefined, sym: { readonly name: string; readonly namespace: string }): FileSpan[] {
  if (!index) return [];
  const out: FileSpan[] = [];
  for (const a of files) {
    for (const r of referencesInFile(a, index)) {
      if (r.dns && r.dns.subdomain === sym.name && r.facts.serviceName === sym.name && r.facts.namespace === sym.namespace) out.push({ uri: r.uri, span: r.dns.subdomainSpan });
    }
  }
  return out;
}

/** The StatefulSet a symbol names or belongs to (a claim template's). */
function setOf(s: SymbolHit, defaultNamespace: string): { name: string; namespace: string } | undefined {
  const sym = s.symbol;
  if (sym.kind === 'statefulSet') return { name: sym.name, namespace: sym.namespace };
  if (sym.kind !== 'volume' || !volumeRefsOf(sym.resource).claims.some((c) => c.name === sym.name)) return undefined;
  const r = sym.resource.resource;
  return r.name ? { name: r.name, namespace: r.namespace || defaultNamespace } : undefined;
}

/** Uses of a Service or StorageClass name inside one analysed file. */
function usesIn(a: Analysis, sym: Exclude<NameSymbol, { kind: 'volume' } | { kind: 'statefulSet' }>): FileSpan[] {
  const out: FileSpan[] = [];
  const push = (n: YNode | null | undefined, offset: number): void => {
    if (strValue(n) === sym.name && n && n.kind === 'scalar') out.push({ uri: a.uri, span: textSpan(n, offset) });
  };
  for (const pr of a.resources) {
    const r = pr.resource;
    if (sym.kind === 'service' && r.kind === 'StatefulSet' && (r.namespace ?? a.settings.defaultNamespace) === sym.namespace) {
      push(at(r.root, 'spec', 'serviceName'), pr.offset);
    } else if (sym.kind === 'storageClass' && r.kind === 'StatefulSet') {
      for (const t of asSeq(at(r.root, 'spec', 'volumeClaimTemplates'))?.items ?? []) push(at(t, 'spec', 'storageClassName'), pr.offset);
    } else if (sym.kind === 'storageClass' && r.kind === 'PersistentVolumeClaim') {
      push(at(r.root, 'spec', 'storageClassName'), pr.offset);
    }
  }
  return out;
}

/**
 * Every use of the name under `offset`: in this file, in `others` (analyses of the files
 * `referenceCandidates` named) and, with `includeDeclaration`, where it is declared.
 */
export function referencesAt(analysis: Analysis, offset: number, index: WorkspaceIndex, includeDeclaration: boolean, others: readonly Analysis[] = []): FileSpan[] {
  const s = symbolAt(analysis, offset);
  if (!s) return [];
  const sym = s.symbol;
  let out: FileSpan[];
  const files = [analysis, ...others.filter((o) => o.uri !== analysis.uri)];
  const set = setOf(s, analysis.settings.defaultNamespace);
  if (sym.kind === 'statefulSet') {
    out = [...(includeDeclaration ? [{ uri: analysis.uri, span: s.span }] : []), ...identityUses(files, index, sym.name, sym.namespace).map(fileSpanOf)];
  } else if (sym.kind === 'volume') {
    const refs = volumeRefsOf(sym.resource);
    const decls = volumeDeclarations(refs, sym.name);
    const mounts = refs.mounts.filter((m) => m.name === sym.name);
    out = [...(includeDeclaration ? decls : []), ...mounts].map((d) => ({ uri: analysis.uri, span: d.span }));
    if (set) out.push(...identityUses(files, index, set.name, set.namespace, sym.name).map(fileSpanOf));
  } else {
    const decls = includeDeclaration ? definitionAt(analysis, offset, index) : [];
    out = [...decls, ...files.flatMap((f) => usesIn(f, sym)), ...(sym.kind === 'service' ? serviceDnsUses(files, index, sym) : [])];
  }
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = `${f.uri}#${f.span.start}:${f.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function fileSpanOf(r: FileReference): FileSpan {
  return { uri: r.uri, span: r.span };
}

// ---- Rename -------------------------------------------------------------------------------

export type PrepareRename = { readonly span: Span; readonly placeholder: string } | { readonly error: string };

/**
 * Renaming works on volume names (a claim template or pod volume and its mounts, together), on a
 * StatefulSet's name and on a Service's name, whose generated names elsewhere follow (renameAt).
 */
export function prepareRenameAt(analysis: Analysis, offset: number): PrepareRename | undefined {
  const s = symbolAt(analysis, offset);
  if (!s) return undefined;
  if (s.symbol.kind === 'statefulSet') return { span: s.span, placeholder: s.symbol.name };
  if (s.symbol.kind === 'service' && s.role === 'declaration') return { span: s.span, placeholder: s.symbol.name };
  if (s.symbol.kind === 'service') return { error: "Rename the Service on its metadata.name: the StatefulSets' serviceName and the pods' DNS names then follow." };
  if (s.symbol.kind !== 'volume') return { error: 'Renaming a StorageClass is not supported: its name is used by objects in the cluster that this workspace may not contain.' };
  if (volumeDeclarations(volumeRefsOf(s.symbol.resource), s.symbol.name).length === 0) {
    return { error: `No claim template or volume named "${s.symbol.name}" in this StatefulSet to rename.` };
  }
  return { span: s.span, placeholder: s.symbol.name };
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  /** Set for an edit in another file than the one renamed in. */
  readonly uri?: string;
}

export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };

/**
 * With `index`, the names a StatefulSet generates are renamed where other objects use them: the
 * set's part of its pod, PVC and DNS names for a StatefulSet, the template's part of its PVC
 * names for a claim template, in this file and in `others` (analyses of referenceCandidates).
 */
export function renameAt(analysis: Analysis, offset: number, newName: string, index?: WorkspaceIndex, others: readonly Analysis[] = []): RenameResult | undefined {
  const prepared = prepareRenameAt(analysis, offset);
  if (!prepared) return undefined;
  if ('error' in prepared) return prepared;
  const s = symbolAt(analysis, offset);
  const files = [analysis, ...others.filter((o) => o.uri !== analysis.uri)];
  const inFile = (r: FileReference, span: Span): TextEdit => (r.uri === analysis.uri ? { span, newText: newName } : { span, newText: newName, uri: r.uri });
  if (s?.symbol.kind === 'statefulSet') {
    const problem = dns1123LabelProblem(newName);
    if (problem) return { error: `"${newName}" is not a valid StatefulSet name: ${problem}.` };
    if (newName === s.symbol.name) return { edits: [] };
    const name = s.symbol.name;
    const uses = index ? identityUses(files, index, name, s.symbol.namespace) : [];
    const setPart = (r: FileReference): Span => {
      const start = r.template ? r.template.span.end + 1 : r.span.start;
      return { start, end: start + name.length };
    };
    return { edits: [{ span: s.span, newText: newName }, ...uses.map((r) => inFile(r, setPart(r)))] };
  }
  if (s?.symbol.kind === 'service') {
    const problem = dns1123LabelProblem(newName);
    if (problem) return { error: `"${newName}" is not a valid Service name: ${problem}.` };
    if (newName === s.symbol.name) return { edits: [] };
    const sym = s.symbol;
    const at = (f: FileSpan): TextEdit => (f.uri === analysis.uri ? { span: f.span, newText: newName } : { span: f.span, newText: newName, uri: f.uri });
    return { edits: [{ span: s.span, newText: newName }, ...files.flatMap((f) => usesIn(f, sym)).map(at), ...serviceDnsUses(files, index, sym).map(at)] };
  }
  if (!s || s.symbol.kind !== 'volume') return undefined;
  const problem = dns1123LabelProblem(newName);
  if (problem) return { error: `"${newName}" is not a valid volume name: ${problem}.` };
  if (newName === s.symbol.name) return { edits: [] };
  const refs = volumeRefsOf(s.symbol.resource);
  const isClaim = refs.claims.some((c) => c.name === s.symbol.name);
  const clash = [...refs.claims, ...refs.volumes].some((v) => v.name === newName);
  if (clash) return { error: `This StatefulSet already has a claim template or volume named "${newName}".` };
  const decls = isClaim ? refs.claims.filter((c) => c.name === s.symbol.name) : refs.volumes.filter((v) => v.name === s.symbol.name);
  const mounts = refs.mounts.filter((m) => m.name === s.symbol.name);
  const set = isClaim ? setOf(s, analysis.settings.defaultNamespace) : undefined;
  const uses = set && index ? identityUses(files, index, set.name, set.namespace, s.symbol.name) : [];
  return { edits: [...[...decls, ...mounts].map((d) => ({ span: d.span, newText: newName })), ...uses.flatMap((r) => (r.template ? [inFile(r, r.template.span)] : []))] };
}

// ---- Inlay hints and code lenses ----------------------------------------------------------

export interface InlayHintData {
  /** Absolute offset the hint sits at (after the value it explains). */
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/**
 * Longest hint label. VS Code cuts the inlay hints of a line past `editor.inlayHints.maximumLength`
 * characters (43 by default), from the end, which loses the last ordinal; a label kept under it
 * is cut by us where it says least (the common start of the names), and the tooltip has them whole.
 */
export const MAX_HINT = 40;

/** The StatefulSets (apps/v1) of a file with their index among them, as `identitiesOf` numbers them. */
export function statefulSetsOf(analysis: Analysis): { readonly pr: PlacedResource; readonly index: number }[] {
  const out: { pr: PlacedResource; index: number }[] = [];
  for (const pr of analysis.resources) if (pr.resource.kind === 'StatefulSet' && pr.resource.served) out.push({ pr, index: out.length });
  return out;
}

/** The identity of the StatefulSet that `pr` is, computed for it alone. */
export function identityFor(analysis: Analysis, pr: PlacedResource): StatefulSetIdentity | undefined {
  if (pr.resource.kind !== 'StatefulSet' || !pr.resource.served) return undefined;
  const index = statefulSetsOf(analysis).findIndex((s) => s.pr === pr);
  return identityOf(pr.resource, pr.offset, analysis.settings, index);
}

/** `web-0`, `web-0, web-1`, or `web-0 … web-9`: a run of names from the first and last. */
export function nameRange(first: string, last: string, count: number): string {
  if (count <= 0) return '';
  if (count === 1) return first;
  const sep = count === 2 ? ', ' : ' … ';
  const full = `${first}${sep}${last}`;
  if (full.length <= MAX_HINT) return full;
  const keep = Math.floor((MAX_HINT - sep.length) / 2);
  const cut = (s: string): string => (s.length <= keep ? s : `…${s.slice(s.length - keep + 1)}`);
  return `${cut(first)}${sep}${cut(last)}`;
}

/**
 * `references`: identity references the caller knows of (this file's and other files'); a
 * StatefulSet's `replicas` then also says how many of them name pods a scale-down removes.
 */
export function inlayHintsIn(analysis: Analysis, range: Span, references: readonly FileReference[] = []): InlayHintData[] {
  const out: InlayHintData[] = [];
  for (const { pr, index } of statefulSetsOf(analysis)) {
    const root = pr.resource.root;
    if (root.span.end + pr.offset < range.start || root.span.start + pr.offset > range.end) continue;
    const spec = at(root, 'spec');
    const replicas = pairOf(spec, 'replicas')?.value;
    const templates = asSeq(at(spec, 'volumeClaimTemplates'))?.items ?? [];
    const inRange = (n: YNode | null | undefined): n is YNode => !!n && n.span.end + pr.offset >= range.start && n.span.end + pr.offset <= range.end;
    const wanted = inRange(replicas) || templates.some((t) => inRange(at(t, 'metadata', 'name')));
    if (!wanted) continue;
    // The labels need the name and the ordinals, not a list of every pod.
    const id = identityOf(pr.resource, pr.offset, analysis.settings, index, 0);
    const count = id.replicas;
    const firstOrdinal = id.startOrdinal;
    const lastOrdinal = id.startOrdinal + count - 1;
    const base = id.name || '<name>';
    if (inRange(replicas) && replicas.kind === 'scalar' && replicas.type === 'int') {
      const label = count === 0 ? 'no pods' : nameRange(podNameOf(base, firstOrdinal), podNameOf(base, lastOrdinal), count);
      const names = count === 1 ? podNameOf(base, firstOrdinal) : `${podNameOf(base, firstOrdinal)} to ${podNameOf(base, lastOrdinal)} (ordinals ${firstOrdinal} to ${lastOrdinal})`;
      out.push({ offset: replicas.span.end + pr.offset, label, tooltip: count === 0 ? 'No pods' : `${count} pod${count === 1 ? '' : 's'}: ${names}` });
      const scaleDown = scaleDownHint(id, references);
      if (scaleDown) out.push({ offset: replicas.span.end + pr.offset, ...scaleDown });
    }
    for (const t of templates) {
      const n = at(t, 'metadata', 'name');
      const claim = strValue(n);
      if (!inRange(n) || !claim || count === 0) continue;
      const label = nameRange(claimNameOf(claim, base, firstOrdinal), claimNameOf(claim, base, lastOrdinal), count);
      const claims = count === 1 ? claimNameOf(claim, base, firstOrdinal) : `${claimNameOf(claim, base, firstOrdinal)} to ${claimNameOf(claim, base, lastOrdinal)}`;
      out.push({ offset: n.span.end + pr.offset, label, tooltip: `One PVC per pod: ${count} PVC${count === 1 ? '' : 's'} from claim template ${claim}: ${claims}` });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * How many references name pods above the first (those a scale-down removes, highest first), and
 * in the tooltip, what each smaller replica count would leave dangling.
 */
function scaleDownHint(id: StatefulSetIdentity, references: readonly FileReference[]): { label: string; tooltip: string } | undefined {
  const mine = references.filter((r) => refersTo(r, id.name, id.namespace));
  const start = id.startOrdinal;
  const dangling = (to: number): FileReference[] => mine.filter((r) => r.to >= start + to && r.to < start + id.replicas);
  const atRisk = dangling(1);
  if (atRisk.length === 0) return undefined;
  const lines: string[] = [];
  for (let to = id.replicas - 1; to >= 0 && lines.length < 5; to--) {
    const left = dangling(to);
    if (left.length > 0) lines.push(`Scaling to ${to} leaves ${left.length} reference${left.length === 1 ? '' : 's'} dangling: ${[...new Set(left.map((r) => r.text))].slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''}`);
  }
  return { label: `${atRisk.length} reference${atRisk.length === 1 ? '' : 's'} a scale-down would orphan`, tooltip: lines.join('\n') };
}

export interface CodeLensData {
  readonly span: Span;
  readonly title: string;
  readonly command: string;
  /** `[uri, statefulSetIndex]`: the index among the file's StatefulSets, as `identitiesOf` numbers them. */
  readonly arguments: readonly [string, number];
}

export const OPEN_PREVIEW_COMMAND = 'statefulset.openPreview';

/**
 * A "Preview pods, PVCs and DNS" lens on the first line of each StatefulSet, counting the advice
 * in it: hints draw no squiggle, so the lens is where a user learns there is some.
 */
export function codeLensesOf(analysis: Analysis): CodeLensData[] {
  return statefulSetsOf(analysis).map(({ pr, index }) => {
    const start = pr.resource.root.span.start + pr.offset;
    const end = pr.resource.root.span.end + pr.offset;
    const advice = analysis.findings.filter((f) => f.severity === 'hint' && f.span.start >= start && f.span.start <= end).length;
    const title = `Preview pods, PVCs and DNS${advice > 0 ? ` · ${advice} suggestion${advice === 1 ? '' : 's'}` : ''}`;
    return { span: { start, end: start }, title, command: OPEN_PREVIEW_COMMAND, arguments: [analysis.uri, index] };
  });
}
