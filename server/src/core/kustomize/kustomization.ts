/**
 * Reads a kustomization file (kustomization.yaml, kustomization.yml or Kustomization) into plain
 * data with spans, for the patch checks and the in-process overlay build. Only the fields those
 * use are read; everything else the file asks for is listed in `notBuilt`. Never throws.
 */
import { isMap, parseAllDocuments } from 'yaml';
import { MAX_DOCUMENT_LENGTH, PARSE_OPTIONS } from '../parse';
import { asMap, asSeq, convertDocument, pairOf, type YMap, type YNode, type YScalar } from '../yamlTree';
import type { Span } from '../types';

/** kustomization.yaml, kustomization.yml, Kustomization (kustomize's own three names). */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return KUSTOMIZATION_FILE_NAMES.includes(base);
}

/** A string as written in the kustomization, with the span of its value (offsets in that file's text). */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  /** kustomize treats name and namespace as anchored regular expressions. */
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

export interface InlinePatch {
  /** The patch text (the scalar's value). */
  readonly text: string;
  /** The scalar in the kustomization file. */
  readonly span: Span;
  /** Maps an offset in `text` to an offset in the kustomization file; undefined where it cannot (e.g. a double-quoted scalar with escapes). */
  toFile(offset: number): number | undefined;
}

export interface PatchEntry {
  readonly field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** Relative to the kustomization's directory, as written. */
  readonly path?: Located<string>;
  readonly inline?: InlinePatch;
  readonly target?: PatchTarget;
  readonly options?: { readonly allowNameChange?: boolean; readonly allowKindChange?: boolean };
  /** The whole entry. */
  readonly span: Span;
}

export interface LabelsEntry {
  readonly pairs: Readonly<Record<string, string>>;
  readonly includeSelectors: boolean;
  readonly includeTemplates: boolean;
  readonly fields?: readonly { readonly path: string; readonly kind?: string; readonly group?: string; readonly version?: string; readonly create?: boolean }[];
  readonly span: Span;
}

export interface Kustomization {
  readonly kind: 'Kustomization' | 'Component';
  /** `resources` then deprecated `bases`, in order; remote ones are in `notBuilt` instead. */
  readonly resources: readonly Located<string>[];
  readonly components: readonly Located<string>[];
  /** All three fields, in file order per field. */
  readonly patches: readonly PatchEntry[];
  readonly namePrefix?: Located<string>;
  readonly nameSuffix?: Located<string>;
  readonly namespace?: Located<string>;
  readonly commonLabels?: Readonly<Record<string, string>>;
  readonly commonLabelsSpan?: Span;
  readonly labels: readonly LabelsEntry[];
  readonly commonAnnotations?: Readonly<Record<string, string>>;
  readonly commonAnnotationsSpan?: Span;
  readonly replicas: readonly { readonly name: string; readonly count: number; readonly span: Span }[];
  readonly images: readonly { readonly name: string; readonly newName?: string; readonly newTag?: string; readonly digest?: string; readonly span: Span }[];
  /**
   * Fields present that the in-process build does not cover (configMapGenerator, secretGenerator,
   * helmCharts, replacements, vars, generators, transformers, validators, crds, openapi, ...),
   * each with the span of its key. Remote resources (URLs, git refs) are listed here too.
   */
  readonly notBuilt: readonly Located<string>[];
}

/** Fields read here, and fields that change nothing the build compares. */
const READ_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'components', 'patches', 'patchesStrategicMerge',
  'patchesJson6902', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'commonAnnotations',
  'replicas', 'images', 'generatorOptions', 'sortOptions',
]);

