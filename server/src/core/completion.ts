/**
 * Completion inside a StatefulSet: the keys valid where the cursor is (with snippets for nested
 * blocks, never a key already present), enum values, and values taken from the document and the
 * workspace: volume names for mounts, headless Services for `serviceName`, StorageClasses for
 * `storageClassName`, and each possible `partition` with the pods it would update.
 *
 * The context comes from `cursorContext` (locate.ts), which reads indentation rather than the
 * parse tree, so it works on the half-typed lines completion is asked on.
 */
import type { Analysis } from './analyze';
import { documentedChildren, fieldDoc, type FieldDoc } from './fieldDocs';
import { describeField } from './hover';
import { cursorContext, fieldPath, type CursorContext, type PathStep } from './locate';
import { identityFor, nameRange, volumeRefsOf } from './navigation';
import { childFields, fieldInfo, schemaAt, type FieldSchema } from './schema';
import { atLeast, type KubeVersion } from './settings';
import type { Span } from './types';
import { inNamespace, type WorkspaceIndex } from './workspace';
import { asSeq, at, quoteStyleOf, scalarText, strValue } from './yamlTree';

export interface CompletionItemData {
  readonly label: string;
  /** `field`: a key; `value`: an enum or literal value; `reference`: the name of another object. */
  readonly kind: 'field' | 'value' | 'reference';
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** True when `insertText` uses snippet syntax (`$1`, `${1|a,b|}`). */
  readonly snippet: boolean;
  /** Absolute span the item replaces. */
  readonly replace: Span;
  readonly sortText?: string;
  readonly filterText?: string;
  readonly preselect?: boolean;
}

/**
 * Keys the API server writes itself: offering them would only invite mistakes (`status` is
 * ignored on create; metadata like `uid` or `resourceVersion` is rejected or overwritten).
 */
const SERVER_WRITTEN = new Set(['status', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'resourceVersion', 'selfLink', 'uid']);

/** Partition values listed one by one; beyond this only the ends are offered. */
const MAX_PARTITIONS = 20;

export function completionsAt(analysis: Analysis, offset: number, index: WorkspaceIndex): CompletionItemData[] {
  const ctx = cursorContext(analysis, offset);
  // A document without a kind yet is being started: treat it as the StatefulSet it will be.
  if (!ctx || (ctx.kind !== undefined && ctx.kind !== 'StatefulSet')) return [];
  if (ctx.mode === 'value') return valueItems(analysis, ctx, index, listField(ctx.path));
  if (ctx.bareItem) {
    // `- Rea|` in a list of strings is a value, in a list of objects the first key of an item.
    const listPath = ctx.path.slice(0, -1);
    if (shapeOf({ doc: fieldDoc(fieldPath(listPath)), schema: schemaAt(listPath) }) === 'strings') return valueItems(analysis, ctx, index, listPath);
  }
  return keyItems(analysis, ctx);
}

/** The field a value belongs to: a flow sequence item belongs to its list. */
function listField(path: readonly PathStep[]): readonly PathStep[] {
  return typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
}

// ---- Keys ---------------------------------------------------------------------------------

/** What completion needs to know of a field: our docs where we wrote them, the schema for the rest. */
interface FieldView {
  readonly name: string;
  /** Folded path: `spec.template.spec.containers[].image`. */
  readonly path: string;
  readonly doc?: FieldDoc;
  readonly schema?: FieldSchema;
}

type Shape = 'object' | 'list' | 'strings' | 'map' | 'scalar';

/**
 * The fields an object at `path` may have: those the schema knows (apps/v1 as of the newest
 * release) that exist in the configured release, our documented ones first in the order we wrote
 * them, then the rest by name.
 */
function fieldsUnder(path: readonly PathStep[], version: KubeVersion): FieldView[] {
  const folded = fieldPath(path);
  const join = (name: string): string => (folded === '' ? name : `${folded}.${name}`);
  const parent = schemaAt(path);
  const documented = documentedChildren(folded);
  if (!parent) return documented.map((name) => ({ name, path: join(name), doc: fieldDoc(join(name)) }));
  const bySchema = new Map(childFields(parent).map((f) => [f.name ?? '', f]));
  const out: FieldView[] = [];
  for (const name of documented) {
    const schema = bySchema.get(name);
    if (!schema) continue;
    bySchema.delete(name);
    out.push({ name, path: join(name), doc: fieldDoc(join(name)), schema });
  }
  for (const [name, schema] of [...bySchema].sort((a, b) => a[0].localeCompare(b[0]))) out.push({ name, path: join(name), schema });
  return out.filter((f) => !f.schema?.history || atLeast(version, f.schema.history.since));
}

