import { claimNameOf } from '../identities';
import { asSeq, at, strValue } from '../yamlTree';
import { claimTemplatesOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const preferReadWriteOncePod: Rule = {
  meta: {
    id: 'prefer-read-write-once-pod',
    defaultSeverity: 'hint',
    summary: 'ReadWriteOncePod guarantees a single writer where ReadWriteOnce only guarantees a single node.',
    docs:
      'ReadWriteOnce lets any number of pods on the same node mount a volume. A StatefulSet normally runs one pod per claim, but not always: after a force delete (`kubectl delete pod --force`) the replacement can start while the old container still writes on the same node, and a debugging pod can mount the claim next to the real one. For single-writer data such as a database directory, ReadWriteOncePod (stable since Kubernetes 1.29, for CSI volumes) makes the second mount fail instead of corrupting the files. A hint: it needs a CSI driver and the benefit is in the rare cases.',
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOncePod]\n      resources:\n        requests:\n          storage: 10Gi\n',
    versions: { since: '1.29' },
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      for (const t of claimTemplatesOf(sts)) {
        const modes = asSeq(at(t.node, 'spec', 'accessModes'));
        if (!modes || modes.items.length !== 1 || strValue(modes.items[0]) !== 'ReadWriteOnce') continue;
        const item = modes.items[0];
        if (!item) continue;
        const claim = t.name && sts.name ? claimNameOf(t.name, sts.name, 0) : 'a claim';
        ctx.report({
          span: item.span,
          message: `ReadWriteOnce lets any pod on the same node mount ${claim}; ReadWriteOncePod (CSI volumes) allows exactly one pod, which protects single-writer data after a force delete.`,
          path: `${t.path}.spec.accessModes[0]`,
          fix: { kind: 'replace-value', value: 'ReadWriteOncePod' },
        });
      }
    }
  },
};