/** undefined when the text is not a YAML mapping (or not a kustomization). Never throws. */
export function readKustomization(text: string): Kustomization | undefined {
  if (text.length > MAX_DOCUMENT_LENGTH) return undefined;
  let root: YMap | undefined;
  try {
    // kustomize reads one document; a leading empty one (a comment before `---`) is skipped.
    const doc = parseAllDocuments(text, PARSE_OPTIONS).find((d) => d.contents !== null);
    if (!doc || !isMap(doc.contents)) return undefined;
    root = asMap(convertDocument(doc).root);
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const kindValue = str(text, pairOf(root, 'kind')?.value);
  if (kindValue !== undefined && kindValue !== 'Kustomization' && kindValue !== 'Component') return undefined;

  const notBuilt: Located<string>[] = [];
  const resources: Located<string>[] = [];
  for (const field of ['resources', 'bases']) {
    for (const r of strings(text, pairOf(root, field)?.value)) (isRemote(r.value) ? notBuilt : resources).push(r);
  }
  for (const p of root.pairs) if (!READ_FIELDS.has(p.keyText) && !p.merged) notBuilt.push({ value: p.keyText, span: p.keySpan });

  const k: Kustomization = {
    kind: kindValue === 'Component' ? 'Component' : 'Kustomization',
    resources,
    components: strings(text, pairOf(root, 'components')?.value),
    patches: [...patchesOf(text, root), ...strategicMergeOf(text, root), ...json6902Of(text, root)],
    namePrefix: located(text, pairOf(root, 'namePrefix')?.value),
    nameSuffix: located(text, pairOf(root, 'nameSuffix')?.value),
    namespace: located(text, pairOf(root, 'namespace')?.value),
    ...stringMap(text, root, 'commonLabels'),
    labels: labelsOf(text, root),
    ...stringMap(text, root, 'commonAnnotations'),
    replicas: replicasOf(text, root),
    images: imagesOf(text, root),
    notBuilt,
  };
  return k;
}

/**
 * kustomize fetches these instead of reading a local file or directory: URLs, scp-like git
 * addresses, hosted repositories written without a scheme, and anything with a git query.
 */
function isRemote(s: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ||
    /^git(@|::)/i.test(s) ||
    /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)[/:]/i.test(s) ||
    /\?(.*&)?(ref|version|timeout|submodules)=/.test(s)
  );
}

// ---- Scalars ------------------------------------------------------------------------------------

/**
 * A scalar as the string kustomize decodes it into: its value for a string, the text as written
 * for a plain number or boolean (`newTag: 1.10` means the tag "1.10", not the number 1.1).
 */
function str(text: string, n: YNode | null | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.value === null) return undefined;
  if (n.type === 'str') return n.value as string;
  return n.style === 'PLAIN' ? text.slice(n.span.start, n.span.end) : String(n.value);
}

function located(text: string, n: YNode | null | undefined): Located<string> | undefined {
  const value = str(text, n);
  return value === undefined || !n ? undefined : { value, span: n.span };
}

function strings(text: string, n: YNode | null | undefined): Located<string>[] {
  const out: Located<string>[] = [];
  for (const it of asSeq(n)?.items ?? []) {
    const l = located(text, it);
    if (l) out.push(l);
  }
  return out;
}

function bool(n: YNode | null | undefined): boolean | undefined {
  return n && n.kind === 'scalar' && n.type === 'bool' ? (n.value as boolean) : undefined;
}

function plainMap(text: string, n: YNode | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of asMap(n)?.pairs ?? []) {
    const v = p.value === null ? '' : str(text, p.value);
    if (v !== undefined) out[p.keyText] = v;
  }
  return out;
}

function stringMap(text: string, root: YMap, field: 'commonLabels' | 'commonAnnotations'): Partial<Kustomization> {
  const pair = pairOf(root, field);
  if (!pair || !asMap(pair.value)) return {};
  const value = plainMap(text, pair.value);
  return field === 'commonLabels' ? { commonLabels: value, commonLabelsSpan: pair.span } : { commonAnnotations: value, commonAnnotationsSpan: pair.span };
}

// ---- Patches ------------------------------------------------------------------------------------

