import { asMap, asSeq, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { oneOf, q, suggestion } from './util';

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

export const jsonPatchInvalid: Rule = {
  meta: {
    id: 'json-patch-invalid',
    defaultSeverity: 'error',
    summary: 'A JSON 6902 patch that a kustomization names has an operation kustomize cannot apply.',
    docs: 'A JSON 6902 patch (`patchesJson6902`, or a `patches` entry whose patch is a list) is a list of operations, each an object with an `op` (add, remove, replace, move, copy or test, exact case) and a `path`, a JSON pointer that starts with "/" (`/spec/replicas`); move and copy also need a `from`. kustomize stops the build on an unknown or missing op, a missing path or from, and an item that is not an object. A path without the leading "/" is applied, but not where it was meant: kustomize adds the field at the top of the object, where the API server rejects it. Only files and inline patches that a kustomization names are checked this way.',
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
        }
      }
    });
  },
};
