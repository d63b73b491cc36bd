/**
 * Walks one recognised object's YAML tree against the schema and lists what Kubernetes' decoder
 * would say about it: values of the wrong JSON type, fields it does not know (kubectl's default
 * strict field validation rejects them), quantities outside the grammar, and fields the target
 * release does not have or drops. The decode-level rules each report one kind of these.
 *
 * A tree walk rather than a JSON Schema validator (ajv): it keeps our spans through aliases and
 * merge keys, types scalars the way go-yaml v2 does from their source text (which a JSON value has
 * lost), and knows each field's Go type for did-you-mean and version messages. A compiled validator
 * of the whole StatefulSet schema would also weigh far more than this table.
 */
import type { Resource } from '../parse';
import type { RuleContext } from '../rules/types';
import { parseQuantity } from '../quantity';
import { atLeast, type KubeVersion } from '../settings';
import type { YNode, YPair, YScalar } from '../yamlTree';
import { goScalar, integralValue, type GoScalar } from './goYaml';
import { fieldsOf, rootSchema, type FieldSchema, type FieldType, type Primitive, type SchemaKind } from './index';

export type Expected = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'time' | 'object' | 'list' | 'map';

interface IssueBase {
  /** Kubernetes field path with the resource's List prefix, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
}

export interface TypeIssue extends IssueBase {
  readonly kind: 'type';
  readonly node: YNode;
  /** Where to underline: the value, or the key when a block collection starts on a later line. */
  readonly span: { readonly start: number; readonly end: number };
  readonly expected: Expected;
  /** `int32` / `int64` for integers, so messages can give the range. */
  readonly format?: Primitive;
  /** The scalar as Kubernetes types it; absent for collections. */
  readonly scalar?: GoScalar;
  /** What was found, in the decoder's words: string, number, boolean, object, array. */
  readonly found: string;
  /** Set when the value is a number of the right kind outside the field's range or with a fraction. */
  readonly numberProblem?: 'fraction' | 'range' | 'not-finite';
}

export interface UnknownFieldIssue extends IssueBase {
  readonly kind: 'unknown-field';
  readonly pair: YPair;
  /** Go type that lacks the field. */
  readonly owner: string;
  /** Path of the object that lacks the field. */
  readonly parentPath: string;
  readonly known: readonly string[];
  /** A place where a field of that name does exist: an enclosing object or an item one level down. */
  readonly belongsIn?: string;
}

export interface QuantityIssue extends IssueBase {
  readonly kind: 'quantity';
  readonly node: YScalar;
  readonly text: string;
}

export interface VersionIssue extends IssueBase {
  readonly kind: 'version';
  readonly pair: YPair;
  readonly field: FieldSchema;
}

export type Issue = TypeIssue | UnknownFieldIssue | QuantityIssue | VersionIssue;

export interface CheckOptions {
  readonly version: KubeVersion;
}

interface Frame {
  readonly type: string;
  readonly path: string;
}

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Go's strings.TrimSpace, which resource.Quantity applies before parsing. */
function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '');
}

export function kindOfResource(r: Resource): SchemaKind | undefined {
  if (r.kind === 'StatefulSet') return 'StatefulSet';
  if (r.kind === 'PersistentVolumeClaim') return 'PersistentVolumeClaim';
  return undefined;
}

/**
 * Every issue in one object, in document order. `source` is the text the resource's spans index
 * (the chunk). Memoised per tree: each decode-level rule asks for the same walk.
 */
export function checkResource(resource: Resource, source: string, options: CheckOptions): readonly Issue[] {
  const kind = kindOfResource(resource);
  if (!kind) return [];
  const key = `${options.version.major}.${options.version.minor}`;
  let byVersion = memo.get(resource.root);
  if (!byVersion) {
    byVersion = new Map();
    memo.set(resource.root, byVersion);
  }
  const hit = byVersion.get(key);
  if (hit) return hit;
  const issues = new Walker(source, options, resource.pathPrefix).run(resource.root, kind);
  byVersion.set(key, issues);
  return issues;
}

// Trees are immutable and each belongs to one chunk text, so a result keyed by the tree's root
// object stays right for as long as the tree lives, and goes with it.
const memo = new WeakMap<object, Map<string, readonly Issue[]>>();

class Walker {
  private readonly issues: Issue[] = [];
  private readonly seen = new Set<string>();
  private readonly frames: Frame[] = [];

