/**
 * `.statefulset-tools.yaml` text -> RepoConfig and its problems, each at the key or value it is
 * about. Never throws. Read as YAML 1.2, as yaml-language-server and most tools read a
 * configuration file: `pdb-missing: off` is the string "off" (YAML 1.1 would make it false). The
 * valid parts are kept next to the problems, so an editor applies what it can while the file is
 * being typed; the CLI refuses a configuration with any problem.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { didYouMean } from '../names';
import { composeDocuments } from '../parse';
import { RULE_METAS } from '../rules';
import type { RuleMeta } from '../rules/types';
import type { Settings } from '../settings';
import type { Span } from '../types';
import { convertDocument, MAX_DEPTH, toPlain, type YNode, type YPair } from '../yamlTree';
import { SETTING_KEY_NAMES, SETTING_KEYS, SEVERITY_VALUES } from './keys';
import { buildConfigSchema } from './schema';

export interface ConfigOverride {
  readonly files: readonly string[];
  readonly settings: Settings;
}

export interface RepoConfig {
  /** The top-level settings. */
  readonly settings: Settings;
  readonly exclude: readonly string[];
  readonly overrides: readonly ConfigOverride[];
}

export interface ConfigProblem {
  readonly message: string;
  /** Offsets into the configuration text. */
  readonly span: Span;
}

export interface ParsedConfig {
  readonly config: RepoConfig;
  readonly problems: readonly ConfigProblem[];
  /** The file's tree (YAML 1.2), for features that read it; null when empty or unreadable. */
  readonly root: YNode | null;
}

export const EMPTY_CONFIG: RepoConfig = { settings: {}, exclude: [], overrides: [] };

/** A configuration file is a few hundred bytes; anything this large is not one. */
const MAX_CONFIG_LENGTH = 1024 * 1024;

const validators = new WeakMap<readonly RuleMeta[], ValidateFunction>();

function validatorFor(metas: readonly RuleMeta[]): ValidateFunction {
  let v = validators.get(metas);
  if (!v) {
    v = new Ajv({ allErrors: true, strict: true }).compile(buildConfigSchema(metas));
    validators.set(metas, v);
  }
  return v;
}

export function parseConfig(text: string, metas: readonly RuleMeta[] = RULE_METAS): ParsedConfig {
  if (text.length > MAX_CONFIG_LENGTH) return { config: EMPTY_CONFIG, root: null, problems: [{ message: `A configuration file of ${text.length.toLocaleString('en-US')} characters is not read (at most ${MAX_CONFIG_LENGTH.toLocaleString('en-US')}).`, span: { start: 0, end: 0 } }] };
  let root: YNode | null = null;
  const problems: ConfigProblem[] = [];
  try {
    const { docs, deep } = composeDocuments(text, { version: '1.2', merge: true, prettyErrors: false, uniqueKeys: true });
    if (deep !== undefined) return { config: EMPTY_CONFIG, root: null, problems: [{ message: `The configuration nests collections more than ${MAX_DEPTH} levels deep; it is not read.`, span: { start: deep, end: deep + 1 } }] };
    if (docs.length === 0) return { config: EMPTY_CONFIG, root: null, problems: [] };
    for (const e of docs[0].errors) problems.push({ message: firstLine(e.message), span: e.code === 'DUPLICATE_KEY' ? keyAt(text, e.pos[0]) : spanIn(text, e.pos) });
    for (const d of docs.slice(1)) problems.push({ message: 'The configuration is one YAML document; this second one is ignored.', span: spanIn(text, [d.range[0], d.range[0] + 3]) });
    const converted = convertDocument(docs[0]);
    root = converted.root;
    for (const p of converted.problems) problems.push({ message: p.message, span: p.span });
  } catch (e) {
    return { config: EMPTY_CONFIG, root: null, problems: [{ message: `The configuration could not be read: ${(e as Error).message}`, span: { start: 0, end: 0 } }] };
  }
  if (problems.length > 0) return { config: EMPTY_CONFIG, root, problems };
  if (root === null || (root.kind === 'scalar' && root.value === null)) return { config: EMPTY_CONFIG, root, problems: [] };
  if (root.kind !== 'map') {
    return { config: EMPTY_CONFIG, root, problems: [{ message: `The configuration is a mapping of keys (${topKeys(metas).join(', ')}); this is ${describe(toPlain(root))}.`, span: root.span }] };
  }
  const value = toPlain(root) as Record<string, unknown>;
  const validate = validatorFor(metas);
  if (validate(value)) return { config: configOf(value), root, problems: [] };
  const bad: string[] = [];
  for (const e of dedupe(validate.errors ?? [])) {
    // Where the tree cannot say (a value an alias repeats), the problem is reported on the whole mapping rather than lost.
    problems.push(problemOf(e, root, metas, text) ?? { message: `${nameOf(e.instancePath)}: ${e.message ?? 'invalid'}.`, span: root.span });
    bad.push(e.keyword === 'additionalProperties' ? `${e.instancePath}/${escape(String(e.params.additionalProperty))}` : e.instancePath);
  }
  return { config: configOf(withoutPaths(value, bad)), root, problems: problems.sort((a, b) => a.span.start - b.span.start) };
}

