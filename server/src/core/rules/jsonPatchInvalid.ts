import { didYouMean } from '../names';
import { fieldsOf, rootSchema, stepInto, type FieldSchema } from '../schema';
import { asMap, asSeq, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { oneOf, q, suggestion } from './util';

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

export const jsonPatchInvalid: Rule = {
  meta: {
    id: 'json-patch-invalid',
    defaultSeverity: 'error',
    summary: 'A JSON 6902 patch that a kustomization names has an operation kustomize cannot apply.',
    docs: 'A JSON 6902 patch (`patchesJson6902`, or a `patches` entry whose patch is a list) is a list of operations, each an object with an `op` (add, remove, replace, move, copy or test, exact case) and a `path`, a JSON pointer that starts with "/" (`/spec/replicas`); move and copy also need a `from`. kustomize stops the build on an unknown or missing op, a missing path or from, and an item that is not an object. A path without the leading "/" is applied, but not where it was meant: kustomize adds the field at the top of the object, where the API server rejects it. When every entry naming the patch targets a StatefulSet, each path and from is also followed through the fields of a StatefulSet: a field it does not have (`/spec/replica`), a list step that is not an index or "-", or a step below a plain value is an error too, as kustomize stops on a path that is not there and the API server rejects a field it does not know. The values the operations write are not checked. Only files and inline patches that a kustomization names are checked this way.',
    example: '- op: replace\n  path: /spec/replicas\n  value: 3',
    scope: 'document',
  },
  check(ctx) {
    const ops = ctx.patch === 'named' ? asSeq(ctx.doc.root) : undefined;
    ops?.items.forEach((item, i) => {
      const op = asMap(item);
      if (!op) {
        if (item) ctx.report({ span: item.span, message: `Operation ${i + 1} of this JSON patch is not an object with op and path; kustomize cannot read the patch.` });
        return;
      }
      const anchor = op.pairs[0]?.keySpan ?? op.span;
      const opPair = pairOf(op, 'op');
      const name = strValue(opPair?.value);
      if (name === undefined || !OPS.includes(name)) {
        const hint = name === undefined ? { text: '' } : suggestion(name, OPS);
        ctx.report({
          span: opPair?.value?.span ?? opPair?.keySpan ?? anchor,
          message: `${name === undefined ? 'This operation has no op' : `op ${q(name)} is not a JSON patch operation`}: use ${oneOf(OPS)}.${hint.text} kustomize stops the build on it.`,
          path: `[${i}].op`,
          fix: hint.value ? { kind: 'replace-value', value: hint.value } : undefined,
        });
      }
      for (const key of name === 'move' || name === 'copy' ? ['path', 'from'] : ['path']) {
        const pair = pairOf(op, key);
        const pointer = strValue(pair?.value);
        if (pointer === undefined) {
          ctx.report({ span: pair?.value?.span ?? pair?.keySpan ?? anchor, message: `The operation needs a ${key}: a JSON pointer such as /spec/replicas. kustomize stops the build without it.`, path: `[${i}].${key}` });
        } else if (pointer !== '' && !pointer.startsWith('/') && pair?.value) {
          ctx.report({
            span: pair.value.span,
            message: `${key} ${q(pointer)} is not a JSON pointer: it starts with "/". kustomize applies it at the top of the object instead, where the field is unknown.`,
            path: `[${i}].${key}`,
            fix: { kind: 'replace-value', value: `/${pointer}` },
          });
        } else if (ctx.patchTarget === 'StatefulSet' && pair?.value) {
          const problem = pointerProblem(pointer);
          if (problem) ctx.report({ span: pair.value.span, message: `${key} ${q(pointer)} ${problem.message} kustomize stops the build on a path that is not there, or writes a field the API server rejects.`, path: `[${i}].${key}`, fix: problem.fix ? { kind: 'replace-value', value: problem.fix } : undefined });
        }
      }
    });
  },
};

/**
 * Why a JSON pointer cannot name a place in a StatefulSet: a field its type does not have, a list
 * entry that is not an index (or `-`, the end), or a step below a value that has no fields.
 */
function pointerProblem(pointer: string): { message: string; fix?: string } | undefined {
  const steps = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema: FieldSchema | undefined = rootSchema('StatefulSet');
  for (let i = 0; i < steps.length && schema; i++) {
    const step = steps[i];
    const t = schema.type;
    const at = i === 0 ? 'the top of a StatefulSet' : `/${steps.slice(0, i).join('/')}`;
    if (t.kind === 'primitive') return t.name === 'any' ? undefined : { message: `goes below ${at}, which holds a value, not fields.` };
    if (t.kind === 'array') {
      if (!/^(0|[1-9]\d*)$/.test(step) && !(step === '-' && i === steps.length - 1)) return { message: `has ${q(step)} where ${at} takes a list index (or "-" for its end).` };
      schema = stepInto(schema, 0);
      continue;
    }
    const next = stepInto(schema, step);
    const known = t.kind === 'object' ? fieldsOf(t.name) : undefined;
    if (!next && known) {
      const near = didYouMean(step, [...known.keys()]);
      const fixed = near ? `/${[...steps.slice(0, i), near, ...steps.slice(i + 1)].map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : undefined;
      return { message: `names no field: ${at} has no ${q(step)}${near ? ` (did you mean ${q(near)}?)` : ''}.`, fix: fixed };
    }
    schema = next;
  }
  return undefined;
}

