/**
 * The field schema of the objects we check: every field of apps/v1 StatefulSet (pod template,
 * containers, volumes, claim templates, status) and of a v1 PersistentVolumeClaim, with its JSON
 * type, the values Kubernetes accepts where it has a fixed set, and the release it appeared in.
 *
 * Used by the decode-level rules (rules/invalidType.ts and friends, through check.ts) and by
 * completion and hovers (`schemaAt`, `childFields`, `fieldInfo`).
 */
import { TYPES } from './data';
import { ENUMS, FIELD_HISTORY, type FieldHistory } from './versions';

/**
 * JSON types as Kubernetes' decoder sees them. `int-or-string` is intstr.IntOrString; `quantity`
 * is resource.Quantity (a string in its grammar, or a number); `time` is an RFC 3339 string;
 * `any` is free-form JSON (`fieldsV1`).
 */
export type Primitive = 'string' | 'boolean' | 'number' | 'int32' | 'int64' | 'int-or-string' | 'quantity' | 'time' | 'any';

export type FieldType =
  | { readonly kind: 'primitive'; readonly name: Primitive }
  | { readonly kind: 'object'; readonly name: string }
  | { readonly kind: 'array'; readonly items: FieldType }
  | { readonly kind: 'map'; readonly values: FieldType };

export interface FieldSchema {
  readonly type: FieldType;
  /** The field's name and the Go type that has it; absent for list items, map values and roots. */
  readonly name?: string;
  readonly owner?: string;
  readonly enum?: readonly string[];
  readonly history?: FieldHistory;
}

export type SchemaKind = 'StatefulSet' | 'PersistentVolumeClaim';

const PRIMITIVES = new Set<string>(['string', 'boolean', 'number', 'int32', 'int64', 'int-or-string', 'quantity', 'time', 'any']);
const parsed = new Map<string, FieldType>();

/** Parses a type expression of data.ts (`[]Container`, `{}quantity`, `PodSpec`). */
export function typeOf(expr: string): FieldType {
  let t = parsed.get(expr);
  if (t) return t;
  if (expr.startsWith('[]')) t = { kind: 'array', items: typeOf(expr.slice(2)) };
  else if (expr.startsWith('{}')) t = { kind: 'map', values: typeOf(expr.slice(2)) };
  else if (PRIMITIVES.has(expr)) t = { kind: 'primitive', name: expr as Primitive };
  else t = { kind: 'object', name: expr };
  parsed.set(expr, t);
  return t;
}

/** The fields of a Go type, by JSON name; undefined for a name we do not know. */
export function fieldsOf(typeName: string): ReadonlyMap<string, FieldSchema> | undefined {
  let fields = fieldCache.get(typeName);
  if (fields) return fields;
  const raw = TYPES[typeName];
  if (!raw) return undefined;
  const m = new Map<string, FieldSchema>();
  for (const [name, expr] of Object.entries(raw)) {
    const key = `${typeName}.${name}`;
    m.set(name, { type: typeOf(expr), name, owner: typeName, enum: ENUMS[key], history: FIELD_HISTORY[key] });
  }
  fields = m;
  fieldCache.set(typeName, fields);
  return fields;
}
const fieldCache = new Map<string, ReadonlyMap<string, FieldSchema>>();

export function rootSchema(kind: SchemaKind = 'StatefulSet'): FieldSchema {
  return { type: typeOf(kind) };
}

/** The schema of the item or value one step below `schema`: a field, a list item or a map value. */
export function stepInto(schema: FieldSchema, step: string | number): FieldSchema | undefined {
  const t = schema.type;
  if (t.kind === 'array') return typeof step === 'number' ? { type: t.items, enum: schema.enum } : undefined;
  if (t.kind === 'map') return typeof step === 'string' ? { type: t.values } : undefined;
  if (t.kind === 'object' && typeof step === 'string') return fieldsOf(t.name)?.get(step);
  return undefined;
}

/** The schema at a path of field names and list indices, e.g. `['spec', 'template', 'spec', 'containers', 0, 'image']`. */
export function schemaAt(path: readonly (string | number)[], kind: SchemaKind = 'StatefulSet'): FieldSchema | undefined {
  let cur: FieldSchema | undefined = rootSchema(kind);
  for (const step of path) {
    if (!cur) return undefined;
    cur = stepInto(cur, step);
  }
  return cur;
}

/** The fields an object at `schema` may have (for a list, those of its items); empty otherwise. */
export function childFields(schema: FieldSchema): FieldSchema[] {
  let t = schema.type;
  while (t.kind === 'array') t = t.items;
  if (t.kind !== 'object') return [];
  return [...(fieldsOf(t.name)?.values() ?? [])];
}

export interface FieldInfo {
  /** `integer (int32)`, `list of Container`, `map of string to quantity`, `StatefulSetSpec`. */
  readonly typeText: string;
  readonly enum?: readonly string[];
  /** First release with the field, when it is newer than the oldest release we model. */
  readonly since?: string;
  /** Feature gate and the release it became on by default (absent: still off by default). */
  readonly gate?: string;
  readonly onByDefault?: string;
}

export function fieldInfo(schema: FieldSchema): FieldInfo {
  const h = schema.history;
  return { typeText: typeText(schema.type), enum: schema.enum, since: h?.since, gate: h?.gate, onByDefault: h?.on };
}

export function typeText(t: FieldType): string {
  switch (t.kind) {
    case 'array':
      return `list of ${typeText(t.items)}`;
    case 'map':
      return `map of string to ${typeText(t.values)}`;
    case 'object':
      return t.name;
    default:
      return PRIMITIVE_TEXT[t.name];
  }
}

const PRIMITIVE_TEXT: Record<Primitive, string> = {
  string: 'string',
  boolean: 'boolean',
  number: 'number',
  int32: 'integer (int32)',
  int64: 'integer (int64)',
  'int-or-string': 'integer or string',
  quantity: 'quantity',
  time: 'time (RFC 3339)',
  any: 'any JSON',
};

/** Every Go type name of the schema (for tests and docs). */
export function typeNames(): string[] {
  return Object.keys(TYPES);
}