function shapeOf(f: { doc?: FieldDoc; schema?: FieldSchema }): Shape {
  switch (f.doc?.type) {
    case 'object':
    case 'list':
    case 'strings':
    case 'map':
      return f.doc.type;
    case undefined:
      break;
    default:
      return 'scalar';
  }
  const t = f.schema?.type;
  if (!t) return 'scalar';
  if (t.kind === 'array') return t.items.kind === 'object' ? 'list' : 'strings';
  return t.kind === 'primitive' ? 'scalar' : t.kind;
}

function typeTextOf(f: FieldView): string {
  return f.schema ? fieldInfo(f.schema).typeText : (f.doc?.type ?? '');
}

/** The file's text in [start, end), read from the document's chunk when it lies there (the whole text may not be one string). */
function around(analysis: Analysis, ctx: CursorContext, start: number, end: number): string {
  const { offset, chunkText } = ctx.place.placed;
  if (start >= offset && start <= offset + chunkText.length) return chunkText.slice(start - offset, end - offset);
  return analysis.text.slice(Math.max(0, start), end);
}

function keyItems(analysis: Analysis, ctx: CursorContext): CompletionItemData[] {
  const present = new Set(ctx.siblings);
  const version = analysis.settings.version;
  // Editing the key of an existing pair: replace the name only, keep its value.
  const keyOnly = /^[ \t]*:/.test(around(analysis, ctx, ctx.replace.end, ctx.replace.end + 64));
  const out: CompletionItemData[] = [];
  fieldsUnder(ctx.path, version).forEach((f, i) => {
    if ((present.has(f.name) && f.name !== ctx.prefix) || SERVER_WRITTEN.has(f.name)) return;
    const insert = keyOnly ? { text: f.name, snippet: false } : keyInsert(f, ctx.column, version);
    const gate = f.schema && fieldInfo(f.schema);
    const gated = gate?.gate && (!gate.onByDefault || !atLeast(version, gate.onByDefault)) ? `, off unless the ${gate.gate} feature gate is on` : '';
    out.push({
      label: f.name,
      kind: 'field',
      detail: typeTextOf(f) + (f.doc?.required ? ', required' : '') + gated,
      documentation: f.doc ? describeField(f.path, f.doc, version, true) : undefined,
      insertText: insert.text,
      snippet: insert.snippet,
      replace: ctx.replace,
      sortText: `${f.doc?.required ? 0 : f.doc ? 1 : 2}${String(i).padStart(3, '0')}`,
    });
  });
  return out;
}

function keyInsert(f: FieldView, column: number, version: KubeVersion): { text: string; snippet: boolean } {
  const name = f.name;
  const indent = ' '.repeat(column);
  const nl = `\n${indent}`;
  if (f.doc?.snippet) return { text: `${name}:${f.doc.snippet.replace(/\n/g, nl)}`, snippet: true };
  const values = allowedValues(f, version);
  switch (shapeOf(f)) {
    case 'object':
    case 'map':
      return { text: `${name}:${nl}  $0`, snippet: true };
    case 'list':
      return { text: `${name}:${nl}  - $0`, snippet: true };
    case 'strings':
      return { text: `${name}:${nl}  - ${values.length > 0 ? choice(values) : '$0'}`, snippet: true };
    default:
      if (values.length > 1) return { text: `${name}: ${choice(values)}`, snippet: true };
      if (values.length === 1) return { text: `${name}: ${values[0]}`, snippet: false };
      return { text: `${name}: $0`, snippet: true };
  }
}

