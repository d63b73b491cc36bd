import type { YNode, YPair } from '../yamlTree';
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
    // Scalars hold no keys: only collections are walked. `seen`: an alias repeats a node.
    const seen = new Set<YNode>();
    const root = ctx.doc.root;
    const stack: YNode[] = root && root.kind !== 'scalar' ? [root] : [];
    while (stack.length > 0) {
      const n = stack.pop() as YNode;
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.kind === 'seq') {
        for (const it of n.items) if (it && it.kind !== 'scalar') stack.push(it);
      } else if (n.kind === 'map') {
        const pairs = n.pairs;
        // Most mappings have a handful of keys: comparing with the earlier ones beats building a set.
        const keys = pairs.length > SMALL_MAP ? new Set<string>() : undefined;
        for (let i = 0; i < pairs.length; i++) {
          const p = pairs[i];
          if (p.value && p.value.kind !== 'scalar') stack.push(p.value);
          if (!countsAsKey(p)) continue;
          if (keys ? keys.has(p.keyText) : seenBefore(pairs, i)) {
            ctx.report({ span: p.keySpan, message: `Duplicate key "${p.keyText}": only the last value would count, and strict validation rejects the object.`, fix: { kind: 'remove-pair' } });
          }
          keys?.add(p.keyText);
        }
      }
    }
  },
};

const SMALL_MAP = 16;

function countsAsKey(p: YPair): boolean {
  return !p.merged && p.key !== null && p.key.kind === 'scalar';
}

function seenBefore(pairs: readonly YPair[], i: number): boolean {
  const text = pairs[i].keyText;
  for (let j = 0; j < i; j++) if (pairs[j].keyText === text && countsAsKey(pairs[j])) return true;
  return false;
}
