/**
 * Identity references: places where manifests use the names a StatefulSet generates (pod names,
 * PVC names, pod DNS names) as values. One reader for the rules, hover, navigation, rename and
 * the preview.
 *
 * Two steps, so that a keystroke stays cheap:
 * - `candidatesOf(doc)` walks a parsed document once and keeps the strings that sit where a name
 *   is used (env values, args and command items, ConfigMap data, Secret stringData, VolumeSnapshot
 *   sources, PVC data sources, claimName, pod-name selectors) and contain something shaped like
 *   `<name>-<ordinal>`. It depends on the document alone, so it is remembered per document.
 * - `resolve` looks each such token up in the workspace index by name (a hash lookup, recorded
 *   by IndexReads), so only StatefulSets a document names are read, and a change of one of them
 *   (replicas, serviceName, claim templates) runs the references to it again.
 *
 * A token is a reference only when it names a known StatefulSet and an ordinal (`mysql-4`), a
 * PVC of one of its claim templates (`data-mysql-4`), or a pod under a Service (`mysql-4.mysql`,
 * `.default`, `.svc`, `.svc.cluster.local`): `redis-3.6.5` names no Service and is not one.
 * Names themselves come from identities.ts (podNameOf, claimNameOf), never from here.
 */
import { claimNameOf, namedSetOf, podNameOf, POD_NAME_LABEL, type NamedSet } from './identities';
import type { Analysis } from './analyze';
import type { PreviewEntry, PreviewReference } from './identityModel';
import type { ParsedDoc } from './parse';
import type { ResolvedSettings } from './settings';
import { LineIndex } from './text';
import type { Span } from './types';
import type { ResourceSummary, WorkspaceIndex } from './workspace';
import { asMap, asSeq, at, strValue, type YMap, type YNode, type YScalar } from './yamlTree';

/** Where a reference was written. */
export type ReferenceContext = 'env' | 'args' | 'command' | 'configmap-data' | 'secret-stringdata' | 'snapshot-source' | 'data-source' | 'claim-name' | 'pod-selector';

const CONTEXT_TEXT: Record<ReferenceContext, string> = {
  env: 'an env value',
  args: 'args',
  command: 'command',
  'configmap-data': 'ConfigMap data',
  'secret-stringdata': 'Secret stringData',
  'snapshot-source': 'a VolumeSnapshot source',
  'data-source': 'a PVC data source',
  'claim-name': 'a claimName',
  'pod-selector': `a ${POD_NAME_LABEL} selector`,
};

export function contextText(c: ReferenceContext): string {
  return CONTEXT_TEXT[c];
}

/** A string where a name may be used. */
interface Candidate {
  readonly node: YScalar;
  readonly context: ReferenceContext;
  /** Strings with the same group form one list (one args list, one data value). */
  readonly group: number;
  /** The whole value is one name of this kind (a claimName is a PVC, a pod-name selector a pod). */
  readonly whole?: 'pod' | 'pvc';
  /** The namespace of the object holding it, as written. */
  readonly namespace?: string;
}

export interface IdentityReference {
  /** Relative to the chunk of the document it was found in (add the chunk's offset for a file offset). */
  readonly span: Span;
  readonly text: string;
  readonly context: ReferenceContext;
  readonly group: number;
  readonly target: 'pod' | 'pvc';
  /** The StatefulSet, as the index knows it. */
  readonly set: ResourceSummary;
  /** Its names' facts, defaults applied. */
  readonly facts: NamedSet;
  /** Ordinals named: one, or a range written `{0...3}`. */
  readonly from: number;
  readonly to: number;
  /** For a PVC: the claim template part, its span, and whether the StatefulSet has it. */
  readonly template?: { readonly name: string; readonly span: Span; readonly known: boolean };
  /** For a DNS name: the subdomain and (when written) namespace labels. */
  readonly dns?: {
    readonly subdomain: string;
    readonly subdomainSpan: Span;
    readonly namespace?: string;
    readonly namespaceSpan?: Span;
  };
  /** The namespace the name is looked up in: the DNS name's, else the referring object's. */
  readonly namespace: string;
  /** The referring object's namespace, when written. */
  readonly referrerNamespace?: string;
}

// ---- Candidates ---------------------------------------------------------------------------

