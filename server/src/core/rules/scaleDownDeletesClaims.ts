import { baseDiffOf, nameList as names } from '../baseDiff';
import { pairOf } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { replicasOf } from './statefulSetParts';
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
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      const from = replicasOf(base.resource);
      const to = replicasOf(current);
      if (from === undefined || to === undefined || to >= from) continue;
      // The identity model's names, and its reading of the policy (honoured from 1.27).
      const deleted = baseDiffOf(base, current, 0, ctx.settings, ref).pvcs.deleted;
      if (deleted.length === 0) continue;
      const node = pairOf(pairOf(current.root, 'spec')?.value, 'replicas');
      ctx.report({
        span: node?.value?.span ?? pairOf(current.root, 'spec')?.keySpan ?? current.root.span,
        message: `Scaling from ${from} (at ${ref}) to ${to} deletes the claims ${names(deleted)} (whenScaled: Delete); with the usual Delete reclaim policy their data goes too.`,
        path: `${current.pathPrefix}spec.replicas`,
      });
    }
  },
};
