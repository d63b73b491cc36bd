/**
 * Shared helpers for the Kubernetes value rules: reading a StatefulSet's parts, anchoring findings
 * on missing fields, version notes, and the pod volume model the API server validates mounts
 * against. Rules stay silent about values of the wrong type: those belong to the type checks.
 */
import type { Resource } from '../parse';
import type { Span } from '../types';
import { asMap, asSeq, duplicateKeysIn, intValue, pairOf, strValue, type YMap, type YNode, type YPair } from '../yamlTree';
import { dns1123LabelProblem, dns1123SubdomainProblem, didYouMean, qualifiedNameProblem } from '../names';
import { parseQuantity } from '../quantity';
import { checkResource } from '../schema/check';
import { statefulSets, type RuleContext } from './types';

/** The parts of an apps/v1 StatefulSet most rules read; absent parts are undefined. */
export interface StatefulSetView {
  readonly res: Resource;
  readonly root: YMap;
  /** Field path prefix (`items[3].` inside a List). */
  readonly prefix: string;
  readonly spec?: YMap;
  readonly template?: YMap;
  readonly podSpec?: YMap;
}

export function viewOf(res: Resource): StatefulSetView {
  const spec = asMap(pairOf(res.root, 'spec')?.value);
  const template = asMap(pairOf(spec, 'template')?.value);
  const podSpec = asMap(pairOf(template, 'spec')?.value);
  return { res, root: res.root, prefix: res.pathPrefix, spec, template, podSpec };
}

/** The Kubernetes minor version the settings target (1.x). */
export function minorOf(ctx: RuleContext): number {
  return ctx.settings.version.minor;
}

/** What older API servers let through on pod templates and claim templates, and what then breaks. */
export const CONTROLLER_FAILS_PODS = 'its controller then fails to create the pods';
export const CONTROLLER_FAILS_CLAIMS = 'its controller then fails to create the PersistentVolumeClaims, so the pods never start';

/** The first release whose API server validates the pod template and the claim templates of a StatefulSet. */
export const TEMPLATE_VALIDATION_SINCE = 34;

/**
 * A sentence to append when the targeted release is older than `1.since` and its API server accepts
 * what a newer one rejects; empty otherwise.
 */
export function olderNote(ctx: RuleContext, since: number, consequence: string): string {
  return minorOf(ctx) < since ? ` Kubernetes before 1.${since} accepts this StatefulSet, but ${consequence}.` : '';
}

/** Note for pod template checks (validated by the API server since 1.34). */
export function templateNote(ctx: RuleContext): string {
  return olderNote(ctx, TEMPLATE_VALIDATION_SINCE, CONTROLLER_FAILS_PODS);
}

/** Note for claim template checks (validated by the API server since 1.34). */
export function claimNote(ctx: RuleContext): string {
  return olderNote(ctx, TEMPLATE_VALIDATION_SINCE, CONTROLLER_FAILS_CLAIMS);
}

/**
 * Where to put a finding about a field that is missing from `map`: the key of `map` in its parent
 * when known, else the first key of the map itself (a list item has no key of its own).
 */
export function missingAnchor(map: YMap | undefined, parentKey: Span | undefined, fallback: Span): Span {
  if (parentKey) return parentKey;
  if (map && map.pairs.length > 0) return map.pairs[0].keySpan;
  return map ? { start: map.span.start, end: map.span.start } : fallback;
}

/** The span of the key `key` in `map`, else `fallback`. */
export function keySpanOr(map: YNode | null | undefined, key: string, fallback: Span): Span {
  return pairOf(map, key)?.keySpan ?? fallback;
}

/**
 * True when the API server rejects the object while decoding it (a duplicate key, a value of the
 * wrong type, an unknown field, a bad quantity): it answers with those alone and never runs the
 * value checks, so reporting them too would put errors where the server puts none (an unknown
 * `matchLabel` is not an empty selector to it).
 */
