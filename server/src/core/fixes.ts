/**
 * Quick fixes: `fixesFor(analysis, finding)` turns a finding's fix data into minimal text edits.
 * Keyed by `finding.code` and `finding.fix.kind`, never by message text. Each fix kind is one small
 * function over the YAML tree and `yamlEdit.ts`; rules only describe what to change.
 */
import { analyze, type Analysis, type PlacedDoc } from './analyze';
import { dns1123LabelProblem, labelValueProblem, qualifiedNameProblem } from './names';
import { parseChunk, splitChunks, type ParsedDoc } from './parse';
import { ruleMeta } from './rules';
import type { ResolvedSettings } from './settings';
import { readWithoutStrayLines } from './strayLines';
import type { Finding, FixData, Span } from './types';
import {
  appendToMap,
  appendToSeq,
  applyEditsTo,
  columnOf,
  separated,
  eolOf,
  insertDocumentAfter,
  insertIntoPair,
  lineStart,
  pairText,
  removePair,
  replaceScalar,
  toYamlBlock,
  toYamlInline,
  yamlScalar,
  type EditSource,
  type Plain,
  type TextEditData,
} from './yamlEdit';
import { duplicateKeysIn, pairOf, quoteStyleOf, type YMap, type YNode, type YPair } from './yamlTree';

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
  // A mapping with one empty pair spans just that pair's key: the key, found deeper, is the better hit.
  let collectionHit: SpanHit | undefined;
  while (stack.length) {
    const n = stack.pop() as YNode;
    if (seen.has(n) || n.span.start > span.end || n.span.end < span.start) continue;
    seen.add(n);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        if (p.merged) continue;
        if (p.keySpan.start === span.start && p.keySpan.end === span.end) return { pair: p, map: n, node: p.value ?? undefined, on: 'key' };
        if (p.value && p.value.span.start === span.start && p.value.span.end === span.end) {
          if (p.value.kind === 'scalar') return { pair: p, map: n, node: p.value, on: 'value' };
          if (!nodeHit) collectionHit ??= { pair: p, map: n, node: p.value, on: 'value' };
        }
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
  return nodeHit ?? collectionHit;
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
    const value = data.value as Plain | undefined;
    const node = hit?.node;
    if (value === undefined || !node) return undefined;
    if (value !== null && typeof value === 'object') {
      const inline = toYamlInline(value);
      const span = { start: node.span.start + src.offset, end: node.span.end + src.offset };
      return edit(`Change to ${inline}`, [{ span, newText: separated(src.text, span, inline) }], finding.code);
    }
    if (node.kind !== 'scalar') return undefined;
    return edit(`Change to ${yamlScalar(value)}`, [replaceScalar(src, node, value)], finding.code);
  },

  /** The plan as comment lines above the object (every editor applies a text edit; none needs a command). */
  'migration-plan': ({ data, placed, src, finding }) => {
    const plan = data.plan;
    if (typeof plan !== 'string' || typeof data.name !== 'string') return undefined;
    const object = placed.doc.resources.find((r) => r.root.span.start <= finding.span.start - placed.offset && finding.span.end - placed.offset <= r.root.span.end);
    if (!object) return undefined;
    const at = lineStart(src.text, object.root.span.start + placed.offset);
    const indent = /^[ \t]*/.exec(src.text.slice(at, object.root.span.start + placed.offset))?.[0] ?? '';
    const eol = eolOf(src.text);
    const lines = plan.replace(/\n$/, '').split('\n').map((l) => `${indent}${l.startsWith('#') ? l : `#   ${l}`}`);
    return edit(`Insert the migration plan for StatefulSet ${data.name} as a comment`, [{ span: { start: at, end: at }, newText: lines.join(eol) + eol }], finding.code, false);
  },

  /**
   * `{text}`: exactly the text the finding marks, which need not be a node (an id in a comment).
   * `{from, to}`: a part of a string (a label of a DNS name), still `from` when the fix is made.
   */
  'replace-text': ({ data, finding, analysis }) => {
    if (typeof data.text === 'string') return edit(`Change to ${data.text}`, [{ span: finding.span, newText: data.text }], finding.code);
    const { from, to } = data;
    if (typeof from !== 'string' || typeof to !== 'string' || analysis.text.slice(finding.span.start, finding.span.end) !== from) return undefined;
    return edit(`Change "${from}" to "${to}"`, [{ span: finding.span, newText: to }], finding.code);
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
    // Only quotes can be removed: a plain string made so by a tag (`!custom 1`) has none.
    if (!n || n.kind !== 'scalar' || n.type !== 'str' || (n.style !== 'QUOTE_DOUBLE' && n.style !== 'QUOTE_SINGLE')) return undefined;
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
    const text = analysis.text;
    const old = text.slice(finding.span.start, finding.span.end);
    // Tabs of indentation mean what their writer's editor showed: n spaces each, or else the
    // column of the line above (a sibling) or two more (a child); the first that keeps the YAML intact.
    const widths = [old.replace(/\t/g, ' '.repeat(n))];
    const atLineStart = /^[ \t]*$/.test(text.slice(lineStart(text, finding.span.start), finding.span.start));
    const above = atLineStart ? indentAbove(text, finding.span.start) : undefined;
    if (above !== undefined && /^[ \t]+$/.test(old)) widths.push(' '.repeat(above), ' '.repeat(above + 2));
    const fixes = widths.map((w) => edit('Replace tabs with spaces', [{ span: finding.span, newText: w }], finding.code));
    return fixes.find((f) => !damagesYaml(analysis, f)) ?? fixes[0];
  },

  'shorten-name': ({ data, hit, src, finding }) => {
    if (typeof data.suggestion !== 'string' || !hit?.node || hit.node.kind !== 'scalar') return undefined;
    return edit(`Shorten the name to "${data.suggestion}"`, [replaceScalar(src, hit.node, data.suggestion)], finding.code, false);
  },

  'add-field': ({ data, hit, src, finding, placed }) => {
    // `{kind:'add-field', path?: 'spec.volumeClaimTemplates[0].spec', key, value}`: under the pair at
    // `path` (from the document's root), else under the pair whose key the finding marks.
    if (typeof data.key !== 'string') return undefined;
    const parent = typeof data.path === 'string' ? pairAtPath(placed.doc.root, data.path) : hit?.on === 'key' ? hit.pair : undefined;
    if (!parent) return undefined;
    const block = pairText(data.key, (data.value as Plain | undefined) ?? null);
    return edit(`Add ${data.key}`, [insertIntoPair(src, parent, block)], finding.code);
  },

  'set-labels': ({ data, placed, src, finding }) => {
    // Gives a labels mapping these pairs: changes values that differ, appends the missing ones.
    const labels = data.labels as Record<string, string> | undefined;
    const at = typeof data.path === 'string' ? pairAtPath(placed.doc.root, data.path) : undefined;
    const map = at?.value && at.value.kind === 'map' && !at.value.flow ? at.value : undefined;
    if (!labels || !writableLabels(labels) || !at || !map) return undefined;
    const edits: TextEditData[] = [];
    const missing: string[] = [];
    for (const [k, v] of Object.entries(labels)) {
      const p = pairOf(map, k);
      if (p?.value && p.value.kind === 'scalar') {
        if (p.value.value !== v) edits.push(replaceScalar(src, p.value, v));
      } else if (!p) missing.push(pairText(k, v));
    }
    if (missing.length) {
      const add = appendToMap(src, map, missing.join('\n'));
      if (add) edits.push(add);
    }
    return edits.length ? edit('Give the pod template the selector\'s labels', edits, finding.code) : undefined;
  },

  'add-claim-template': ({ data, placed, src, finding }) => {
    const name = typeof data.name === 'string' ? data.name : undefined;
    const spec = typeof data.path === 'string' ? pairAtPath(placed.doc.root, data.path) : undefined;
    if (!name || !spec || dns1123LabelProblem(name)) return undefined;
    const template: Plain = { metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    const existing = pairOf(spec.value, 'volumeClaimTemplates');
    const seq = existing?.value && existing.value.kind === 'seq' ? existing.value : undefined;
    // Written in the quotes the file uses for its values.
    const quote = quoteStyleOf(placed.doc.root);
    const add = seq ? appendToSeq(src, seq, toYamlBlock(template, quote)) : existing ? undefined : insertIntoPair(src, spec, pairText('volumeClaimTemplates', [template], quote));
    return add && edit(`Add a claim template "${name}" (1Gi, ReadWriteOnce)`, [add], finding.code, false);
  },

  'add-volume-mount': ({ data, placed, src, finding }) => {
    const name = typeof data.name === 'string' ? data.name : undefined;
    const mountPath = typeof data.mountPath === 'string' ? data.mountPath : undefined;
    const containerPath = typeof data.path === 'string' ? data.path : undefined;
    if (!name || !mountPath || !containerPath) return undefined;
    // A mount of a volume whose own name is invalid would only move the error.
    if (dns1123LabelProblem(name)) return undefined;
    const container = nodeAtPath(placed.doc.root, containerPath);
    if (!container || container.kind !== 'map') return undefined;
    const mount: Plain = { name, mountPath };
    const mounts = pairOf(container, 'volumeMounts');
    const seq = mounts?.value && mounts.value.kind === 'seq' ? mounts.value : undefined;
    const add = seq ? appendToSeq(src, seq, toYamlBlock(mount)) : mounts ? undefined : appendToMap(src, container, pairText('volumeMounts', [mount]));
    return add && edit(`Mount "${name}" at ${mountPath} (edit the path)`, [add], finding.code);
  },

  'add-service-name': ({ data, hit, src, finding }) => {
    const name = data.serviceName;
    // No usable name (a StatefulSet without one of its own): a placeholder would be an error of its own.
    if (typeof name !== 'string' || dns1123LabelProblem(name) || !hit) return undefined;
    if (hit.on === 'value' && hit.node?.kind === 'scalar') return edit(`Set serviceName to "${name}"`, [replaceScalar(src, hit.node, name)], finding.code);
    if (hit.on !== 'key' || !hit.pair) return undefined;
    return edit(`Add serviceName: ${name}`, [insertIntoPair(src, hit.pair, `serviceName: ${yamlScalar(name)}`)], finding.code);
  },

  'add-readiness-probe': ({ data, hit, src, finding }) => {
    // The finding marks the container (its name or its entry); the probe goes at the container's end.
    const container = hit?.map ?? (hit?.node?.kind === 'map' ? hit.node : undefined);
    if (!container) return undefined;
    const port = data.port as string | number | undefined;
    // The container's own port copied as it is: one that is itself invalid would make the probe an error.
    if (port !== undefined && !(typeof port === 'number' ? Number.isInteger(port) && port >= 1 && port <= 65535 : /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(port))) return undefined;
    const probe: Plain = port !== undefined ? { tcpSocket: { port }, periodSeconds: 10 } : { exec: { command: ['sh', '-c', 'exit 0'] }, periodSeconds: 10 };
    const add = appendToMap(src, container, pairText('readinessProbe', probe));
    return add && edit(port !== undefined ? `Add a TCP readiness probe on port ${port}` : 'Add a readiness probe (edit its command)', [add], finding.code, false);
  },

  'add-topology-spread': ({ data, hit, src, finding }) => {
    const matchLabels = data.matchLabels as Record<string, string> | undefined;
    if (!matchLabels || !writableLabels(matchLabels) || hit?.on !== 'key' || !hit.pair) return undefined;
    const constraint: Plain = [{ maxSkew: 1, topologyKey: typeof data.topologyKey === 'string' ? data.topologyKey : 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels } }];
    return edit('Spread the pods across nodes (topologySpreadConstraints)', [insertIntoPair(src, hit.pair, pairText('topologySpreadConstraints', constraint))], finding.code, false);
  },

  'add-pdb': ({ data, placed, analysis, finding }) => {
    const name = typeof data.name === 'string' ? data.name : undefined;
    const matchLabels = data.matchLabels as Record<string, string> | undefined;
    if (!name || !matchLabels || Object.keys(matchLabels).length === 0 || !writableLabels(matchLabels)) return undefined;
    const metadata: Record<string, Plain> = { name };
    if (typeof data.namespace === 'string') metadata.namespace = data.namespace;
    const budget: Plain = { maxUnavailable: typeof data.maxUnavailable === 'number' || typeof data.maxUnavailable === 'string' ? data.maxUnavailable : 1, selector: { matchLabels } };
    const doc = [pairText('apiVersion', 'policy/v1'), pairText('kind', 'PodDisruptionBudget'), pairText('metadata', metadata), pairText('spec', budget)].join('\n');
    return edit(`Add a PodDisruptionBudget for "${name}" (maxUnavailable: 1)`, [insertDocumentAfter(analysis.text, placed.offset + placed.doc.span.end, doc)], finding.code, false);
  },

  'create-headless-service': ({ data, placed, analysis, finding }) => {
    const name = typeof data.name === 'string' ? data.name : undefined;
    const selector = data.selector as Record<string, string> | undefined;
    if (!name || dns1123LabelProblem(name) || (selector && !writableLabels(selector))) return undefined;
    const metadata: Record<string, Plain> = { name };
    if (typeof data.namespace === 'string') metadata.namespace = data.namespace;
    const spec: Record<string, Plain> = { clusterIP: 'None' };
    if (selector && Object.keys(selector).length) spec.selector = selector;
    const ports = (data.ports as { name?: string; port?: number }[] | undefined)?.filter((p) => typeof p.port === 'number') ?? [];
    if (ports.length) spec.ports = ports.map((p): Plain => (p.name ? { name: p.name, port: p.port as number } : { port: p.port as number }));
    const doc = [pairText('apiVersion', 'v1'), pairText('kind', 'Service'), pairText('metadata', metadata), pairText('spec', spec)].join('\n');
    const docEnd = placed.offset + placed.doc.span.end;
    return edit(`Create headless Service "${name}" after this StatefulSet`, [insertDocumentAfter(analysis.text, docEnd, doc)], finding.code);
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
    // Pods without labels: an empty selector would select nothing (or, written as {}, everything).
    if (!selector || Object.keys(selector).length === 0 || !writableLabels(selector)) return undefined;
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

/** The pair and node at a Kubernetes field path such as `items[0].spec.volumeClaimTemplates[1].spec`. */
function walkPath(root: YNode | null, path: string): { pair?: YPair; node?: YNode } | undefined {
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: YNode | null | undefined = root;
  let pair: YPair | undefined;
  for (const step of steps) {
    if (step.startsWith('[')) {
      node = node?.kind === 'seq' ? node.items[Number(step.slice(1, -1))] : undefined;
      pair = undefined;
    } else {
      pair = pairOf(node, step);
      node = pair?.value;
    }
    if (!node && !pair) return undefined;
  }
  return { pair, node: node ?? undefined };
}

function pairAtPath(root: YNode | null, path: string): YPair | undefined {
  return walkPath(root, path)?.pair;
}

function nodeAtPath(root: YNode | null, path: string): YNode | undefined {
  return walkPath(root, path)?.node;
}

/**
 * Labels a fix may write: copied from the document, they can be invalid themselves (a key with a
 * space, a value with a NUL), and the selector or budget written from them would be an error.
 */
function writableLabels(labels: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(labels).every(([k, v]) => typeof v === 'string' && !qualifiedNameProblem(k) && !labelValueProblem(v));
}

/** The indentation of the nearest line above `offset` that holds something (not a comment), in spaces. */
function indentAbove(text: string, offset: number): number | undefined {
  let end = lineStart(text, offset);
  while (end > 0) {
    const start = lineStart(text, end - 1);
    const line = text.slice(start, end).replace(/\r?\n$/, '');
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      const lead = /^ */.exec(line)?.[0].length ?? 0;
      return line[lead] === '\t' ? undefined : lead;
    }
    end = start;
  }
  return undefined;
}

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
  // A Service whose document does not parse (its tree is a guess) or has a key twice: edits made from it can land anywhere.
  if (!placed || placed.doc.errors.length > 0 || hasDuplicateKey(placed.doc)) return undefined;
  const rel = { start: span.start - placed.offset, end: span.end - placed.offset };
  const svc = placed.doc.resources.find((r) => r.kind === 'Service' && r.root.span.start === rel.start)?.root;
  if (!svc) return undefined;
  const edits = make(svc, { text, offset: placed.offset });
  if (!edits) return undefined;
  return edit(title, here ? edits : edits.map((e) => ({ ...e, uri })), ctx.finding.code);
}