function targetOf(text: string, n: YNode | null | undefined): PatchTarget | undefined {
  const m = asMap(n);
  if (!m) return undefined;
  const f = (key: string): string | undefined => str(text, pairOf(m, key)?.value);
  const t: Record<string, string> = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector']) {
    const v = f(key);
    if (v !== undefined) t[key] = v;
  }
  return t as PatchTarget;
}

function inlineOf(text: string, n: YNode | null | undefined): InlinePatch | undefined {
  if (!n || n.kind !== 'scalar' || n.type !== 'str') return undefined;
  return inlinePatch(text, n);
}

/** `patches`: each a path or an inline `patch`, with an optional target and options. */
function patchesOf(text: string, root: YMap): PatchEntry[] {
  const out: PatchEntry[] = [];
  for (const it of asSeq(pairOf(root, 'patches')?.value)?.items ?? []) {
    const m = asMap(it);
    if (!m) continue;
    const o = asMap(pairOf(m, 'options')?.value);
    const options = o ? { allowNameChange: bool(pairOf(o, 'allowNameChange')?.value), allowKindChange: bool(pairOf(o, 'allowKindChange')?.value) } : undefined;
    out.push({
      field: 'patches',
      path: located(text, pairOf(m, 'path')?.value),
      inline: inlineOf(text, pairOf(m, 'patch')?.value),
      target: targetOf(text, pairOf(m, 'target')?.value),
      options,
      span: m.span,
    });
  }
  return out;
}

/** `patchesStrategicMerge`: each string a path, or, when it parses as a YAML mapping, the patch itself. */
function strategicMergeOf(text: string, root: YMap): PatchEntry[] {
  const out: PatchEntry[] = [];
  for (const it of asSeq(pairOf(root, 'patchesStrategicMerge')?.value)?.items ?? []) {
    const l = located(text, it);
    if (!l || !it) continue;
    const inline = it.kind === 'scalar' && it.type === 'str' && parsesAsMapping(l.value) ? inlinePatch(text, it) : undefined;
    out.push(inline ? { field: 'patchesStrategicMerge', inline, span: it.span } : { field: 'patchesStrategicMerge', path: l, span: it.span });
  }
  return out;
}

function parsesAsMapping(s: string): boolean {
  if (!s.includes(':')) return false;
  try {
    const doc = parseAllDocuments(s, PARSE_OPTIONS).find((d) => d.contents !== null);
    return Boolean(doc && isMap(doc.contents) && doc.contents.items.length > 0);
  } catch {
    return false;
  }
}

/** `patchesJson6902`: each a target with a path or an inline `patch`. */
function json6902Of(text: string, root: YMap): PatchEntry[] {
  const out: PatchEntry[] = [];
  for (const it of asSeq(pairOf(root, 'patchesJson6902')?.value)?.items ?? []) {
    const m = asMap(it);
    if (!m) continue;
    out.push({
      field: 'patchesJson6902',
      path: located(text, pairOf(m, 'path')?.value),
      inline: inlineOf(text, pairOf(m, 'patch')?.value),
      target: targetOf(text, pairOf(m, 'target')?.value),
      span: m.span,
    });
  }
  return out;
}

// ---- Other transformers ---------------------------------------------------------------------------

function labelsOf(text: string, root: YMap): LabelsEntry[] {
  const out: LabelsEntry[] = [];
  for (const it of asSeq(pairOf(root, 'labels')?.value)?.items ?? []) {
    const m = asMap(it);
    if (!m) continue;
    const fieldsSeq = asSeq(pairOf(m, 'fields')?.value);
    const fields = fieldsSeq?.items.flatMap((f) => {
      const fm = asMap(f);
      const path = str(text, pairOf(fm, 'path')?.value);
      if (!fm || path === undefined) return [];
      const g = (key: string): string | undefined => str(text, pairOf(fm, key)?.value);
      return [{ path, kind: g('kind'), group: g('group'), version: g('version'), create: bool(pairOf(fm, 'create')?.value) }];
    });
    out.push({
      pairs: plainMap(text, pairOf(m, 'pairs')?.value),
      includeSelectors: bool(pairOf(m, 'includeSelectors')?.value) ?? false,
      includeTemplates: bool(pairOf(m, 'includeTemplates')?.value) ?? false,
      fields,
      span: m.span,
    });
  }
  return out;
}

