/**
 * Quick fixes: `fixesFor(analysis, finding)` turns a finding's fix data into minimal text edits.
 * Keyed by `finding.code` and `finding.fix.kind`, never by message text. Each fix kind is one small
 * function over the YAML tree and `yamlEdit.ts`; rules only describe what to change.
 */
import { analyze, type Analysis, type PlacedDoc } from './analyze';
import type { ResolvedSettings } from './settings';
import type { Finding, FixData, Span } from './types';
import {
  applyEditsTo,
  columnOf,
  eolOf,
  insertDocumentAfter,
  insertIntoPair,
  removePair,
  replaceScalar,
  yamlScalar,
  type EditSource,
  type TextEditData,
} from './yamlEdit';
import { pairOf, type YMap, type YNode, type YPair } from './yamlTree';

export interface CodeFix {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: readonly TextEditData[];
  readonly isPreferred?: boolean;
  /** The finding this fix answers (rule id). */
  readonly code?: string;
}

/** Reads another file's current text (open document or disk); the core itself never reads files. */
export type TextReader = (uri: string) => string | undefined;

/** What a fix kind gets: the finding, where it is in the tree, and ways to edit. */
interface FixContext {
  readonly analysis: Analysis;
  readonly finding: Finding;
  readonly data: FixData;
  readonly placed: PlacedDoc;
  readonly src: EditSource;
  /** The node, pair and mapping the finding's span points at, when it points at one. */
  readonly hit?: SpanHit;
  readonly readText?: TextReader;
}

type FixKind = (ctx: FixContext) => CodeFix | CodeFix[] | undefined;

export interface SpanHit {
  readonly node?: YNode;
  readonly pair?: YPair;
  readonly map?: YMap;
  readonly on: 'key' | 'value' | 'node';
}

/** Finds what a span points at: a pair's key, a pair's value, or any node. */
export function findAtSpan(root: YNode | null, span: Span): SpanHit | undefined {
  if (!root) return undefined;
  const seen = new Set<YNode>();
  const stack: YNode[] = [root];
  const nodeHit: SpanHit | undefined = root.span.start === span.start && root.span.end === span.end ? { node: root, on: 'node' } : undefined;
  while (stack.length) {
    const n = stack.pop() as YNode;
    if (seen.has(n) || n.span.start > span.end || n.span.end < span.start) continue;
    seen.add(n);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        if (p.merged) continue;
        if (p.keySpan.start === span.start && p.keySpan.end === span.end) return { pair: p, map: n, node: p.value ?? undefined, on: 'key' };
        if (p.value && p.value.span.start === span.start && p.value.span.end === span.end && (p.value.kind === 'scalar' || !nodeHit)) return { pair: p, map: n, node: p.value, on: 'value' };
        if (p.value) stack.push(p.value);
      }
    } else if (n.kind === 'seq') {
      for (const it of n.items) {
        if (!it) continue;
        if (it.span.start === span.start && it.span.end === span.end && it.kind === 'scalar') return { node: it, on: 'node' };
        stack.push(it);
      }
    }
  }
  return nodeHit;
}

function placedFor(analysis: Analysis, offset: number): PlacedDoc | undefined {
  let found: PlacedDoc | undefined;
  for (const p of analysis.docs) {
    if (p.offset + p.doc.span.start <= offset) found = p;
    else break;
  }
  return found;
}

const edit = (title: string, edits: TextEditData[], code: string, isPreferred = true): CodeFix => ({ title, kind: 'quickfix', edits, isPreferred, code });

// ---- Fix kinds --------------------------------------------------------------------------------

