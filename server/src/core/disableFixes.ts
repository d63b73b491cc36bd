/**
 * "Disable <rule> for this line / for this file / for this object": quick fixes offered for every
 * finding, after the rule's own fixes. Each adds to a suppression already there (the comment above
 * the line, the file's comment, the object's annotation) or writes a new one in the file's style:
 * its line breaks, block or flow mappings, the quotes of the values next to it.
 */
import type { Analysis } from './analyze';
import { damagesYaml, type CodeFix } from './fixes';
import { placeAt } from './locate';
import { DISABLE_ANNOTATION, objectsOf, SUPPRESSION_MARK, unusedDisableDirectiveMeta } from './suppress';
import type { Finding, Span } from './types';
import { appendToFlowMap, appendToMap, columnOf, eolOf, insertIntoPair, lineEnd, lineStart, nextLineStart, replaceScalar, type EditSource, type TextEditData } from './yamlEdit';
import { asMap, pairOf, type YMap, type YNode } from './yamlTree';

const fix = (title: string, edits: TextEditData[], code: string): CodeFix => ({ title, kind: 'quickfix', edits, isPreferred: false, code });

/** The comment's ids with `code` added, written with the separator they use. */
function withId(ids: string, code: string): string {
  const trimmed = ids.trimEnd();
  if (trimmed === '') return ` ${code}`;
  return trimmed.includes(',') ? `, ${code}` : ` ${code}`;
}

/** True when `offset` (a line start) lies inside a scalar written over several lines: a comment there would be text. */
function insideMultilineScalar(root: YNode | null, rel: number): boolean {
  const stack: YNode[] = root ? [root] : [];
  const seen = new Set<YNode>();
  while (stack.length > 0) {
    const n = stack.pop() as YNode;
    if (seen.has(n) || rel <= n.span.start || rel >= n.span.end) continue;
    seen.add(n);
    if (n.kind === 'scalar') return true;
    if (n.kind === 'seq') for (const i of n.items) if (i) stack.push(i);
    if (n.kind === 'map') for (const p of n.pairs) if (!p.merged && p.value) stack.push(p.value);
  }
  return false;
}