  constructor(
    private readonly source: string,
    private readonly options: CheckOptions,
    private readonly prefix: string,
  ) {}

  run(root: YNode, kind: SchemaKind): Issue[] {
    this.visit(root, rootSchema(kind).type, '', null, false);
    return this.issues.sort((a, b) => startOf(a) - startOf(b));
  }

  private add(issue: Issue): void {
    // An alias repeats a node: say it once, where it is written.
    const k = `${issue.kind}:${startOf(issue)}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.issues.push(issue);
  }

  private full(path: string): string {
    return this.prefix + path;
  }

  private visit(node: YNode | null, type: FieldType, path: string, pair: YPair | null, inStatus: boolean): void {
    // JSON null is accepted for every field: the decoder leaves the zero value.
    if (!node) return;
    if (node.kind === 'scalar') {
      const s = goScalar(node, this.source);
      if (s.kind === 'null') return;
      if (type.kind !== 'primitive') {
        this.typeIssue(node, pair, path, expectedOf(type), s);
        return;
      }
      this.scalar(node, s, type.name, path, pair);
      return;
    }
    switch (type.kind) {
      case 'primitive':
        if (type.name !== 'any') this.typeIssue(node, pair, path, expectedOf(type));
        return;
      case 'array':
        if (node.kind !== 'seq') return this.typeIssue(node, pair, path, 'list');
        node.items.forEach((item, i) => this.visit(item, type.items, `${path}[${i}]`, null, inStatus));
        return;
      case 'map':
        if (node.kind !== 'map') return this.typeIssue(node, pair, path, 'map');
        for (const p of node.pairs) {
          if (p.key && p.key.kind !== 'scalar') continue;
          this.visit(p.value, type.values, joinKey(path, p.keyText), p, inStatus);
        }
        return;
      case 'object':
        if (node.kind !== 'map') return this.typeIssue(node, pair, path, 'object');
        this.object(node.pairs, type.name, path, inStatus);
        return;
    }
  }

  private object(pairs: readonly YPair[], typeName: string, path: string, inStatus: boolean): void {
    const fields = fieldsOf(typeName);
    if (!fields) return;
    this.frames.push({ type: typeName, path });
    for (const p of pairs) {
      if (p.key && p.key.kind !== 'scalar') continue;
      const childPath = path === '' ? p.keyText : `${path}.${p.keyText}`;
      const field = fields.get(p.keyText);
      if (!field) {
        this.add({ kind: 'unknown-field', pair: p, path: this.full(childPath), owner: typeName, parentPath: this.full(path), known: [...fields.keys()], belongsIn: this.belongsIn(p.keyText, typeName) });
        continue;
      }
      const status = inStatus || (p.keyText === 'status' && (typeName === 'StatefulSet' || typeName === 'PersistentVolumeClaim'));
      // Status is not the user's to set: the server replaces it, so its fields' releases do not matter.
      if (!status && field.history && this.missingIn(field)) {
        this.add({ kind: 'version', pair: p, path: this.full(childPath), field });
        // The server drops the whole field: what is inside it is not looked at.
        if (!atLeast(this.options.version, field.history.since)) continue;
      }
      this.visit(p.value, field.type, childPath, p, status);
    }
    this.frames.pop();
  }

  private missingIn(field: FieldSchema): boolean {
    const h = field.history;
    if (!h) return false;
    if (!atLeast(this.options.version, h.since)) return true;
    if (!h.gate) return false;
    return h.on === undefined || !atLeast(this.options.version, h.on);
  }

  /** Where a misplaced field belongs: an enclosing object that has it, or list items / objects just below. */
  private belongsIn(name: string, typeName: string): string | undefined {
    for (let i = this.frames.length - 2; i >= 0; i--) {
      const f = this.frames[i];
      if (fieldsOf(f.type)?.has(name)) return f.path === '' ? '(the top level)' : this.full(f.path);
    }
    const here = this.frames[this.frames.length - 1];
    for (const [childName, child] of fieldsOf(typeName) ?? []) {
      let t = child.type;
      let suffix = '';
      if (t.kind === 'array') {
        t = t.items;
        suffix = '[]';
      }
      if (t.kind === 'object' && fieldsOf(t.name)?.has(name)) {
        const base = here.path === '' ? childName : `${here.path}.${childName}`;
        return this.full(base + suffix);
      }
    }
    return undefined;
  }

  private scalar(node: YScalar, s: GoScalar, prim: Primitive, path: string, pair: YPair | null): void {
    switch (prim) {
      case 'any':
        return;
      case 'string':
        if (s.kind !== 'str') this.typeIssue(node, pair, path, 'string', s);
        return;
      case 'time':
        if (s.kind !== 'str' || !isRfc3339(s.text)) this.typeIssue(node, pair, path, 'time', s);
        return;
      case 'boolean':
        if (s.kind !== 'bool') this.typeIssue(node, pair, path, 'boolean', s);
        return;
      case 'number':
        if (s.kind !== 'int' && s.kind !== 'float') this.typeIssue(node, pair, path, 'number', s);
        else if (s.kind === 'float' && !Number.isFinite(s.float)) this.typeIssue(node, pair, path, 'number', s, 'not-finite');
        return;
      case 'int32':
      case 'int64':
        this.integer(node, s, path, pair, 'integer', prim);
        return;
      case 'int-or-string':
        if (s.kind !== 'str') this.integer(node, s, path, pair, 'int-or-string', 'int32');
        return;
      case 'quantity':
        if (s.kind === 'str') {
          if (!parseQuantity(goTrimSpace(s.text))) this.add({ kind: 'quantity', node, path: this.full(path), text: s.text });
        } else if (s.kind === 'float' && !Number.isFinite(s.float)) {
          this.add({ kind: 'quantity', node, path: this.full(path), text: s.text });
        } else if (s.kind !== 'int' && s.kind !== 'float') {
          this.typeIssue(node, pair, path, 'quantity', s);
        }
        return;
    }
  }

  private integer(node: YScalar, s: GoScalar, path: string, pair: YPair | null, expected: Expected, format: Primitive): void {
    if (s.kind !== 'int' && s.kind !== 'float') {
      this.typeIssue(node, pair, path, expected, s);
      return;
    }
    if (s.kind === 'float' && !Number.isFinite(s.float)) {
      this.typeIssue(node, pair, path, expected, s, 'not-finite', format);
      return;
    }
    const v = integralValue(s);
    if (v === undefined) {
      this.typeIssue(node, pair, path, expected, s, 'fraction', format);
      return;
    }
    const r = format === 'int32' ? INT32 : INT64;
    if (v < r.min || v > r.max) this.typeIssue(node, pair, path, expected, s, 'range', format);
  }

  private typeIssue(node: YNode, pair: YPair | null, path: string, expected: Expected, scalar?: GoScalar, numberProblem?: TypeIssue['numberProblem'], format?: Primitive): void {
    let span = node.span;
    if (node.kind !== 'scalar' && !node.flow && pair && lineBreakBetween(this.source, pair.keySpan.end, node.span.start)) span = pair.keySpan;
    this.add({ kind: 'type', node, span, path: this.full(path), expected, format, scalar, found: foundOf(node, scalar), numberProblem });
  }
}

function lineBreakBetween(text: string, from: number, to: number): boolean {
  return /[\r\n]/.test(text.slice(from, to));
}

function startOf(i: Issue): number {
  switch (i.kind) {
    case 'type':
      return i.span.start;
    case 'quantity':
      return i.node.span.start;
    default:
      return i.pair.keySpan.start;
  }
}

function joinKey(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function expectedOf(t: FieldType): Expected {
  switch (t.kind) {
    case 'array':
      return 'list';
    case 'map':
      return 'map';
    case 'object':
      return 'object';
    default:
      switch (t.name) {
        case 'int32':
        case 'int64':
          return 'integer';
        case 'any':
          return 'object';
        default:
          return t.name;
      }
  }
}

function foundOf(node: YNode, s: GoScalar | undefined): string {
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  switch (s?.kind) {
    case 'str':
      return 'string';
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    default:
      return 'null';
  }
}

/** metav1.Time accepts RFC 3339 text only (Go's time.RFC3339 layout, fractional seconds allowed). */
function isRfc3339(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s);
}

/** The issues of every object in the document that the schema covers (served StatefulSets and PVCs). */
export function decodeIssues(ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  for (const r of ctx.doc.resources) {
    if (!r.served || !kindOfResource(r)) continue;
    out.push(...checkResource(r, ctx.text, { version: ctx.settings.version }));
  }
  return out;
}

/** A YAML 1.1 boolean written plain where Kubernetes wants a string (its own rule, its own fix). */
export function isBooleanForString(i: Issue): boolean {
  return i.kind === 'type' && i.expected === 'string' && i.scalar?.kind === 'bool' && i.scalar.plain;
}
