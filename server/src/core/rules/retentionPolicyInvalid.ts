import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, reportIfNotOneOf } from './util';

export const retentionPolicyInvalid: Rule = {
  meta: {
    id: 'retention-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'persistentVolumeClaimRetentionPolicy.whenDeleted or whenScaled is neither Retain nor Delete.',
    docs:
      'persistentVolumeClaimRetentionPolicy says what happens to the claims of the pods when the StatefulSet is deleted (`whenDeleted`) or scaled down (`whenScaled`): `Retain` keeps them (the default) and `Delete` removes them. The API server accepts only these two values, exact case. Releases before 1.27 drop the whole field (its feature gate is off), so the check starts there.',
    example: 'spec:\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n    whenScaled: Retain',
    versions: { since: '1.27' },
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const policy = asMap(pairOf(v.spec, 'persistentVolumeClaimRetentionPolicy')?.value);
      for (const key of ['whenDeleted', 'whenScaled']) {
        reportIfNotOneOf(ctx, pairOf(policy, key)?.value, ['Retain', 'Delete'], {
          path: `${v.prefix}spec.persistentVolumeClaimRetentionPolicy.${key}`,
          what: key,
          emptyIsDefault: true,
        });
      }
    });
  },
};