function failsToDecode(ctx: RuleContext, res: Resource): boolean {
  if (duplicateKeysIn(res.root).length > 0) return true;
  // A patch's strategic merge directives ($patch, $setElementOrder/...) are for kustomize, not the API server.
  return checkResource(res, ctx.text, { version: ctx.settings.version }).some((i) => i.kind !== 'version' && !(ctx.patch && i.kind === 'unknown-field' && i.pair.keyText.startsWith('$')));
}

/**
 * Per StatefulSet, its view and, per target release, whether it decodes: some forty rules ask
 * for both on every set. A resource belongs to one document of one chunk text, so the answer
 * holds for as long as the resource lives.
 */
const decodedViews = new WeakMap<Resource, { readonly view: StatefulSetView; readonly decodes: Map<string, boolean> }>();

function decodedView(ctx: RuleContext, res: Resource): StatefulSetView | undefined {
  let memo = decodedViews.get(res);
  if (!memo) {
    memo = { view: viewOf(res), decodes: new Map() };
    decodedViews.set(res, memo);
  }
  const { major, minor } = ctx.settings.version;
  const key = `${major}.${minor}`;
  let decodes = memo.decodes.get(key);
  if (decodes === undefined) {
    decodes = !failsToDecode(ctx, res);
    memo.decodes.set(key, decodes);
  }
  return decodes ? memo.view : undefined;
}

/** Runs `fn` on every apps/v1 StatefulSet of the document that decodes. */
export function eachStatefulSet(ctx: RuleContext, fn: (view: StatefulSetView) => void): void {
  for (const res of statefulSets(ctx)) {
    const view = decodedView(ctx, res);
    if (view) fn(view);
  }
}

/** The items of a sequence that are mappings, with their index; other items are left to the type checks. */

export function mapItems(node: YNode | null | undefined): { map: YMap; index: number }[] {
  const seq = asSeq(node);
  if (!seq) return [];
  const out: { map: YMap; index: number }[] = [];
  seq.items.forEach((it, index) => {
    const map = asMap(it);
    if (map) out.push({ map, index });
  });
  return out;
}

/** Text for a value in a message, quoted. */
export function q(s: string): string {
  return JSON.stringify(s);
}

/** ` Did you mean "X"?` when a close candidate exists, else ''. */
export function suggestion(word: string, allowed: readonly string[]): { text: string; value?: string } {
  const best = didYouMean(word, allowed);
  return best !== undefined && best !== word ? { text: ` Did you mean ${q(best)}?`, value: best } : { text: '' };
}

/** `"A" or "B"`, `"A", "B" or "C"`. */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map(q);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** A container of the pod template, regular or init. */
export interface ContainerRef {
  readonly map: YMap;
  readonly list: 'containers' | 'initContainers';
  readonly index: number;
  /** Field path of the container, with the resource prefix. */
  readonly path: string;
}

/**
 * Parts of a view that many rules walk, made once per view (views are memoised per resource, see
 * decodedView). Read-only: every rule gets the same arrays.
 */
function memoised<T>(fn: (view: StatefulSetView) => T): (view: StatefulSetView) => T {
  const memo = new WeakMap<StatefulSetView, T>();
  return (view) => {
    let v = memo.get(view);
    if (v === undefined) {
      v = fn(view);
      memo.set(view, v);
    }
    return v;
  };
}

export const containersOf: (view: StatefulSetView) => readonly ContainerRef[] = memoised((view) => {
  const out: ContainerRef[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    for (const { map, index } of mapItems(pairOf(view.podSpec, list)?.value)) {
      out.push({ map, list, index, path: `${view.prefix}spec.template.spec.${list}[${index}]` });
    }
  }
  return out;
});