const KINDS: Record<string, FixKind> = {
  'replace-value': ({ data, hit, src, finding }) => {
    const value = data.value as string | number | boolean | null | undefined;
    if (value === undefined || !hit?.node || hit.node.kind !== 'scalar') return undefined;
    return edit(`Change to ${yamlScalar(value)}`, [replaceScalar(src, hit.node, value)], finding.code);
  },

  'rename-key': ({ data, hit, src, finding }) => {
    const to = data.to;
    if (typeof to !== 'string' || !hit?.pair) return undefined;
    const span = { start: hit.pair.keySpan.start + src.offset, end: hit.pair.keySpan.end + src.offset };
    return edit(`Rename to "${to}"`, [{ span, newText: to }], finding.code);
  },

  'remove-pair': ({ hit, src, finding }) => {
    if (!hit?.pair || !hit.map) return undefined;
    return edit(`Remove "${hit.pair.keyText}"`, [removePair(src, hit.map, hit.pair)], finding.code);
  },

  unquote: ({ hit, src, finding }) => {
    const n = hit?.node;
    if (!n || n.kind !== 'scalar' || n.type !== 'str') return undefined;
    const raw = String(n.value).trim();
    const span = { start: n.span.start + src.offset, end: n.span.end + src.offset };
    return edit(`Remove the quotes: ${raw}`, [{ span, newText: raw }], finding.code);
  },

  quote: ({ hit, src, finding }) => {
    const n = hit?.node;
    if (!n || n.kind !== 'scalar') return undefined;
    const span = { start: n.span.start + src.offset, end: n.span.end + src.offset };
    const raw = src.text.slice(span.start, span.end);
    return edit(`Quote it: "${raw}"`, [{ span, newText: JSON.stringify(raw) }], finding.code);
  },

  'replace-tabs': ({ data, finding, analysis }) => {
    const n = typeof data.spaces === 'number' ? data.spaces : 2;
    const old = analysis.text.slice(finding.span.start, finding.span.end);
    return edit('Replace tabs with spaces', [{ span: finding.span, newText: old.replace(/\t/g, ' '.repeat(n)) }], finding.code);
  },

  'shorten-name': ({ data, hit, src, finding }) => {
    if (typeof data.suggestion !== 'string' || !hit?.node || hit.node.kind !== 'scalar') return undefined;
    return edit(`Shorten the name to "${data.suggestion}"`, [replaceScalar(src, hit.node, data.suggestion)], finding.code, false);
  },

  'add-field': ({ data, hit, src, finding }) => {
    // `{kind:'add-field', yaml: 'accessModes:\n- ReadWriteOnce'}` under the pair whose key the finding marks.
    const block = typeof data.yaml === 'string' ? data.yaml : typeof data.key === 'string' ? `${data.key}: ${yamlScalar((data.value as string | number | boolean | null) ?? null)}` : undefined;
    if (!block || !hit?.pair) return undefined;
    const title = typeof data.title === 'string' ? data.title : `Add ${block.split(':')[0].trim()}`;
    return edit(title, [insertIntoPair(src, hit.pair, block)], finding.code);
  },

  'create-headless-service': ({ data, placed, analysis, finding }) => {
    const name = typeof data.name === 'string' ? data.name : undefined;
    if (!name) return undefined;
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${yamlScalar(name)}`];
    if (typeof data.namespace === 'string') lines.push(`  namespace: ${yamlScalar(data.namespace)}`);
    lines.push('spec:', '  clusterIP: None');
    const selector = data.selector as Record<string, string> | undefined;
    if (selector && Object.keys(selector).length) {
      lines.push('  selector:');
      for (const [k, v] of Object.entries(selector)) lines.push(`    ${yamlScalar(k)}: ${yamlScalar(v)}`);
    }
    const ports = (data.ports as { name?: string; port?: number }[] | undefined)?.filter((p) => typeof p.port === 'number') ?? [];
    if (ports.length) {
      lines.push('  ports:');
      for (const p of ports) {
        lines.push(p.name ? `  - name: ${yamlScalar(p.name)}` : `  - port: ${p.port}`);
        if (p.name) lines.push(`    port: ${p.port}`);
      }
    }
    const docEnd = placed.offset + placed.doc.span.end;
    return edit(`Create headless Service "${name}" after this StatefulSet`, [insertDocumentAfter(analysis.text, docEnd, lines.join('\n'))], finding.code);
  },

  'make-service-headless': (ctx) => withService(ctx, (svc, src) => {
    const spec = pairOf(svc, 'spec');
    const clusterIP = pairOf(spec?.value, 'clusterIP');
    if (clusterIP?.value && clusterIP.value.kind === 'scalar') return [replaceScalar(src, clusterIP.value, 'None')];
    if (spec) return [insertIntoPair(src, spec, 'clusterIP: None')];
    return undefined;
  }, 'Make the Service headless (clusterIP: None)'),

  'set-service-selector': (ctx) => withService(ctx, (svc, src) => {
    const selector = ctx.data.selector as Record<string, string> | undefined;
    if (!selector) return undefined;
    const spec = pairOf(svc, 'spec');
    if (!spec) return undefined;
    const block = Object.entries(selector).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`).join('\n');
    const sel = pairOf(spec.value, 'selector');
    const value = sel?.value;
    if (value && value.kind === 'map') {
      const span = { start: value.span.start + src.offset, end: value.span.end + src.offset };
      if (value.flow) return [{ span, newText: `{${block.split('\n').join(', ')}}` }];
      const pad = ' '.repeat(columnOf(src.text, span.start));
      return [{ span, newText: block.split('\n').join(eolOf(src.text) + pad) }];
    }
    if (sel) return [insertIntoPair(src, sel, block)];
    return [insertIntoPair(src, spec, `selector:\n${block.split('\n').map((l) => '  ' + l).join('\n')}`)];
  }, 'Set the Service selector to the pod labels'),
};

