import { asSeq, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, minorOf, oneOf, q, suggestion } from './util';

const MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
/** The short forms kubectl prints, which people copy into manifests. */
const SHORT: Record<string, string> = { RWO: 'ReadWriteOnce', ROX: 'ReadOnlyMany', RWX: 'ReadWriteMany', RWOP: 'ReadWriteOncePod' };
/** ReadWriteOncePod is on by default (beta) from 1.27. */
const RWOP_SINCE = 27;

export const accessModeInvalid: Rule = {
  meta: {
    id: 'access-mode-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A claim template access mode is unknown, or ReadWriteOncePod is combined with other modes.',
    docs: 'Access modes are spelled exactly `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod` (the short forms RWO, ROX, RWX and RWOP that kubectl prints are not accepted), and `ReadWriteOncePod` must be the only mode when used. Since 1.34 the API server rejects other values; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  accessModes:\n    - ReadWriteOnce',
  },
  check(ctx) {
    const allowed = minorOf(ctx) >= RWOP_SINCE ? MODES : MODES.slice(0, 3);
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        const note = claimSpecNote(ctx, t);
        const pair = pairOf(t.spec, 'accessModes');
        const seq = asSeq(pair?.value);
        if (!pair || !seq) continue;
        let pod = false;
        let other = false;
        seq.items.forEach((it, i) => {
          const mode = strValue(it);
          if (!it || mode === undefined) return;
          if (allowed.includes(mode)) {
            if (mode === 'ReadWriteOncePod') pod = true;
            else other = true;
            return;
          }
          const short = SHORT[mode.toUpperCase()];
          const fix = short && allowed.includes(short) ? short : suggestion(mode, allowed).value;
          const unavailable = mode === 'ReadWriteOncePod' ? ` ReadWriteOncePod needs Kubernetes 1.${RWOP_SINCE} or later.` : '';
          ctx.report({
            span: it.span,
            message: `Access mode ${q(mode)} is not supported; use ${oneOf(allowed)} (exact case).${unavailable}${fix ? ` Did you mean ${q(fix)}?` : ''}${note}`,
            path: `${t.path}.accessModes[${i}]`,
            fix: fix ? { kind: 'replace-value', value: fix } : undefined,
          });
        });
        if (pod && other) {
          ctx.report({ span: pair.keySpan, message: `ReadWriteOncePod cannot be combined with other access modes; use it alone.${note}`, path: `${t.path}.accessModes` });
        }
      }
    });
  },
};