/** Reports the integer at `node` when it is negative (a count or a number of seconds). */
export function reportIfNegative(ctx: RuleContext, node: YNode | null | undefined, path: string, what: string): void {
  const n = intValue(node);
  if (node && n !== undefined && n < 0) {
    ctx.report({ span: node.span, message: `${what} must be 0 or more; it is ${n}.`, path, fix: { kind: 'replace-value', value: 0 } });
  }
}

/** The update strategy type after defaulting, when it is one the API server knows; undefined otherwise. */
export function strategyType(view: StatefulSetView): 'RollingUpdate' | 'OnDelete' | undefined {
  const strategy = asMap(pairOf(view.spec, 'updateStrategy')?.value);
  const typeNode = pairOf(strategy, 'type')?.value;
  if (isAbsent(typeNode)) return 'RollingUpdate';
  const t = strValue(typeNode);
  if (t === '' || t === 'RollingUpdate') return 'RollingUpdate';
  return t === 'OnDelete' ? 'OnDelete' : undefined;
}

/**
 * Reports a string at `node` that is not one of `allowed` (exact case), with a did-you-mean fix.
 * `emptyIsDefault`: an empty string is replaced by the default before validation, so it is fine.
 */
export function reportIfNotOneOf(
  ctx: RuleContext,
  node: YNode | null | undefined,
  allowed: readonly string[],
  opts: { path: string; what: string; emptyIsDefault: boolean; note?: string },
): void {
  const s = strValue(node);
  if (!node || s === undefined || allowed.includes(s) || (s === '' && opts.emptyIsDefault)) return;
  const hint = suggestion(s, allowed);
  ctx.report({
    span: node.span,
    message: `${opts.what} ${q(s)} is not supported; use ${oneOf(allowed)} (exact case).${hint.text}${opts.note ?? ''}`,
    path: opts.path,
    fix: hint.value !== undefined ? { kind: 'replace-value', value: hint.value } : undefined,
  });
}

/** A name turned into the closest DNS label, for quick fixes; undefined when nothing usable is left. */
export function toDnsLabel(s: string): string | undefined {
  const fixed = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return fixed && !dns1123LabelProblem(fixed) ? fixed : undefined;
}

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A label selector read from YAML; undefined when some part has a type the type checks report. */
export function readSelector(node: YNode | null | undefined): { matchLabels: Map<string, string>; expressions: SelectorRequirement[] } | undefined {
  const sel = asMap(node);
  if (!sel) return undefined;
  const matchLabels = new Map<string, string>();
  const labelsNode = pairOf(sel, 'matchLabels')?.value;
  if (labelsNode && labelsNode.kind !== 'map') return undefined;
  for (const p of asMap(labelsNode)?.pairs ?? []) {
    const value = strValue(p.value);
    if (value === undefined) return undefined;
    matchLabels.set(p.keyText, value);
  }
  const expressions: SelectorRequirement[] = [];
  const exprNode = pairOf(sel, 'matchExpressions')?.value;
  if (exprNode && exprNode.kind !== 'seq') return undefined;
  for (const it of asSeq(exprNode)?.items ?? []) {
    const m = asMap(it);
    if (!m) return undefined;
    const key = strValue(pairOf(m, 'key')?.value) ?? '';
    const operator = strValue(pairOf(m, 'operator')?.value) ?? '';
    const valuesNode = pairOf(m, 'values')?.value;
    if (valuesNode && valuesNode.kind !== 'seq') return undefined;
    const values: string[] = [];
    for (const v of asSeq(valuesNode)?.items ?? []) {
      const s = strValue(v);
      if (s === undefined) return undefined;
      values.push(s);
    }
    expressions.push({ key, operator, values });
  }
  return { matchLabels, expressions };
}