/** Runs an edit on a Service that may live in another file (fix data: uri, span of the Service). */
function withService(ctx: FixContext, make: (svc: YMap, src: EditSource) => TextEditData[] | undefined, title: string): CodeFix | undefined {
  const uri = typeof ctx.data.uri === 'string' ? ctx.data.uri : undefined;
  const span = ctx.data.span as Span | undefined;
  if (!uri || !span) return undefined;
  const here = uri === ctx.analysis.uri;
  const text = here ? ctx.analysis.text : ctx.readText?.(uri);
  if (text === undefined) return undefined;
  const other = here ? ctx.analysis : analyze(text, { uri, settings: ctx.analysis.settings as ResolvedSettings });
  const placed = placedFor(other, span.start);
  if (!placed) return undefined;
  const rel = { start: span.start - placed.offset, end: span.end - placed.offset };
  const svc = placed.doc.resources.find((r) => r.kind === 'Service' && r.root.span.start === rel.start)?.root;
  if (!svc) return undefined;
  const edits = make(svc, { text, offset: placed.offset });
  if (!edits) return undefined;
  return edit(title, here ? edits : edits.map((e) => ({ ...e, uri })), ctx.finding.code);
}

/** Every quick fix for one finding (usually one). */
export function fixesFor(analysis: Analysis, finding: Finding, readText?: TextReader): CodeFix[] {
  const data = finding.fix;
  if (!data) return [];
  const kind = KINDS[data.kind];
  if (!kind) return [];
  const placed = placedFor(analysis, finding.span.start);
  if (!placed) return [];
  const rel = { start: finding.span.start - placed.offset, end: finding.span.end - placed.offset };
  const hit = findAtSpan(placed.doc.root, rel);
  try {
    const r = kind({ analysis, finding, data, placed, src: { text: analysis.text, offset: placed.offset }, hit, readText });
    return r === undefined ? [] : Array.isArray(r) ? r : [r];
  } catch {
    return [];
  }
}

/** Fix kinds this build knows, for tests and docs. */
export const FIX_KINDS: readonly string[] = Object.keys(KINDS);

/** Applies edits (same file) to a text; for tests and the CLI. Edits must not overlap. */
export const applyEdits = applyEditsTo;

