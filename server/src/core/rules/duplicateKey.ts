import type { YNode } from '../yamlTree';
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
  },
  check(ctx) {
    const seen = new Set<YNode>();
    const stack: YNode[] = ctx.doc.root ? [ctx.doc.root] : [];
    while (stack.length > 0) {
      const n = stack.pop() as YNode;
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.kind === 'seq') {
        for (const it of n.items) if (it) stack.push(it);
      } else if (n.kind === 'map') {
        const keys = new Set<string>();
        for (const p of n.pairs) {
          if (p.value) stack.push(p.value);
          if (p.merged || !p.key || p.key.kind !== 'scalar') continue;
          if (keys.has(p.keyText)) {
            ctx.report({ span: p.keySpan, message: `Duplicate key "${p.keyText}": only the last value would count, and strict validation rejects the object.`, fix: { kind: 'remove-pair' } });
          }
          keys.add(p.keyText);
        }
      }
    }
  },
};
