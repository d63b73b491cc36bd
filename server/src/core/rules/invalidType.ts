import { decodeIssues, isBooleanForString, type TypeIssue } from '../schema/check';
import { resolvePlain } from '../schema/goYaml';
import type { FixData } from '../types';
import type { Rule } from './types';

const EXPECTED: Record<TypeIssue['expected'], string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  'int-or-string': 'an integer or a string',
  quantity: 'a quantity (such as 10Gi, 500m or a plain number)',
  time: 'an RFC 3339 time (such as 2024-01-31T12:00:00Z)',
  object: 'an object (a mapping of fields)',
  list: 'a list',
  map: 'a mapping of keys to values',
};

const RANGE: Record<string, string> = {
  int32: 'a 32-bit integer (-2147483648 to 2147483647)',
  int64: 'a 64-bit integer',
};

function found(i: TypeIssue): string {
  const s = i.scalar;
  switch (i.found) {
    case 'string':
      return `a string (${JSON.stringify(s?.text ?? '')})`;
    case 'number':
      return `a number (${s?.text})`;
    case 'boolean':
      return s?.plain ? `a boolean (YAML reads the unquoted ${s.text} as ${String(s.bool)})` : `a boolean (${String(s?.bool)})`;
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    default:
      return i.found;
  }
}

/** The kind Kubernetes wants, if the quoted text would be exactly that once unquoted. */
function unquotes(i: TypeIssue): boolean {
  const s = i.scalar;
  if (!s || s.kind !== 'str' || s.plain) return false;
  const bare = resolvePlain(s.text);
  if (i.expected === 'boolean') return bare.kind === 'bool';
  if (i.expected === 'integer' || i.expected === 'int-or-string') return bare.kind === 'int';
  if (i.expected === 'number') return bare.kind === 'int' || bare.kind === 'float';
  return false;
}

function messageOf(i: TypeIssue): { message: string; fix?: FixData } {
  const s = i.scalar;
  if (i.numberProblem === 'fraction') return { message: `${i.path} must be ${i.expected === 'int-or-string' ? 'a whole number or a string' : 'a whole number'}, not ${s?.text}.` };
  if (i.numberProblem === 'not-finite') return { message: `${i.path} must be a finite number, not ${s?.text}.` };
  if (i.numberProblem === 'range') return { message: `${i.path} must fit in ${RANGE[i.format ?? 'int64']}; ${s?.text} does not.` };
  const base = `${i.path} must be ${EXPECTED[i.expected]}, not ${found(i)}`;
  if (unquotes(i)) return { message: `${base}; remove the quotes.`, fix: { kind: 'unquote' } };
  if ((i.expected === 'string' || i.expected === 'int-or-string') && s?.plain && (s.kind === 'int' || s.kind === 'float' || s.kind === 'bool')) {
    return { message: `${base}; quote it: ${JSON.stringify(s.text)}.`, fix: { kind: 'quote' } };
  }
  if (i.expected === 'list' && i.found === 'object') return { message: `${base}: start each item with "- ".` };
  return { message: `${base}.` };
}

export const invalidType: Rule = {
  meta: {
    id: 'invalid-type',
    defaultSeverity: 'error',
    summary: 'A field has a value of the wrong JSON type.',
    docs: 'kubectl turns YAML into JSON with YAML 1.1 rules before it knows any field, and the API server then decodes the JSON into typed fields: a quoted "3" for an integer, an unquoted 8080 for a string, a list where an object belongs or a number with a fraction for an integer make it answer "cannot unmarshal ... into Go struct field" and reject the object. Fields that take an integer or a string (ports, maxUnavailable) accept both, and null is accepted everywhere.',
    example: 'spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: PORT\n              value: "8080"',
    scope: 'document',
  },
  check(ctx) {
    for (const i of decodeIssues(ctx)) {
      if (i.kind !== 'type' || isBooleanForString(i)) continue;
      const { message, fix } = messageOf(i);
      ctx.report({ span: i.span, message, path: i.path, fix });
    }
  },
};