function forLine(analysis: Analysis, f: Finding): CodeFix | undefined {
  const text = analysis.text;
  const ls = lineStart(text, f.span.start);
  const place = placeAt(analysis, f.span.start);
  if (place && insideMultilineScalar(place.placed.doc.root, ls - place.placed.offset)) return undefined;
  const title = `Disable ${f.code} for this line`;
  if (ls > 0) {
    const above = lineStart(text, text.charCodeAt(ls - 2) === 13 && text.charCodeAt(ls - 1) === 10 ? ls - 2 : ls - 1);
    const m = /^(\s*#\s*statefulset-tools-disable-next-line\b)([^\n\r#]*)$/.exec(text.slice(above, lineEnd(text, above)));
    if (m) {
      const at = above + m[1].length + m[2].trimEnd().length;
      return fix(title, [{ span: { start: at, end: at }, newText: withId(m[2], f.code) }], f.code);
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(ls, lineEnd(text, ls)))?.[0] ?? '';
  return fix(title, [{ span: { start: ls, end: ls }, newText: `${indent}# statefulset-tools-disable-next-line ${f.code}${eolOf(text)}` }], f.code);
}

function forFile(analysis: Analysis, f: Finding): CodeFix {
  const text = analysis.text;
  const title = `Disable ${f.code} for this file`;
  const existing = /#\s*statefulset-tools-disable-file\b([^\n\r#]*)/.exec(text);
  if (existing && existing[1].trim() !== '') {
    const at = existing.index + existing[0].length - existing[1].length + existing[1].trimEnd().length;
    return fix(title, [{ span: { start: at, end: at }, newText: withId(existing[1], f.code) }], f.code);
  }
  // Below the comments that open the file (a licence, a schema line), above everything else.
  let at = 0;
  while (at < text.length && /^[ \t]*#/.test(text.slice(at, lineEnd(text, at))) && !text.slice(at, lineEnd(text, at)).includes(SUPPRESSION_MARK)) {
    const next = nextLineStart(text, at);
    if (next === at || next > text.length) break;
    at = next;
  }
  const eol = eolOf(text);
  const before = at > 0 && at === text.length && !/[\r\n]$/.test(text) ? eol : '';
  return fix(title, [{ span: { start: at, end: at }, newText: `${before}# statefulset-tools-disable-file ${f.code}${eol}` }], f.code);
}

/** The quotes the other values of a mapping use, for a new value written next to them. */
function valueLike(map: YMap | undefined, value: string): string {
  const sibling = map?.pairs.find((p) => p.value?.kind === 'scalar')?.value;
  const style = sibling?.kind === 'scalar' ? sibling.style : 'PLAIN';
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/** The step between a key's column and its children's, as the mapping already indents. */
function indentStep(src: EditSource, parentKey: Span, map: YMap | undefined): number {
  const first = map?.pairs.find((p) => !p.merged);
  if (!first || map?.flow) return 2;
  const step = columnOf(src.text, first.keySpan.start + src.offset) - columnOf(src.text, parentKey.start + src.offset);
  return step > 0 ? step : 2;
}

function forObject(analysis: Analysis, f: Finding): CodeFix | undefined {
  const place = placeAt(analysis, f.span.start);
  if (!place) return undefined;
  const rel = f.span.start - place.placed.offset;
  const object = objectsOf(place.placed.doc).find((o) => o.span.start <= rel && rel <= o.span.end && pairOf(o, 'kind'));
  if (!object) return undefined;
  const src: EditSource = { text: analysis.text, offset: place.placed.offset };
  const edit = annotationEdit(src, object, f.code);
  return edit ? fix(`Disable ${f.code} for this object (annotation ${DISABLE_ANNOTATION})`, [edit], f.code) : undefined;
}

function annotationEdit(src: EditSource, object: YMap, code: string): TextEditData | undefined {
  const metaPair = pairOf(object, 'metadata');
  const meta = asMap(metaPair?.value);
  const annPair = pairOf(meta, 'annotations');
  const annotations = asMap(annPair?.value);
  const current = pairOf(annotations, DISABLE_ANNOTATION)?.value;
  if (current) {
    if (current.kind !== 'scalar' || current.style.startsWith('BLOCK')) return undefined;
    const ids = String(current.value ?? '').trim();
    const value = ids === '' ? code : `${ids}, ${code}`;
    // A plain `a, b` is one string in a block mapping; in a flow mapping the comma would end it.
    if (current.style === 'PLAIN' && annotations?.flow) return { span: { start: current.span.start + src.offset, end: current.span.end + src.offset }, newText: JSON.stringify(value) };
    return replaceScalar(src, current, value);
  }
  const entry = (map: YMap | undefined): string => `${DISABLE_ANNOTATION}: ${valueLike(map, code)}`;
  if (annPair) {
    if (annotations) return annotations.flow ? appendToFlowMap(src, annotations, entry(annotations)) : appendToMap(src, annotations, entry(annotations));
    const v = annPair.value;
    return v === null || (v.kind === 'scalar' && v.value === null) ? insertIntoPair(src, annPair, entry(undefined)) : undefined;
  }
  if (metaPair) {
    if (meta?.flow) return appendToFlowMap(src, meta, `annotations: {${entry(undefined)}}`);
    const step = ' '.repeat(indentStep(src, metaPair.keySpan, meta));
    const block = `annotations:\n${step}${entry(undefined)}`;
    if (meta) return appendToMap(src, meta, block);
    const v = metaPair.value;
    return v === null || (v.kind === 'scalar' && v.value === null) ? insertIntoPair(src, metaPair, block) : undefined;
  }
  if (object.flow) return appendToFlowMap(src, object, `metadata: {annotations: {${entry(undefined)}}}`);
  return appendToMap(src, object, `metadata:\n  annotations:\n    ${entry(undefined)}`);
}

/** The three disable fixes for a finding, those that apply and leave the YAML as sound as it was. */
export function disableFixesFor(analysis: Analysis, finding: Finding): CodeFix[] {
  if (finding.code === unusedDisableDirectiveMeta.id || finding.code === 'internal-error') return [];
  const out: CodeFix[] = [];
  for (const make of [forLine, forFile, forObject]) {
    try {
      const f = make(analysis, finding);
      if (f && !damagesYaml(analysis, f)) out.push(f);
    } catch {
      // A fix that cannot be made for odd input is simply not offered.
    }
  }
  return out;
}