/** Fix kinds that change only the node or pair the finding's span marks. */
const SPAN_EXACT: ReadonlySet<string> = new Set(['replace-value', 'replace-text', 'rename-key', 'remove-pair', 'unquote', 'quote', 'replace-tabs', 'shorten-name']);

/** Every quick fix for one finding (usually one). */
export function fixesFor(analysis: Analysis, finding: Finding, readText?: TextReader): CodeFix[] {
  const data = finding.fix;
  if (!data) return [];
  const kind = Object.hasOwn(KINDS, data.kind) ? KINDS[data.kind] : undefined;
  if (!kind) return [];
  const placed = placedFor(analysis, finding.span.start);
  if (!placed || readWithoutStrayLines(placed.doc)) return [];
  // With a key written twice the tree shows the first value and Kubernetes takes the last: an edit
  // that finds its place through the tree can land on the copy that does not count, so those wait
  // until the duplicate is fixed. Edits of exactly the text the finding marks are safe.
  if (!SPAN_EXACT.has(data.kind) && !ruleMeta(finding.code)?.onBrokenYaml && hasDuplicateKey(placed.doc)) return [];
  const rel = { start: finding.span.start - placed.offset, end: finding.span.end - placed.offset };
  const hit = findAtSpan(placed.doc.root, rel);
  try {
    const r = kind({ analysis, finding, data, placed, src: { text: analysis.text, offset: placed.offset }, hit, readText });
    const fixes = r === undefined ? [] : Array.isArray(r) ? r : [r];
    return fixes.filter((f) => !damagesYaml(analysis, f));
  } catch {
    return [];
  }
}

