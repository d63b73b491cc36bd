/**
 * Which files and texts are Kustomize patches, decided from the kustomizations a caller sees:
 * the CLI from the files it was given, the language server from its workspace. One function for
 * both, so they agree. Paths are plain strings; callers normalise theirs with normalizePath.
 */
import type { Analysis } from '../analyze';
import type { ParsedDoc, ResourceKind } from '../parse';
import type { Span } from '../types';
import { parseChunk, splitChunks } from '../parse';
import { at, asMap, pairOf, strValue, type YNode } from '../yamlTree';
import { KUSTOMIZATION_FILE_NAMES, readKustomization, type InlinePatch, type Kustomization, type PatchEntry } from './kustomization';

export interface KustomizationText {
  readonly path: string;
  readonly text: string;
}

export interface PatchUse {
  /** The kustomization that names the patch (normalised path). */
  readonly kustomization: string;
  readonly entry: PatchEntry;
}

export interface PatchTargetRef {
  readonly kind?: string;
  readonly name?: string;
}

export interface InlinePatchUse extends PatchUse {
  readonly inline: InlinePatch;
  /** What it patches: the entry's target, else the kind and name of each object the patch holds. */
  readonly targets: readonly PatchTargetRef[];
}

export interface PatchPlan {
  /** Every kustomization read, by normalised path. */
  readonly kustomizations: ReadonlyMap<string, Kustomization>;
  /** Patch files by normalised path, with the kustomizations that name them. */
  readonly files: ReadonlyMap<string, readonly PatchUse[]>;
  readonly inline: readonly InlinePatchUse[];
}

/** `/` separators, no `.` or `..` segments, no doubled or trailing slashes (a URI's `//` after the scheme is kept). */
export function normalizePath(p: string): string {
  const unified = p.replace(/\\/g, '/');
  const scheme = /^[a-z][a-z0-9+.-]+:\/\//i.exec(unified)?.[0] ?? '';
  const rest = unified.slice(scheme.length);
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !absolute) out.push(seg);
  }
  return scheme + (absolute ? '/' : '') + out.join('/');
}

export function dirnameOf(p: string): string {
  const n = normalizePath(p);
  const slash = n.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 || n.endsWith(':/') ? n.slice(0, slash + 1) : n.slice(0, slash);
}

/** `rel` (as written in a kustomization) from the directory `dir`. */
export function joinPath(dir: string, rel: string): string {
  if (/^([a-z]:)?[\\/]/i.test(rel)) return normalizePath(rel);
  return normalizePath(`${dir}/${rel}`);
}

/** Reads the kustomizations and lists every patch they name, as a file or inline. */
export function planPatches(kustomizations: readonly KustomizationText[]): PatchPlan {
  const read = new Map<string, Kustomization>();
  const files = new Map<string, PatchUse[]>();
  const inline: InlinePatchUse[] = [];
  for (const { path, text } of kustomizations) {
    const k = readKustomization(text);
    if (!k) continue;
    const at = normalizePath(path);
    read.set(at, k);
    const dir = dirnameOf(at);
    for (const entry of k.patches) {
      const use = { kustomization: at, entry };
      if (entry.path) {
        const file = joinPath(dir, entry.path.value);
        const uses = files.get(file);
        if (uses) uses.push(use);
        else files.set(file, [use]);
      }
      if (entry.inline) inline.push({ ...use, inline: entry.inline, targets: entry.target?.kind || entry.target?.name ? [entry.target] : objectsIn(entry.inline.text) });
    }
  }
  return { kustomizations: read, files, inline };
}

function objectsIn(text: string): PatchTargetRef[] {
  const out: PatchTargetRef[] = [];
  for (const chunk of splitChunks(text)) {
    for (const doc of parseChunk(chunk.text)) {
      const kind = strValue(pairOf(doc.root, 'kind')?.value);
      const name = strValue(at(doc.root, 'metadata', 'name'));
      if (kind || name) out.push({ kind, name });
    }
  }
  return out;
}

/** The kustomization file in a directory, if the plan has one. */
function kustomizationIn(plan: PatchPlan, dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const p = joinPath(dir, name);
    if (plan.kustomizations.has(p)) return p;
  }
  return undefined;
}

/**
 * The files whose objects a kustomization builds on: its resources and components, a directory
 * standing for the resources of the kustomization in it, followed down to the files.
 */
export function resourceFilesOf(plan: PatchPlan, kustomization: string, seen: Set<string> = new Set()): Set<string> {
  const out = new Set<string>();
  const at = normalizePath(kustomization);
  const k = plan.kustomizations.get(at);
  if (!k || seen.has(at)) return out;
  seen.add(at);
  const dir = dirnameOf(at);
  for (const r of [...k.resources, ...k.components]) {
    const p = joinPath(dir, r.value);
    const nested = kustomizationIn(plan, p);
    if (nested) for (const f of resourceFilesOf(plan, nested, seen)) out.add(f);
    else out.add(p);
  }
  return out;
}

/** Kubernetes decodes an explicit null like an absent field. */
function absent(n: YNode | null | undefined): boolean {
  return n === undefined || n === null || (n.kind === 'scalar' && n.value === null);
}

/**
 * A document nothing names as a patch but that reads as one: a StatefulSet with no selector, no
 * pod template labels and no serviceName. A whole StatefulSet needs the first two (the API server
 * rejects it without them), and one written by hand almost always has the third; a strategic
 * merge patch has none of them, because they come from the base. Such a document is checked as
 * a patch, and says so (rule unnamed-patch).
 */
export function looksLikePatch(doc: ParsedDoc): boolean {
  if (doc.resources.length !== 1) return false;
  const r = doc.resources[0];
  if (r.kind !== 'StatefulSet' || !r.served || r.listItem !== undefined) return false;
  const spec = asMap(pairOf(r.root, 'spec')?.value);
  if (!spec) return true;
  const labels = at(spec, 'template', 'metadata', 'labels');
  return absent(pairOf(spec, 'selector')?.value) && absent(pairOf(spec, 'serviceName')?.value) && (absent(labels) || (asMap(labels)?.pairs.length ?? 1) === 0);
}

/** The object whose `metadata.name` value is at `offset`: in a patch, the name says what it patches. */
export function patchNameAt(analysis: Analysis, offset: number): { kind: ResourceKind; name: string; span: Span } | undefined {
  for (const pr of analysis.resources) {
    const node = at(pr.resource.root, 'metadata', 'name');
    const name = strValue(node);
    if (!node || name === undefined) continue;
    const span = { start: pr.offset + node.span.start, end: pr.offset + node.span.end };
    if (offset >= span.start && offset <= span.end) return { kind: pr.resource.kind, name, span };
  }
  return undefined;
}

/**
 * The kind of object a patch patches, when every entry naming it says the same by its target (a
 * kind in the apps group for a StatefulSet). Undefined when an entry has no target or they differ.
 */
export function patchTargetKind(uses: readonly PatchUse[]): string | undefined {
  let kind: string | undefined;
  for (const { entry } of uses) {
    const t = entry.target;
    if (!t?.kind || (t.kind === 'StatefulSet' && t.group !== undefined && t.group !== 'apps')) return undefined;
    if (kind !== undefined && kind !== t.kind) return undefined;
    kind = t.kind;
  }
  return kind;
}