/** Label selector semantics: NotIn and DoesNotExist also match when the label is absent. */
export function selectorMatches(sel: { matchLabels: Map<string, string>; expressions: readonly SelectorRequirement[] }, labels: Map<string, string>): boolean {
  for (const [k, v] of sel.matchLabels) if (labels.get(k) !== v) return false;
  for (const r of sel.expressions) {
    const has = labels.has(r.key);
    const value = labels.get(r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The string labels of a `labels` mapping; undefined when a value is not a string (a type error). */
export function readLabels(node: YNode | null | undefined): Map<string, string> | undefined {
  const out = new Map<string, string>();
  if (isAbsent(node)) return out;
  const m = asMap(node);
  if (!m) return undefined;
  for (const p of m.pairs) {
    const s = strValue(p.value);
    if (s === undefined) return undefined;
    out.set(p.keyText, s);
  }
  return out;
}

/** A volume claim template with its spec (undefined when absent) and the place to report missing fields. */
export interface ClaimTemplateRef {
  readonly map: YMap;
  readonly index: number;
  readonly spec?: YMap;
  /** `spec.volumeClaimTemplates[i].spec`, with the resource prefix. */
  readonly path: string;
  /** Where a field missing from the claim spec is reported: the `spec` key, else the template's first key. */
  readonly anchor: Span;
}

export function claimTemplatesOf(view: StatefulSetView): ClaimTemplateRef[] {
  return mapItems(pairOf(view.spec, 'volumeClaimTemplates')?.value).map(({ map, index }) => {
    const specPair = pairOf(map, 'spec');
    return {
      map,
      index,
      spec: asMap(specPair?.value),
      path: `${view.prefix}spec.volumeClaimTemplates[${index}].spec`,
      anchor: specPair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span,
    };
  });
}

/** A claim spec the API server validates: a claim template of the StatefulSet, or the template of an ephemeral pod volume. */
export interface ClaimSpecRef extends ClaimTemplateRef {
  readonly ephemeral: boolean;
}

export const claimSpecsOf: (view: StatefulSetView) => readonly ClaimSpecRef[] = memoised((view) => {
  const out: ClaimSpecRef[] = claimTemplatesOf(view).map((t) => ({ ...t, ephemeral: false }));
  const claimNames = new Set(out.map((t) => strValue(pairOf(asMap(pairOf(t.map, 'metadata')?.value), 'name')?.value)));
  for (const { map: volume, index } of mapItems(pairOf(view.podSpec, 'volumes')?.value)) {
    // A pod volume named like a claim template is replaced by it.
    if (claimNames.has(strValue(pairOf(volume, 'name')?.value))) continue;
    const templatePair = pairOf(asMap(pairOf(volume, 'ephemeral')?.value), 'volumeClaimTemplate');
    const template = asMap(templatePair?.value);
    if (!templatePair || !template) continue;
    const specPair = pairOf(template, 'spec');
    const path = `${view.prefix}spec.template.spec.volumes[${index}].ephemeral.volumeClaimTemplate.spec`;
    out.push({ map: template, index, spec: asMap(specPair?.value), path, anchor: specPair?.keySpan ?? templatePair.keySpan, ephemeral: true });
  }
  return out;
});

/** The note for older releases: a claim template breaks claim creation, an ephemeral volume pod creation. */
export function claimSpecNote(ctx: RuleContext, ref: ClaimSpecRef): string {
  return ref.ephemeral ? templateNote(ctx) : claimNote(ctx);
}

/**
 * True when a field is absent or null (`key:` with no value, `~`, `null`): Go decodes both to its zero
 * value. As a type guard it only narrows the false branch meaningfully (there the node is present).
 */
export function isAbsent(node: YNode | null | undefined): node is null | undefined {
  return node == null || (node.kind === 'scalar' && node.type === 'null');
}

/**
 * Checks a required name that must be a DNS label (containers, volumes, claim templates). Reports a
 * missing or bad name and returns the name when it is a valid label; undefined otherwise (including
 * values of another type, which belong to the type checks).
 */
export function checkLabelName(
  ctx: RuleContext,
  pair: YPair | undefined,
  anchor: Span,
  opts: { what: string; path: string; missing: string; note: string },
): string | undefined {
  if (isAbsent(pair?.value) || strValue(pair?.value) === '') {
    ctx.report({ span: pair?.keySpan ?? anchor, message: `${opts.missing}${opts.note}`, path: opts.path });
    return undefined;
  }
  const name = strValue(pair?.value);
  if (!pair?.value || name === undefined) return undefined;
  const problem = dns1123LabelProblem(name);
  if (!problem) return name;
  const fixed = toDnsLabel(name);
  ctx.report({ span: pair.value.span, message: `${opts.what} ${q(name)} is not a DNS label: ${problem}.${opts.note}`, path: opts.path, fix: fixed ? { kind: 'replace-value', value: fixed } : undefined });
  return undefined;
}

/**
 * Why a downward API fieldPath is rejected, given the plain paths the place allows; labels and
 * annotations may also be read one key at a time (`metadata.labels['app']`). Undefined when fine.
 */
export function fieldPathProblem(fieldPath: string, allowed: readonly string[]): string | undefined {
  const sub = /^(.+?)\['(.*)'\]$/.exec(fieldPath);
  if (sub) {
    const [, base, key] = sub;
    if (base !== 'metadata.labels' && base !== 'metadata.annotations') return `cannot be read by key; only metadata.labels and metadata.annotations can`;
    const problem = qualifiedNameProblem(base === 'metadata.annotations' ? key.toLowerCase() : key);
    return problem ? `names a key that is not valid: ${problem}` : undefined;
  }
  return allowed.includes(fieldPath) ? undefined : `is not supported; use ${oneOf(allowed)}, or metadata.labels['key'] or metadata.annotations['key']`;
}

const CPU_DIVISORS = [1e-3, 1];
const BYTE_DIVISORS = [1, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18, 2 ** 10, 2 ** 20, 2 ** 30, 2 ** 40, 2 ** 50, 2 ** 60];

/**
 * Why the divisor of a resourceFieldRef does not suit its resource: cpu takes 1m or 1, byte
 * resources 1 or one of each unit (1k, 1Mi, ...). Undefined when fine, unset (0) or unreadable.
 */
export function divisorProblem(resource: string, divisor: YNode | null | undefined): string | undefined {
  const text = divisor && divisor.kind === 'scalar' && divisor.type !== 'bool' && divisor.value !== null ? String(divisor.value) : undefined;
  const value = text === undefined ? undefined : parseQuantity(text.trim())?.value;
  if (value === undefined || value === 0) return undefined;
  const close = (allowed: readonly number[]): boolean => allowed.some((a) => Math.abs(value - a) <= a * 1e-9);
  if (/^(limits|requests)\.cpu$/.test(resource)) return close(CPU_DIVISORS) ? undefined : 'a cpu divisor is 1m or 1';
  if (/^(limits|requests)\.(memory|ephemeral-storage|hugepages-.+)$/.test(resource)) return close(BYTE_DIVISORS) ? undefined : 'a byte divisor is 1 or one unit such as 1Ki, 1Mi, 1M or 1G';
  return undefined;
}

/** Reports the string at `key` of `map` when it is not a DNS label or subdomain (an empty string only when not allowed). */
export function checkDnsName(ctx: RuleContext, map: YMap, key: string, opts: { path: string; kind: 'label' | 'subdomain'; emptyAllowed: boolean; note: string }): void {
  const node = pairOf(map, key)?.value;
  const name = strValue(node);
  if (!node || name === undefined || (name === '' && opts.emptyAllowed)) return;
  const problem = opts.kind === 'label' ? dns1123LabelProblem(name) : dns1123SubdomainProblem(name);
  if (problem) ctx.report({ span: node.span, message: `${key} ${q(name)} is not a DNS ${opts.kind}: ${problem}.${opts.note}`, path: `${opts.path}.${key}` });
}
