import { asMap, pairOf, strValue, type YMap } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { containersOf, eachStatefulSet, isAbsent, mapItems, oneOf, q, suggestion, templateNote } from './util';

/** Why a subPath is rejected: it must stay inside the volume. */
export function subPathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'it must be a relative path';
  if (p.replace(/\\/g, '/').split('/').includes('..')) return 'it must not contain ".."';
  return undefined;
}

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];
const RECURSIVE_READ_ONLY = ['Disabled', 'IfPossible', 'Enabled'];

function boolAt(map: YMap | undefined, key: string): boolean {
  const n = pairOf(map, key)?.value;
  return n?.kind === 'scalar' && n.value === true;
}

/** Mount propagation and recursive read-only, which depend on the mount and its container. */
function checkPropagation(ctx: RuleContext, mount: YMap, privileged: boolean, base: string, note: string): void {
  const propNode = pairOf(mount, 'mountPropagation')?.value;
  const prop = strValue(propNode);
  if (propNode && prop !== undefined) {
    if (!PROPAGATIONS.includes(prop)) {
      const hint = suggestion(prop, PROPAGATIONS);
      ctx.report({ span: propNode.span, message: `mountPropagation ${q(prop)} is not supported; use ${oneOf(PROPAGATIONS)} (exact case).${hint.text}${note}`, path: `${base}.mountPropagation`, fix: hint.value ? { kind: 'replace-value', value: hint.value } : undefined });
    } else if (prop === 'Bidirectional' && !privileged && !ctx.patch) {
      ctx.report({ span: propNode.span, message: `Bidirectional mount propagation is only for privileged containers; use HostToContainer, or make the container privileged.${note}`, path: `${base}.mountPropagation` });
    }
  }
  const rroNode = pairOf(mount, 'recursiveReadOnly')?.value;
  const rro = strValue(rroNode);
  if (!rroNode || rro === undefined || rro === 'Disabled') return;
  if (!RECURSIVE_READ_ONLY.includes(rro)) {
    ctx.report({ span: rroNode.span, message: `recursiveReadOnly ${q(rro)} is not supported; use ${oneOf(RECURSIVE_READ_ONLY)}.${note}`, path: `${base}.recursiveReadOnly` });
  } else if (!boolAt(mount, 'readOnly')) {
    ctx.report({ span: rroNode.span, message: `recursiveReadOnly ${rro} needs readOnly: true on the mount.${note}`, path: `${base}.recursiveReadOnly` });
  } else if (prop !== undefined && prop !== 'None') {
    ctx.report({ span: rroNode.span, message: `recursiveReadOnly ${rro} needs mountPropagation None or left out.${note}`, path: `${base}.recursiveReadOnly` });
  }
}

export const volumeMountInvalid: Rule = {
  meta: {
    id: 'volume-mount-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A volumeMount has no mountPath, reuses a mountPath of its container, has a subPath that leaves the volume, or an unusable mountPropagation or recursiveReadOnly.',
    docs: 'Each volumeMount needs a mountPath, and two mounts of one container cannot use the same path. subPath and subPathExpr pick a directory inside the volume: relative, without "..", and not both at once. mountPropagation is None, HostToContainer or Bidirectional, the last only in a privileged container; recursiveReadOnly Enabled or IfPossible needs `readOnly: true` and no propagation. Since 1.34 the API server rejects mounts that break this; older releases accept them, but the controller then fails to create the pods.',
    example: 'volumeMounts:\n  - name: data\n    mountPath: /data\n  - name: config\n    mountPath: /etc/app\n    subPath: app',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      for (const c of containersOf(v)) {
        const paths = new Set<string>();
        const privileged = boolAt(asMap(pairOf(c.map, 'securityContext')?.value), 'privileged');
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
          checkPropagation(ctx, map, privileged, base, note);
        }
      }
    });
  },
};
