import { FEATURE_SINCE } from '../identities';
import { atLeast } from '../settings';
import { at, pairOf, strValue } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { claimName, claimTemplatesOf, nameRun, replicasOf, specOf, startOrdinalOf } from './statefulSetParts';
import type { Rule } from './types';

export const scaleDownDeletesClaims: Rule = {
  meta: {
    id: 'scale-down-deletes-claims',
    defaultSeverity: 'warning',
    summary: 'Fewer replicas than deployed, under `whenScaled: Delete`: applying deletes the claims of the removed pods.',
    docs:
      'With `persistentVolumeClaimRetentionPolicy.whenScaled: Delete`, the controller deletes the PersistentVolumeClaims of every pod a scale-down removes, and with the usual Delete reclaim policy their volumes and data go too. Lowering `replicas` below what is deployed (the git base: `statefulset.compareWith`, `--base REF`) is then a data deletion, not just fewer pods. This warning names the claims that go. Set `whenScaled: Retain` first if the data must stay. Honoured by default from Kubernetes 1.27.',
    example: 'spec:\n  replicas: 3   # as deployed\n  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Retain\n',
    versions: { since: '1.27' },
    scope: 'base',
  },
  check(ctx) {
    if (!atLeast(ctx.settings.version, FEATURE_SINCE.retentionPolicy)) return;
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      if (strValue(at(specOf(current), 'persistentVolumeClaimRetentionPolicy', 'whenScaled')) !== 'Delete') continue;
      const from = replicasOf(base.resource);
      const to = replicasOf(current);
      const start = startOrdinalOf(current);
      const templates = claimTemplatesOf(current).flatMap((t) => (t.name === undefined ? [] : [t.name]));
      if (from === undefined || to === undefined || start === undefined || to >= from || templates.length === 0) continue;
      const set = current.name as string;
      const claims = templates.map((t) => nameRun((o) => claimName(t, set, o), start + to, start + from - 1)).join(' and ');
      const node = pairOf(specOf(current), 'replicas');
      ctx.report({
        span: node?.value?.span ?? pairOf(current.root, 'spec')?.keySpan ?? current.root.span,
        message: `Scaling from ${from} (at ${ref}) to ${to} deletes the claims ${claims} (whenScaled: Delete); with the usual Delete reclaim policy their data goes too.`,
        path: `${current.pathPrefix}spec.replicas`,
      });
    }
  },
};
