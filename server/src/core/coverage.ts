/**
 * Which files are ours, and which parts of them went unchecked: one answer for the language
 * server and the CLI, so the editor and CI speak about the same files.
 *
 * Most YAML in a repository is not Kubernetes (docker-compose, CI configs, Ansible, OpenAPI), and
 * editors already have a YAML server for its syntax. A file is a Kubernetes file when one of its
 * documents has a top-level apiVersion and kind; its findings are reported when it holds a
 * StatefulSet, or when a Kubernetes rule found something about an object of a kind StatefulSets
 * work with (a Service, a PodDisruptionBudget...). A Deployment with a removed apiVersion, or a
 * tab in a docker-compose file, is somebody else's business.
 */
import { MAX_FILE_LENGTH, type Analysis } from './analyze';
import { ruleMeta } from './rules';
import { LIMIT_ERRORS, LIMIT_PROBLEMS } from './rules/analysisLimit';
import type { Span } from './types';
import { at, strValue } from './yamlTree';

/** Findings that judge YAML as YAML, whatever it describes (a rule's `layer`, and a rule that failed). */
function yamlLevel(code: string): boolean {
  return code === 'internal-error' || ruleMeta(code)?.layer === 'yaml';
}
const TEMPLATE_RULE = 'template-file';
const STATEFULSET_LINE = /^[ \t]*kind:[ \t]*["']?StatefulSet\b/m;
/** What a template or an unparsed file shows of an object: both keys at the start of a line. */
const API_VERSION_LINE = /^[ \t]*apiVersion:[ \t]*\S/m;
const KIND_LINE = /^[ \t]*kind:[ \t]*\S/m;

/** Kinds a StatefulSet works with: their objects matter to us even in a file of their own. */
const RELATED_KINDS: ReadonlySet<string> = new Set(['StatefulSet', 'Service', 'PersistentVolumeClaim', 'StorageClass', 'PodDisruptionBudget']);

export function holdsStatefulSet(a: Analysis): boolean {
  // A template or a file too large to parse: a `kind: StatefulSet` line is all there is to go on.
  if (a.template || a.tooLarge) return STATEFULSET_LINE.test(a.text);
  return a.docs.some((p) => p.doc.kind === 'StatefulSet' || p.doc.resources.some((r) => r.kind === 'StatefulSet'));
}

/** At least one document is a Kubernetes object: it has a top-level apiVersion and kind. */
export function holdsKubernetesObject(a: Analysis): boolean {
  if (a.template || a.tooLarge) return API_VERSION_LINE.test(a.text) && KIND_LINE.test(a.text);
  return a.docs.some((p) => p.doc.kind !== undefined && p.doc.apiVersion !== undefined);
}

/** Who an object is: enough to tell it from the others of a run, wherever its lines move. */
export interface ObjectIdentity {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The object at a file offset: a List item's own identity, else its document's. */
export function objectAt(a: Analysis, offset: number): ObjectIdentity | undefined {
  for (const p of a.docs) {
    if (offset < p.offset + p.doc.span.start || offset > p.offset + p.doc.span.end) continue;
    const item = p.doc.resources.find((r) => r.listItem !== undefined && offset >= p.offset + r.root.span.start && offset <= p.offset + r.root.span.end);
    if (item) return { apiVersion: item.apiVersion, kind: item.kind, namespace: item.namespace, name: item.name };
    const root = p.doc.root;
    return { apiVersion: p.doc.apiVersion, kind: p.doc.kind, namespace: strValue(at(root, 'metadata', 'namespace')), name: strValue(at(root, 'metadata', 'name')) };
  }
  return undefined;
}

/** A file whose findings we report (see the top of this file). */
export function relatesToStatefulSets(a: Analysis): boolean {
  // A file a kustomization names as a patch, and a kustomization with inline patches, are Kustomize's: we speak about them.
  if (a.patch || (a.inlinePatches?.length ?? 0) > 0) return true;
  return (
    holdsStatefulSet(a) ||
    a.findings.some((f) => f.code !== TEMPLATE_RULE && !yamlLevel(f.code) && (ruleMeta(f.code)?.aboutStatefulSets === true || RELATED_KINDS.has(objectAt(a, f.span.start)?.kind ?? '')))
  );
}

/** A part of a file that was not checked, and why. Spans are absolute. */
export interface UncheckedPart {
  readonly span: Span;
  readonly reason: string;
}

/**
 * What the analysis limits left unchecked that we would have spoken about: the whole file when
 * it is too large and holds a StatefulSet, a document of a kind StatefulSets work with that is
 * too large or nested too deep. A template is not unchecked (it is not a manifest until
 * rendered), nor are findings left out past the per-file cap (all were found).
 */
export function uncheckedParts(a: Analysis): UncheckedPart[] {
  if (a.tooLarge) return holdsStatefulSet(a) ? [{ span: a.tooLarge.span, reason: `This file has ${a.text.length.toLocaleString('en-US')} characters, more than the ${MAX_FILE_LENGTH.toLocaleString('en-US')} that are checked; it is not checked.` }] : [];
  const parts: UncheckedPart[] = [];
  for (const p of a.docs) {
    if (!RELATED_KINDS.has(p.doc.kind ?? '')) continue;
    const at = (span: Span): Span => ({ start: p.offset + span.start, end: p.offset + span.end });
    for (const e of p.doc.errors) if (LIMIT_ERRORS.has(e.code)) parts.push({ span: at(e.span), reason: e.message });
    for (const pr of p.doc.problems) if (LIMIT_PROBLEMS.has(pr.code)) parts.push({ span: at(pr.span), reason: pr.message });
  }
  return parts;
}