/** `${1|a,b|}` with the default first. */
function choice(values: readonly string[]): string {
  return `\${1|${values.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
}

/** Our values (with their release) where we documented the field, else the schema's; the default first. */
function allowedValues(f: { doc?: FieldDoc; schema?: FieldSchema }, version: KubeVersion): string[] {
  const values = f.doc?.values ? f.doc.values.filter((v) => !v.since || atLeast(version, v.since)).map((v) => v.value) : (f.schema?.enum ?? []).filter((v) => v !== '');
  const t = f.schema?.type;
  if (f.doc?.type === 'boolean' || (t?.kind === 'primitive' && t.name === 'boolean')) values.push('true', 'false');
  const d = f.doc?.default;
  return d && values.includes(d) ? [d, ...values.filter((v) => v !== d)] : values;
}

// ---- Values -------------------------------------------------------------------------------

function valueItems(analysis: Analysis, ctx: CursorContext, index: WorkspaceIndex, fieldSteps: readonly PathStep[]): CompletionItemData[] {
  const field = fieldPath(fieldSteps);
  const doc = fieldDoc(field);
  const schema = schemaAt(fieldSteps);
  const items: Omit<CompletionItemData, 'replace' | 'insertText' | 'snippet'>[] = [];
  const version = analysis.settings.version;

  const taken = shapeOf({ doc, schema }) === 'strings' ? listValuesPresent(ctx, fieldSteps) : new Set<string>();
  allowedValues({ doc, schema }, version).forEach((v, i) => {
    if (taken.has(v)) return;
    const vd = doc?.values?.find((x) => x.value === v);
    items.push({ label: v, kind: 'value', detail: v === doc?.default ? 'default' : undefined, documentation: vd?.doc, sortText: String(i).padStart(3, '0'), preselect: v === doc?.default || undefined });
  });
  if (/(volumeMounts|volumeDevices)\[\]\.name$/.test(field)) items.push(...volumeNameItems(ctx, field.endsWith('volumeDevices[].name')));
  else if (field === 'spec.serviceName') items.push(...serviceItems(analysis, ctx, index));
  else if (field === 'spec.volumeClaimTemplates[].spec.storageClassName') items.push(...storageClassItems(index));
  else if (field === 'spec.updateStrategy.rollingUpdate.partition') items.push(...partitionItems(analysis, ctx));

  // Right after `key:` or a `-` marker the value needs its space.
  const lead = /^[:-]$/.test(around(analysis, ctx, ctx.replace.start - 1, ctx.replace.start)) ? ' ' : '';
  const t = schema?.type;
  const isText = !(t?.kind === 'primitive' && t.name !== 'string') && doc?.type !== 'integer' && doc?.type !== 'boolean';
  // Inside quotes the editor filters on what was typed from the opening quote, so the items start
  // with it too; a text value is written in the quotes typed, else in the quotes the file uses.
  const typed = around(analysis, ctx, ctx.replace.start, ctx.replace.start + 1);
  const open = typed === '"' || typed === "'" ? typed : undefined;
  const quote = open ?? quoteStyleOf(ctx.place.resource?.resource.root ?? ctx.place.placed.doc.root);
  return items.map((it) => {
    const value = isText ? quoted(it.label, quote) : it.label;
    return { ...it, insertText: lead + value, snippet: false, replace: ctx.replace, filterText: lead + (open && isText ? value : (open ?? '') + it.label) };
  });
}

/** `s` in the quotes given, or as a plain scalar (quoted only where YAML would misread it). */
function quoted(s: string, quote: '"' | "'" | undefined): string {
  if (quote === '"') return JSON.stringify(s);
  if (quote === "'") return `'${s.replace(/'/g, "''")}'`;
  return yamlString(s);
}

/** Values already in the list being typed into (so `accessModes` does not offer them twice). */
function listValuesPresent(ctx: CursorContext, fieldSteps: readonly PathStep[]): Set<string> {
  const out = new Set<string>();
  if (!ctx.place.resource) return out;
  for (const item of asSeq(at(ctx.place.resource.resource.root, ...fieldSteps))?.items ?? []) {
    const v = scalarText(item);
    if (v !== undefined && v !== ctx.prefix) out.add(v);
  }
  return out;
}

/**
 * A string as a plain YAML scalar, quoted when a YAML 1.1 reader would take it for something else
 * (`yes`, `off`, `~`, `0755`, `1e3`, `12:30`) or when it starts or contains YAML syntax.
 */
