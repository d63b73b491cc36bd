import { eachDuplicateKey } from '../yamlTree';
import type { Rule } from './types';

export const duplicateKey: Rule = {
  meta: {
    id: 'duplicate-key',
    defaultSeverity: 'error',
    summary: 'A key appears twice in one mapping.',
    docs: 'kubectl (strict field validation, the default) and the API server reject an object in which a mapping has the same key twice, and even where it is accepted only the last value counts, silently. Keep one of them.',
    example: 'metadata:\n  name: web\n  labels:\n    app: web',
    scope: 'document',
    onBrokenYaml: true,
    layer: 'yaml',
  },
  check(ctx) {
    eachDuplicateKey(ctx.doc.root, (p) => {
      ctx.report({ span: p.keySpan, message: `Duplicate key "${p.keyText}": only the last value would count, and strict validation rejects the object.`, fix: { kind: 'remove-pair' } });
    });
  },
};