/**
 * Text parsed again to check fixes, per analysis. A request for the fixes of a thousand findings
 * on one line of a large generated document would otherwise parse that document a thousand times.
 */
const MAX_VERIFIED_LENGTH = 1024 * 1024;
const verified = new WeakMap<Analysis, number>();

/**
 * True when the fix's edits to this file give text with a YAML error or a duplicate key it did
 * not have. Edits are made for well-formed YAML; on half-written text (a value where a mapping
 * should be, a key written twice, a line cut short) they can break it further, and a fix must
 * never do that. Only the chunks the edits change are parsed again.
 */
export function damagesYaml(analysis: Analysis, fix: CodeFix): boolean {
  const edits = fix.edits.filter((e) => e.uri === undefined || e.uri === analysis.uri);
  if (edits.length === 0) return false;
  const spent = verified.get(analysis) ?? 0;
  // Past the budget a fix cannot be checked, so it is not offered (the next version of the file has a budget of its own).
  if (spent > MAX_VERIFIED_LENGTH) return true;
  const before = new Map<string, string[]>();
  for (const p of analysis.docs) before.set(p.chunkText, [...(before.get(p.chunkText) ?? []), ...damageOf(p.doc)]);
  const after = splitChunks(applyEditsTo(analysis.text, edits)).map((c) => c.text);
  const kept = new Set(after);
  const had = new Map<string, number>();
  for (const [chunk, found] of before) if (!kept.has(chunk)) for (const d of found) had.set(d, (had.get(d) ?? 0) + 1);
  for (const chunk of after) {
    if (before.has(chunk)) continue;
    verified.set(analysis, (verified.get(analysis) ?? 0) + chunk.length);
    for (const d of parseChunk(chunk).flatMap(damageOf)) {
      const left = had.get(d) ?? 0;
      if (left === 0) return true;
      had.set(d, left - 1);
    }
  }
  return false;
}

function hasDuplicateKey(doc: ParsedDoc): boolean {
  return damageOf(doc).some((d) => d.startsWith('duplicate|'));
}

/** damageOf per parsed document: documents are immutable and reused across analyses of a file. */
const damageCache = new WeakMap<ParsedDoc, string[]>();

/** A document's YAML errors and the keys written twice in one of its mappings, without positions. */
function damageOf(doc: ParsedDoc): string[] {
  let out = damageCache.get(doc);
  if (!out) {
    out = findDamage(doc);
    damageCache.set(doc, out);
  }
  return out;
}

function findDamage(doc: ParsedDoc): string[] {
  return [...doc.errors.map((e) => `${e.code}|${e.message}`), ...duplicateKeysIn(doc.root).map((k) => `duplicate|${k}`)];
}

/** Fix kinds this build knows, for tests and docs. */
export const FIX_KINDS: readonly string[] = Object.keys(KINDS);

/** Applies edits (same file) to a text; for tests and the CLI. Edits must not overlap. */
export const applyEdits = applyEditsTo;

