import { claimNameOf } from '../identities';
import { at, strValue } from '../yamlTree';
import { claimTemplatesOf, nameRun, replicasOf, specOf, startOrdinalOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const pvcRetentionDelete: Rule = {
  meta: {
    id: 'pvc-retention-delete',
    defaultSeverity: 'hint',
    summary: 'The PVC retention policy deletes claims, and with them, usually, the data.',
    docs:
      "By default a StatefulSet never deletes the claims it created. `persistentVolumeClaimRetentionPolicy` can change that: `whenDeleted: Delete` removes every claim when the StatefulSet is deleted, and `whenScaled: Delete` removes the claims of the pods a scale-down removes, so scaling up again starts those pods on empty volumes. Whether the data goes too depends on the reclaim policy of the volumes, which is Delete for most dynamically provisioned storage. That can be exactly right for caches and test environments; this note names the claims concerned so the choice is a conscious one. Honoured by default from Kubernetes 1.27.",
    example: 'spec:\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Retain\n    whenScaled: Retain\n',
    versions: { since: '1.27' },
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const policy = at(specOf(sts), 'persistentVolumeClaimRetentionPolicy');
      const templates = claimTemplatesOf(sts).flatMap((t) => (t.name === undefined ? [] : [t.name]));
      const replicas = replicasOf(sts);
      const start = startOrdinalOf(sts);
      if (!policy || templates.length === 0 || replicas === undefined || start === undefined || sts.name === undefined) continue;
      const set = sts.name;
      const claimsOf = (first: number, last: number): string => templates.map((t) => nameRun((o) => claimNameOf(t, set, o), first, last)).join(' and ');
      const last = start + replicas - 1;
      const whenDeleted = at(policy, 'whenDeleted');
      if (whenDeleted && strValue(whenDeleted) === 'Delete') {
        const which = replicas > 0 ? `its claims (${claimsOf(start, last)})` : 'the claims of all its pods';
        ctx.report({
          span: whenDeleted.span,
          message: `Deleting this StatefulSet deletes ${which}; with the usual Delete reclaim policy their volumes and data go too.`,
          path: `${sts.pathPrefix}spec.persistentVolumeClaimRetentionPolicy.whenDeleted`,
          fix: { kind: 'replace-value', value: 'Retain' },
        });
      }
      const whenScaled = at(policy, 'whenScaled');
      if (whenScaled && strValue(whenScaled) === 'Delete') {
        const example =
          replicas > 1
            ? `scaling from ${replicas} to ${replicas - 1} replicas deletes ${claimsOf(last, last)}, and scaling to 0 deletes ${claimsOf(start, last)}`
            : replicas === 1
              ? `scaling to 0 deletes ${claimsOf(start, last)}`
              : 'each scale-down deletes the claims of the pods it removes';
        ctx.report({
          span: whenScaled.span,
          message: `A scale-down deletes the claims of the pods it removes: ${example}. Scaling up again starts those pods on empty volumes.`,
          path: `${sts.pathPrefix}spec.persistentVolumeClaimRetentionPolicy.whenScaled`,
          fix: { kind: 'replace-value', value: 'Retain' },
        });
      }
    }
  },
};