/** A name shape somewhere in the text: `-<digits>` or `-{` (a range). */
const SHAPE = /-(?:\d|\{\d)/;

// Candidates depend only on the document, which is immutable once parsed and cached with its
// chunk: remembering them by the document object is a property of the document, not shared state.
const CANDIDATES = new WeakMap<ParsedDoc, readonly Candidate[]>();

function candidatesOf(doc: ParsedDoc): readonly Candidate[] {
  let found = CANDIDATES.get(doc);
  if (!found) {
    const out: Candidate[] = [];
    const root = asMap(doc.root);
    if (root) objectCandidates(root, out, { next: 0 });
    found = out;
    CANDIDATES.set(doc, found);
  }
  return found;
}

/** Whether a document holds strings that may name a StatefulSet's pods or PVCs. */
export function mayReference(doc: ParsedDoc): boolean {
  return candidatesOf(doc).length > 0;
}

function objectCandidates(obj: YMap, out: Candidate[], groups: { next: number }): void {
  const kind = strValue(at(obj, 'kind'));
  // Only Kubernetes objects use names; other YAML (values files, CI configs) is not read.
  if (!kind) return;
  const namespace = strValue(at(obj, 'metadata', 'namespace'));
  const add = (n: YNode | null | undefined, context: ReferenceContext, group: number, whole?: 'pod' | 'pvc'): void => {
    if (n && n.kind === 'scalar' && typeof n.value === 'string' && SHAPE.test(n.value)) out.push({ node: n, context, group, whole, namespace });
  };
  if (kind === 'List') {
    for (const item of asSeq(at(obj, 'items'))?.items ?? []) {
      const m = asMap(item);
      if (m) objectCandidates(m, out, groups);
    }
    return;
  }
  if (kind === 'ConfigMap' || kind === 'Secret') {
    const data = asMap(at(obj, kind === 'ConfigMap' ? 'data' : 'stringData'));
    for (const p of data?.pairs ?? []) add(p.value, kind === 'ConfigMap' ? 'configmap-data' : 'secret-stringdata', groups.next++);
    return;
  }
  if (kind === 'VolumeSnapshot') add(at(obj, 'spec', 'source', 'persistentVolumeClaimName'), 'snapshot-source', groups.next++, 'pvc');
  // Aliases share nodes: each is read once, so an alias bomb costs its size, not its expansion.
  const seen = new Set<YNode>();
  walk(obj, undefined);

  function walk(n: YNode | null | undefined, parentKey: string | undefined): void {
    if (!n || seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'seq') {
      for (const it of n.items) walk(it, undefined);
      return;
    }
    if (n.kind !== 'map') return;
    for (const p of n.pairs) {
      const v = p.value;
      switch (p.keyText) {
        case 'env':
          for (const e of asSeq(v)?.items ?? []) add(at(e, 'value'), 'env', groups.next++);
          continue;
        case 'args':
        case 'command': {
          const group = groups.next++;
          const seq = asSeq(v);
          if (seq) for (const it of seq.items) add(it, p.keyText, group);
          else add(v, p.keyText, group);
          continue;
        }
        case 'dataSource':
        case 'dataSourceRef': {
          const ref = asMap(v);
          if (strValue(at(ref, 'kind')) === 'PersistentVolumeClaim' && !strValue(at(ref, 'apiGroup'))) add(at(ref, 'name'), 'data-source', groups.next++, 'pvc');
          continue;
        }
        case 'persistentVolumeClaim':
          add(at(v, 'claimName'), 'claim-name', groups.next++, 'pvc');
          continue;
        case POD_NAME_LABEL:
          if (parentKey === 'selector' || parentKey === 'matchLabels') add(v, 'pod-selector', groups.next++, 'pod');
          continue;
        case 'matchExpressions':
          for (const e of asSeq(v)?.items ?? []) {
            if (strValue(at(e, 'key')) !== POD_NAME_LABEL) continue;
            const group = groups.next++;
            for (const x of asSeq(at(e, 'values'))?.items ?? []) add(x, 'pod-selector', group, 'pod');
          }
          continue;
        // Metadata never uses a name as a reference (labels, annotations are free text).
        case 'metadata':
          continue;
        default:
          walk(v, p.keyText);
      }
    }
  }
}

// ---- Tokens -------------------------------------------------------------------------------

/** A run of DNS characters, with `{0...3}` ranges inside it. */
const TOKEN = /[a-z0-9{][a-z0-9.{}-]*/g;
/** `<base>-<ordinal or {a...b}>` then `.label`s. */
const NAME = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(?:(\d+)|\{(\d+)\.\.\.?(\d+)\})((?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$/;
const WORD = /[A-Za-z0-9_]/;

interface Token {
  readonly start: number;
  readonly text: string;
  readonly base: string;
  readonly from: number;
  readonly to: number;
  /** Labels after the first, each with its start in the text. */
  readonly labels: readonly { readonly text: string; readonly start: number }[];
}

/** Name-shaped tokens in `source` (a scalar's text as written), offsets relative to it. */
function tokensIn(source: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) {
    let text = m[0];
    const start = m.index;
    // A sentence's full stop or a dash after a name is not part of it.
    while (text.length > 0 && /[.-]$/.test(text)) text = text.slice(0, -1);
    const before = start > 0 ? source[start - 1] : '';
    const after = source[start + text.length] ?? '';
    if (WORD.test(before) || (WORD.test(after) && !/[.-]/.test(after))) continue;
    const n = NAME.exec(text);
    if (!n) continue;
    const from = Number(n[2] ?? n[3]);
    const to = Number(n[2] ?? n[4]);
    if (to < from) continue;
    const labels: { text: string; start: number }[] = [];
    let at = text.length - n[5].length;
    for (const label of n[5].split('.').slice(1)) {
      labels.push({ text: label, start: start + at + 1 });
      at += label.length + 1;
    }
    out.push({ start, text, base: n[1], from, to, labels });
  }
  return out;
}

// ---- Resolving ----------------------------------------------------------------------------

/** A document's references, resolved against the index. Spans are relative to the document's chunk. */
export function referencesOf(doc: ParsedDoc, chunkText: string, index: WorkspaceIndex, settings: ResolvedSettings): IdentityReference[] {
  const out: IdentityReference[] = [];
  for (const c of candidatesOf(doc)) {
    const quoted = c.node.style === 'QUOTE_DOUBLE' || c.node.style === 'QUOTE_SINGLE';
    const start = c.node.span.start + (quoted ? 1 : 0);
    const source = chunkText.slice(start, c.node.span.end - (quoted ? 1 : 0));
    for (const t of tokensIn(source)) {
      // A whole-value context is one name and nothing else.
      if (c.whole && (t.start !== 0 || t.text.length !== source.trim().length || t.labels.length > 0)) continue;
      const r = resolve(t, start, c, index, settings);
      if (r) out.push(r);
    }
  }
  return out;
}

function pick(index: WorkspaceIndex, name: string, namespace: string, settings: ResolvedSettings): ResourceSummary | undefined {
  const sets = index.find('StatefulSet', name);
  if (sets.length === 0) return undefined;
  return sets.find((s) => (s.namespace || settings.defaultNamespace) === namespace) ?? sets[0];
}

function resolve(t: Token, offset: number, c: Candidate, index: WorkspaceIndex, settings: ResolvedSettings): IdentityReference | undefined {
  const span = { start: offset + t.start, end: offset + t.start + t.text.length };
  const own = c.namespace || settings.defaultNamespace;
  const base = { span, text: t.text, context: c.context, group: c.group, from: t.from, to: t.to, ...(c.namespace ? { referrerNamespace: c.namespace } : {}) };
  const ordinalMatches = (name: string, expected: string): boolean => t.from !== t.to || name === expected;

  if (t.labels.length > 0) {
    // A DNS name: `<pod>.<service>[.<namespace>[.svc[.<domain>]]]`.
    const [sub, ns, svc] = t.labels;
    if (t.labels.length > 2 && svc.text !== 'svc') return undefined;
    const namespace = ns?.text ?? own;
    const set = pick(index, t.base, namespace, settings);
    if (!set || !ordinalMatches(t.text.split('.')[0], podNameOf(set.name, t.from))) return undefined;
    const facts = namedSetOf(set, settings);
    // The subdomain must be the set's Service, some Service, or sit in the cluster's DNS shape.
    const known = sub.text === facts.serviceName || svc !== undefined || index.find('Service', sub.text).length > 0;
    if (!known) return undefined;
    const dns = {
      subdomain: sub.text,
      subdomainSpan: { start: offset + sub.start, end: offset + sub.start + sub.text.length },
      ...(ns ? { namespace: ns.text, namespaceSpan: { start: offset + ns.start, end: offset + ns.start + ns.text.length } } : {}),
    };
    return { ...base, target: 'pod', set, facts, dns, namespace };
  }

  if (c.whole !== 'pvc') {
    const set = pick(index, t.base, own, settings);
    if (set && ordinalMatches(t.text, podNameOf(set.name, t.from))) return { ...base, target: 'pod', set, facts: namedSetOf(set, settings), namespace: own };
  }
  if (c.whole === 'pod') return undefined;
  // A PVC: `<template>-<set>-<ordinal>`; try each cut of the base at a dash.
  for (let cut = t.base.indexOf('-'); cut > 0; cut = t.base.indexOf('-', cut + 1)) {
    const template = t.base.slice(0, cut);
    const set = pick(index, t.base.slice(cut + 1), own, settings);
    if (!set) continue;
    const facts = namedSetOf(set, settings);
    const known = facts.claimTemplates.includes(template);
    // In free text only a claim template the set has makes a PVC name; a claimName is one by its place.
    if (!known && c.whole !== 'pvc') continue;
    if (!ordinalMatches(t.text, claimNameOf(template, set.name, t.from))) continue;
    return { ...base, target: 'pvc', set, facts, template: { name: template, span: { start: span.start, end: span.start + template.length }, known }, namespace: own };
  }
  return undefined;
}

// ---- For rules: one resolution per document run -------------------------------------------

// The rules of one run share the index view (and its read log): resolving once per document and
// view serves them all; a new run brings a new view.
const RESOLVED = new WeakMap<ParsedDoc, { readonly index: WorkspaceIndex; readonly refs: readonly IdentityReference[] }>();

/** `referencesOf` for rules: the references of `doc` through the run's index view. */
export function referencesForRule(ctx: { readonly doc: ParsedDoc; readonly text: string; readonly index: WorkspaceIndex; readonly settings: ResolvedSettings; readonly patch?: unknown }): readonly IdentityReference[] {
  // A Kustomize patch is no object of its own: the names in it are the base's business.
  if (ctx.patch) return [];
  const known = RESOLVED.get(ctx.doc);
  if (known && known.index === ctx.index) return known.refs;
  const refs = referencesOf(ctx.doc, ctx.text, ctx.index, ctx.settings);
  RESOLVED.set(ctx.doc, { index: ctx.index, refs });
  return refs;
}

// ---- Words for messages and hovers --------------------------------------------------------

/** `mysql-0 … mysql-2`, `mysql-0`, or `no pods`. */
export function podRun(facts: NamedSet): string {
  if (facts.replicas === 0) return 'no pods';
  const first = podNameOf(facts.name, facts.startOrdinal);
  if (facts.replicas === 1) return first;
  const last = podNameOf(facts.name, facts.startOrdinal + facts.replicas - 1);
  return facts.replicas === 2 ? `${first} and ${last}` : `${first} … ${last}`;
}

/** Whether every ordinal the reference names is a pod of the set at its current replicas. */
export function existsNow(r: IdentityReference): boolean {
  return r.from >= r.facts.startOrdinal && r.to < r.facts.startOrdinal + r.facts.replicas;
}

/** What the reference names, for people: `pod mysql-4 of StatefulSet mysql`. */
export function describeTarget(r: IdentityReference): string {
  const set = `StatefulSet ${r.facts.name} (namespace ${r.facts.namespace})`;
  const pods = r.from === r.to ? `pod ${podNameOf(r.facts.name, r.from)}` : `pods ${podNameOf(r.facts.name, r.from)} … ${podNameOf(r.facts.name, r.to)}`;
  if (r.target === 'pvc' && r.template) return `the PVC${r.from === r.to ? '' : 's'} of ${pods} from claim template ${r.template.name} of ${set}`;
  return `${pods} of ${set}`;
}

// ---- For editor features: references of a file, absolute spans ----------------------------

/** A reference with absolute spans, in the file `uri`. */
export interface FileReference extends IdentityReference {
  readonly uri: string;
}

function placed(r: IdentityReference, offset: number, uri: string): FileReference {
  const move = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  return {
    ...r,
    uri,
    span: move(r.span),
    template: r.template && { ...r.template, span: move(r.template.span) },
    dns: r.dns && {
      ...r.dns,
      subdomainSpan: move(r.dns.subdomainSpan),
      ...(r.dns.namespaceSpan ? { namespaceSpan: move(r.dns.namespaceSpan) } : {}),
    },
  };
}

// A document's references while the index's content and the settings stay: after a keystroke only
// the edited document is resolved again (the preview and inlay hints ask for the whole file's).
const IN_FILE = new WeakMap<ParsedDoc, { readonly index: WorkspaceIndex; readonly version: number; readonly settings: ResolvedSettings; readonly refs: readonly IdentityReference[] }>();

function resolvedIn(doc: ParsedDoc, chunkText: string, index: WorkspaceIndex, settings: ResolvedSettings): readonly IdentityReference[] {
  const known = IN_FILE.get(doc);
  if (known && known.index === index && known.version === index.contentVersion && known.settings === settings) return known.refs;
  const refs = referencesOf(doc, chunkText, index, settings);
  IN_FILE.set(doc, { index, version: index.contentVersion, settings, refs });
  return refs;
}

/** Every reference in an analysed file (none in a Kustomize patch), in file order. */
export function referencesInFile(a: Analysis, index: WorkspaceIndex): FileReference[] {
  if (a.patch) return [];
  const out: FileReference[] = [];
  for (const p of a.docs) for (const r of resolvedIn(p.doc, p.chunkText, index, a.settings)) out.push(placed(r, p.offset, a.uri));
  return out;
}

/** The reference under `offset`, reading only the document it is in. */
export function referenceAt(a: Analysis, offset: number, index: WorkspaceIndex): FileReference | undefined {
  if (a.patch) return undefined;
  for (const p of a.docs) {
    if (offset < p.offset + p.doc.span.start || offset > p.offset + p.doc.span.end) continue;
    for (const r of referencesOf(p.doc, p.chunkText, index, a.settings)) {
      if (offset >= r.span.start + p.offset && offset <= r.span.end + p.offset) return placed(r, p.offset, a.uri);
    }
  }
  return undefined;
}

/** Whether a reference names the StatefulSet `name` in `namespace`. */
export function refersTo(r: IdentityReference, name: string, namespace: string): boolean {
  return r.facts.name === name && r.facts.namespace === namespace;
}

// ---- For the preview and plans ------------------------------------------------------------

/** Names listed per reference for a range. */
const MAX_NAMES = 8;

/** What turns a file's offsets into lines: a LineIndex of its text, or the editor's open document. */
export interface Positions {
  positionAt(offset: number): { readonly line: number; readonly character: number };
}

const NO_LINES: Positions = new LineIndex('');

/**
 * References (referencesInFile) in the preview's form; `positionsOf` gives each file's lines (the
 * server passes its open documents, so no file's text is joined for this).
 */
export function previewReferencesOf(refs: readonly FileReference[], positionsOf: (uri: string) => Positions | undefined): (PreviewReference & { readonly set: string; readonly namespace: string })[] {
  const out: (PreviewReference & { set: string; namespace: string })[] = [];
  const lineIndexes = new Map<string, Positions>();
  for (const r of refs) {
    let lines = lineIndexes.get(r.uri);
    if (!lines) lineIndexes.set(r.uri, (lines = positionsOf(r.uri) ?? NO_LINES));
    const names: string[] = [];
    for (let o = r.from; o <= r.to && names.length < MAX_NAMES; o++) names.push(r.target === 'pvc' && r.template ? claimNameOf(r.template.name, r.facts.name, o) : podNameOf(r.facts.name, o));
    const at = lines.positionAt(r.span.start);
    out.push({ uri: r.uri, span: r.span, line: at.line, character: at.character, text: r.text, context: contextText(r.context), target: r.target, names, from: r.from, to: r.to, exists: existsNow(r), set: r.facts.name, namespace: r.facts.namespace });
  }
  return out;
}

/** `entries` with the references to each StatefulSet's pods and PVCs among `refs` (an additive field). */
export function withReferences(entries: readonly PreviewEntry[], refs: ReturnType<typeof previewReferencesOf>): PreviewEntry[] {
  return entries.map((e) => {
    const mine = refs.filter((r) => r.set === e.identity.name && r.namespace === e.identity.namespace).map(({ set: _set, namespace: _ns, ...r }) => r);
    return mine.length > 0 ? { ...e, references: mine } : e;
  });
}

/**
 * The references a scale of `entry` to `toReplicas` leaves dangling: those that name a pod (or its
 * PVC) that exists now and is removed. The hook for plans (scale, migration) to name them.
 */
export function danglingAfterScale(entry: PreviewEntry, toReplicas: number): PreviewReference[] {
  const cut = entry.identity.startOrdinal + Math.max(0, toReplicas);
  return (entry.references ?? []).filter((r) => r.exists && r.to >= cut);
}