function topKeys(metas: readonly RuleMeta[]): string[] {
  return Object.keys(buildConfigSchema(metas).properties ?? {});
}

/** The configuration from a value that passed validation (or had its bad parts taken out). */
function configOf(v: Record<string, unknown>): RepoConfig {
  const overrides = Array.isArray(v.overrides) ? (v.overrides as Record<string, unknown>[]).filter((o) => o && Array.isArray(o.files)).map((o) => ({ files: globsOf(o.files), settings: settingsOf(o) })) : [];
  return { settings: settingsOf(v), exclude: globsOf(v.exclude), overrides };
}

function globsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g !== '').map(normalizeGlob) : [];
}

function settingsOf(v: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEY_NAMES) if (v[k] !== undefined && v[k] !== null) out[k] = v[k];
  return out as Settings;
}

/** `./charts/**` and `/charts/**` mean `charts/**`: paths are relative to the file's directory anyway. */
function normalizeGlob(g: string): string {
  return g.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** One error per place and kind: ajv lists `enum` and `type` for one bad value, and `pattern` often follows `type`. */
function dedupe(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    const where = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
    if (seen.has(where)) continue;
    seen.add(where);
    out.push(e);
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `value` with the entries at `pointers` removed (an array element becomes a hole that configOf skips). */
function withoutPaths(value: Record<string, unknown>, pointers: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(value);
  for (const p of pointers) {
    const segs = segmentsOf(p);
    if (segs.length === 0) return {};
    let parent: unknown = copy;
    for (const s of segs.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[s] : undefined;
    if (!parent || typeof parent !== 'object') continue;
    const last = segs[segs.length - 1];
    if (Array.isArray(parent)) parent[Number(last)] = undefined;
    else delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

interface Located {
  readonly node: YNode | null;
  readonly pair?: YPair;
}

/** The node (and the pair holding it) at a JSON pointer; undefined where the tree does not reach. */
function locate(root: YNode, pointer: string): Located | undefined {
  let cur: Located = { node: root };
  for (const s of segmentsOf(pointer)) {
    const n = cur.node;
    if (n?.kind === 'map') {
      const pair = [...n.pairs].reverse().find((p) => p.keyText === s);
      if (!pair) return undefined;
      cur = { node: pair.value, pair };
    } else if (n?.kind === 'seq') {
      const item = n.items[Number(s)];
      if (item === undefined) return undefined;
      cur = { node: item };
    } else return undefined;
  }
  return cur;
}

/** `overrides[0].rules.pdb-missing` */
function nameOf(pointer: string): string {
  let out = '';
  for (const s of segmentsOf(pointer)) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `the ${typeof v} ${String(v)}`;
}

const ARTICLE: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'true or false', number: 'a number', integer: 'a whole number' };

function problemOf(e: ErrorObject, root: YNode, metas: readonly RuleMeta[], text: string): ConfigProblem | undefined {
  const at = locate(root, e.instancePath);
  if (!at) return undefined;
  const segs = segmentsOf(e.instancePath);
  const last = segs[segs.length - 1];
  const name = nameOf(e.instancePath);
  const valueSpan = at.node && !(at.node.kind === 'scalar' && at.node.value === null && at.pair) ? at.node.span : (at.pair?.keySpan ?? root.span);
  const value = toPlain(at.node);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const pair = at.node?.kind === 'map' ? [...at.node.pairs].reverse().find((p) => p.keyText === key) : undefined;
      const span = pair?.keySpan ?? valueSpan;
      if (last === 'rules') {
        const guess = didYouMean(key, metas.map((m) => m.id));
        return { message: `Unknown rule "${key}".${guess ? ` Did you mean "${guess}"?` : ''} \`statefulset-tools rules\` lists them.`, span };
      }
      const inOverride = segs[0] === 'overrides';
      const allowed = inOverride ? ['files', ...SETTING_KEY_NAMES] : topKeys(metas);
      const guess = didYouMean(key, allowed);
      const topOnly = inOverride && (key === 'exclude' || key === 'overrides') ? ` "${key}" goes at the top level, not in an override.` : '';
      return { message: `Unknown key "${key}"${inOverride ? ' in an override' : ''}.${topOnly}${guess && !topOnly ? ` Did you mean "${guess}"?` : ''} Keys: ${allowed.join(', ')}.`, span };
    }
    case 'type': {
      if (segs.length >= 2 && segs[segs.length - 2] === 'rules') return { message: `The severity of ${last} must be one of ${SEVERITY_VALUES.join(', ')}; it is ${describe(value)}.`, span: valueSpan };
      const want = ARTICLE[String(e.params.type)] ?? String(e.params.type);
      const quote = want === 'a string' && typeof value === 'number' && at.node?.kind === 'scalar' ? ` Quote it: YAML reads ${text.slice(at.node.span.start, at.node.span.end)} as the number ${String(value)}.` : '';
      return { message: `${name} must be ${want}; it is ${describe(value)}.${quote}`, span: valueSpan };
    }
    case 'enum': {
      const rule = segs.length >= 2 && segs[segs.length - 2] === 'rules';
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      const what = rule ? `The severity of ${last}` : name;
      return { message: `${what} must be one of ${(rule ? [...SEVERITY_VALUES] : allowed).join(', ')}; it is ${describe(value)}.${guess ? ` Did you mean "${guess}"?` : ''}`, span: valueSpan };
    }
    case 'pattern':
    case 'maxLength': {
      const key = SETTING_KEY_NAMES.find((k) => k === last);
      const expected = key ? SETTING_KEYS[key].expected : undefined;
      return { message: `${name} must be ${expected ?? `text matching ${String(e.params.pattern ?? '')}`}; it is ${describe(value)}.`, span: valueSpan };
    }
    case 'required':
      return { message: `An override needs "${String(e.params.missingProperty)}": the globs of the paths it applies to.`, span: at.node?.kind === 'map' && at.node.pairs[0] ? at.node.pairs[0].keySpan : valueSpan };
    case 'minItems':
      return { message: `${name} needs at least one glob.`, span: valueSpan };
    case 'minLength':
      return { message: `${name} is empty; write a glob such as "charts/**".`, span: valueSpan };
    default:
      return { message: `${name}: ${e.message ?? 'invalid'}.`, span: valueSpan };
  }
}

/** The error's span, moved back onto the last character written when the parser points past it (an unclosed `[`). */
function spanIn(text: string, pos: readonly [number, number] | undefined): Span {
  const [s, e] = pos ?? [0, 0];
  const start = Math.max(0, Math.min(s, text.length));
  const end = Math.max(start, Math.min(e, text.length));
  if (end > start && text.slice(start, end).trim() !== '') return { start, end };
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i < 0 ? { start, end } : { start: i, end: i + 1 };
}

/** The key the parser's error points at the first character of. */
function keyAt(text: string, start: number): Span {
  let end = start;
  while (end < text.length && !/[:\s]/.test(text[end])) end++;
  return { start, end: Math.max(end, Math.min(start + 1, text.length)) };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}