export function yamlString(s: string): string {
  const other = /^(y|yes|n|no|true|false|on|off|null|~|)$/i.test(s) || /^[-+]?(\.\d|\d)[\d_:.eExXa-fA-F+-]*$/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s);
  const syntax = /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) || /: |\s#|\s$/.test(s);
  return other || syntax ? JSON.stringify(s) : s;
}

type Item = Omit<CompletionItemData, 'replace' | 'insertText' | 'snippet'>;

function volumeNameItems(ctx: CursorContext, device: boolean): Item[] {
  const pr = ctx.place.resource;
  if (!pr) return [];
  const refs = volumeRefsOf(pr);
  const root = pr.resource.root;
  const out: Item[] = [];
  const seen = new Set<string>();
  asSeq(at(root, 'spec', 'volumeClaimTemplates'))?.items.forEach((t) => {
    const name = strValue(at(t, 'metadata', 'name'));
    if (!name || seen.has(name)) return;
    seen.add(name);
    const block = strValue(at(t, 'spec', 'volumeMode')) === 'Block';
    const storage = scalarText(at(t, 'spec', 'resources', 'requests', 'storage'));
    // Block claims belong in volumeDevices, file systems in volumeMounts: list the fitting ones first.
    const fits = block === device;
    out.push({ label: name, kind: 'reference', detail: `claim template${storage ? `, ${storage}` : ''}${block ? ', block' : ''}`, documentation: 'Each pod mounts its own PVC made from this template.', sortText: `${fits ? 0 : 2}${name}` });
  });
  for (const v of refs.volumes) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    out.push({ label: v.name, kind: 'reference', detail: `pod volume${v.source ? ` (${v.source})` : ''}`, documentation: 'The same volume in every pod.', sortText: `1${v.name}` });
  }
  return out;
}

/** Headless Services of the StatefulSet's namespace: a pod's subdomain only works with a Service in its own. */
function serviceItems(analysis: Analysis, ctx: CursorContext, index: WorkspaceIndex): Item[] {
  const namespace = ctx.place.resource?.resource.namespace ?? strValue(at(ctx.place.placed.doc.root, 'metadata', 'namespace')) ?? analysis.settings.defaultNamespace;
  const out: Item[] = [];
  const seen = new Set<string>();
  for (const s of inNamespace(index.find('Service'), namespace, analysis.settings.defaultNamespace)) {
    if (s.clusterIP !== 'None' || seen.has(s.name)) continue;
    seen.add(s.name);
    out.push({ label: s.name, kind: 'reference', detail: `headless Service in ${namespace}`, documentation: `Defined in ${s.uri}`, sortText: s.name });
  }
  return out;
}

function storageClassItems(index: WorkspaceIndex): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  for (const s of index.find('StorageClass')) {
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    out.push({
      label: s.name,
      kind: 'reference',
      detail: [s.provisioner, s.isDefaultClass ? 'default class' : undefined].filter(Boolean).join(', ') || 'StorageClass',
      documentation: `Defined in ${s.uri}`,
      sortText: `${s.isDefaultClass ? 0 : 1}${s.name}`,
    });
  }
  return out;
}

function partitionItems(analysis: Analysis, ctx: CursorContext): Item[] {
  const pr = ctx.place.resource;
  const id = pr && identityFor(analysis, pr);
  if (!id || id.replicas === 0) return [];
  const n = id.replicas;
  const base = id.name || '<name>';
  const pod = (i: number): string => `${base}-${id.startOrdinal + i}`;
  const run = (from: number, to: number): string => nameRange(pod(from), pod(to - 1), to - from);
  const values = new Set<number>();
  for (let p = 0; p <= Math.min(n, MAX_PARTITIONS); p++) values.add(p);
  values.add(n - 1);
  values.add(n);
  return [...values].sort((a, b) => a - b).map((p) => {
    let detail: string;
    if (p >= n) detail = 'updates no pod: the rollout is held';
    else if (p === 0) detail = `updates all: ${run(0, n)}`;
    else detail = `updates ${run(p, n)}; ${run(0, p)} ${p === 1 ? 'stays' : 'stay'}`;
    return { label: String(p), kind: 'value', detail, sortText: String(p).padStart(10, '0') };
  });
}
