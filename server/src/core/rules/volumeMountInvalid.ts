import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { containersOf, eachStatefulSet, isAbsent, mapItems, q, templateNote } from './util';

/** Why a subPath is rejected: it must stay inside the volume. */
export function subPathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'it must be a relative path';
  if (p.replace(/\\/g, '/').split('/').includes('..')) return 'it must not contain ".."';
  return undefined;
}

export const volumeMountInvalid: Rule = {
  meta: {
    id: 'volume-mount-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A volumeMount has no mountPath, reuses a mountPath of its container, or has a subPath that leaves the volume.',
    docs: 'Each volumeMount needs a mountPath, and two mounts of one container cannot use the same path. subPath and subPathExpr pick a directory inside the volume: relative, without "..", and not both at once. Since 1.34 the API server rejects mounts that break this; older releases accept them, but the controller then fails to create the pods.',
    example: 'volumeMounts:\n  - name: data\n    mountPath: /data\n  - name: config\n    mountPath: /etc/app\n    subPath: app',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      for (const c of containersOf(v)) {
        const paths = new Set<string>();
        for (const { map, index } of mapItems(pairOf(c.map, 'volumeMounts')?.value)) {
          const base = `${c.path}.volumeMounts[${index}]`;
          const mpPair = pairOf(map, 'mountPath');
          const mp = strValue(mpPair?.value);
          if (isAbsent(mpPair?.value) || mp === '') {
            ctx.report({ span: mpPair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `A volumeMount needs a mountPath.${note}`, path: `${base}.mountPath` });
          } else if (mp !== undefined) {
            if (paths.has(mp)) ctx.report({ span: mpPair.value.span, message: `mountPath ${q(mp)} is already used by another mount of this container; each mount needs its own path.${note}`, path: `${base}.mountPath` });
            paths.add(mp);
          }
          const subPair = pairOf(map, 'subPath');
          const sub = strValue(subPair?.value);
          const exprPair = pairOf(map, 'subPathExpr');
          const expr = strValue(exprPair?.value);
          for (const [pair, value, key] of [[subPair, sub, 'subPath'], [exprPair, expr, 'subPathExpr']] as const) {
            const problem = value ? subPathProblem(value) : undefined;
            if (pair?.value && problem) ctx.report({ span: pair.value.span, message: `${key} ${q(value as string)} is not valid: ${problem}.${note}`, path: `${base}.${key}` });
          }
          if (sub && expr && exprPair) {
            ctx.report({ span: exprPair.keySpan, message: `subPath and subPathExpr cannot both be set; keep one.${note}`, path: `${base}.subPathExpr` });
          }
        }
      }
    });
  },
};