function replicasOf(text: string, root: YMap): Kustomization['replicas'] {
  const out: { name: string; count: number; span: Span }[] = [];
  for (const it of asSeq(pairOf(root, 'replicas')?.value)?.items ?? []) {
    const m = asMap(it);
    const name = str(text, pairOf(m, 'name')?.value);
    const count = pairOf(m, 'count')?.value;
    if (!m || name === undefined || !count || count.kind !== 'scalar' || count.type !== 'int') continue;
    out.push({ name, count: count.value as number, span: m.span });
  }
  return out;
}

function imagesOf(text: string, root: YMap): Kustomization['images'] {
  const out: { name: string; newName?: string; newTag?: string; digest?: string; span: Span }[] = [];
  for (const it of asSeq(pairOf(root, 'images')?.value)?.items ?? []) {
    const m = asMap(it);
    const name = str(text, pairOf(m, 'name')?.value);
    if (!m || name === undefined) continue;
    const g = (key: string): string | undefined => str(text, pairOf(m, key)?.value);
    out.push({ name, newName: g('newName'), newTag: g('newTag'), digest: g('digest'), span: m.span });
  }
  return out;
}

// ---- Inline patches: offsets in the patch text back to the file -------------------------------

/** One decoded character of the scalar and where it was written. */
interface Written {
  readonly ch: string;
  readonly at: number;
  /** Where what was written for it ends (after an escape or a doubled quote). */
  readonly end: number;
}

function inlinePatch(text: string, s: YScalar): InlinePatch {
  const value = s.value as string;
  const map = offsetMap(text, s, value);
  return {
    text: value,
    span: s.span,
    toFile: (offset) => (map && Number.isInteger(offset) && offset >= 0 && offset <= value.length ? map[offset] : undefined),
  };
}

/**
 * For each offset of `value` (and one past its end), the offset in the file. Built by decoding
 * the scalar's lines as written and finding each line's characters, in order, in the value; what
 * lies between them in the value is what YAML made of line breaks and indentation (a newline, or
 * a space where a line was folded), mapped to the end of the line before. Undefined when the
 * written lines cannot be found in the value (an indentation indicator, an escape we don't know).
 */
function offsetMap(text: string, s: YScalar, value: string): Int32Array | undefined {
  const lines = writtenLines(text, s);
  if (!lines) return undefined;
  const map = new Int32Array(value.length + 1).fill(-1);
  let p = 0;
  let lastEnd = firstContentOffset(text, s);
  for (const line of lines) {
    if (line.length === 0) continue;
    const at = findLine(value, line, p);
    if (at < 0) return undefined;
    for (let i = p; i < at; i++) map[i] = lastEnd;
    for (let i = 0; i < line.length; i++) map[at + i] = line[i].at;
    p = at + line.length;
    lastEnd = line[line.length - 1].end;
  }
  if (!isBreaks(value, p, value.length)) return undefined;
  for (let i = p; i <= value.length; i++) map[i] = lastEnd;
  return map;
}

/** The first index at or after `from` where `line` is written in `value`, with only breaks before it. */
function findLine(value: string, line: readonly Written[], from: number): number {
  for (let at = from; at + line.length <= value.length; at++) {
    if (line.every((w, i) => value[at + i] === w.ch)) return at;
    if (!isBreaks(value, at, at + 1)) return -1;
  }
  return -1;
}

function isBreaks(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (value[i] !== '\n' && value[i] !== ' ') return false;
  return true;
}

function firstContentOffset(text: string, s: YScalar): number {
  if (s.style === 'BLOCK_LITERAL' || s.style === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', s.span.start);
    return nl < 0 || nl >= s.span.end ? s.span.end : nl + 1;
  }
  return s.style === 'QUOTE_SINGLE' || s.style === 'QUOTE_DOUBLE' ? s.span.start + 1 : s.span.start;
}

/** The scalar's content, line by line, each character decoded with the offset it was written at. */
function writtenLines(text: string, s: YScalar): Written[][] | undefined {
  const block = s.style === 'BLOCK_LITERAL' || s.style === 'BLOCK_FOLDED';
  const quoted = s.style === 'QUOTE_SINGLE' || s.style === 'QUOTE_DOUBLE';
  const start = firstContentOffset(text, s);
  const end = quoted ? s.span.end - 1 : s.span.end;
  if (end < start) return undefined;
  const ranges: [number, number][] = [];
  for (let i = start; i <= end; ) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > end) nl = end;
    const lineEnd = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    ranges.push([i, lineEnd]);
    i = nl + 1;
  }
  if (block) {
    // The content indentation is that of the first line with text (an explicit indicator is rare
    // and makes the lines not found, so the map is undefined rather than wrong).
    const first = ranges.find(([a, b]) => text.slice(a, b).trim() !== '');
    const indent = first ? leadingSpaces(text, first[0], first[1]) : 0;
    return ranges.map(([a, b]) => (b - a >= indent ? chars(text, a + indent, b) : []));
  }
  const lines: Written[][] = [];
  for (let i = 0; i < ranges.length; i++) {
    const [a, b] = ranges[i];
    let from = a;
    let to = b;
    // Flow scalars fold: spaces and tabs around a line break are not content (except at the
    // scalar's own start and end, inside the quotes).
    if (i > 0) while (from < to && (text[from] === ' ' || text[from] === '\t')) from++;
    if (i < ranges.length - 1) while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t') && !(s.style === 'QUOTE_DOUBLE' && text[to - 2] === '\\')) to--;
    const line = s.style === 'QUOTE_SINGLE' ? singleQuoted(text, from, to) : s.style === 'QUOTE_DOUBLE' ? doubleQuoted(text, from, to) : chars(text, from, to);
    if (!line) return undefined;
    lines.push(line);
  }
  return lines;
}

function leadingSpaces(text: string, a: number, b: number): number {
  let n = 0;
  while (a + n < b && text[a + n] === ' ') n++;
  return n;
}

function chars(text: string, a: number, b: number): Written[] {
  const out: Written[] = [];
  for (let i = a; i < b; i++) out.push({ ch: text[i], at: i, end: i + 1 });
  return out;
}

function singleQuoted(text: string, a: number, b: number): Written[] {
  const out: Written[] = [];
  for (let i = a; i < b; i++) {
    const doubled = text[i] === "'" && text[i + 1] === "'";
    out.push({ ch: text[i], at: i, end: i + (doubled ? 2 : 1) });
    if (doubled) i++;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Undefined for an escape we do not decode; an escaped line break (a `\` at the end) is nothing. */
function doubleQuoted(text: string, a: number, b: number): Written[] | undefined {
  const out: Written[] = [];
  for (let i = a; i < b; i++) {
    if (text[i] !== '\\') {
      out.push({ ch: text[i], at: i, end: i + 1 });
      continue;
    }
    if (i + 1 >= b) break;
    const e = text[i + 1];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push({ ch: simple, at: i, end: i + 2 });
      i++;
      continue;
    }
    const width = HEX_ESCAPES[e];
    const hex = width ? text.slice(i + 2, i + 2 + width) : '';
    if (!width || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    // A code point past U+FFFF is two UTF-16 units: both point at the backslash.
    const decoded = String.fromCodePoint(code);
    for (let k = 0; k < decoded.length; k++) out.push({ ch: decoded[k], at: i, end: i + 2 + width });
    i += 1 + width;
  }
  return out;
}
