import { claimNameOf } from '../identities';
import { asSeq, at, pairOf, strValue } from '../yamlTree';
import { claimTemplatesOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

const SHARED = new Set(['ReadWriteMany', 'ReadOnlyMany']);

export const claimTemplateSharedAccess: Rule = {
  meta: {
    id: 'claim-template-shared-access',
    defaultSeverity: 'warning',
    summary: 'A volume claim template asks for ReadWriteMany or ReadOnlyMany, though every pod gets a claim of its own.',
    docs:
      'Each pod of a StatefulSet gets its own claim from each template (`data-web-0`, `data-web-1`, ...), so nothing is shared between pods whatever the access mode says. Asking for ReadWriteMany only restricts which storage can serve the claim: block storage (most cloud disks) cannot provision it, and the claims, and with them the pods, stay Pending. ReadOnlyMany on a new, empty volume gives every pod an empty disk it cannot write. Use ReadWriteOnce (or ReadWriteOncePod); for data the pods really share, mount one ordinary PersistentVolumeClaim in the pod template instead. ReadOnlyMany is left alone when the template is filled from a `dataSource`.',
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 10Gi\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      for (const t of claimTemplatesOf(sts)) {
        const spec = at(t.node, 'spec');
        const prefilled = pairOf(spec, 'dataSource') !== undefined || pairOf(spec, 'dataSourceRef') !== undefined;
        asSeq(at(spec, 'accessModes'))?.items.forEach((item, i) => {
          const mode = strValue(item);
          if (!item || mode === undefined || !SHARED.has(mode)) return;
          if (mode === 'ReadOnlyMany' && prefilled) return;
          const example = t.name && sts.name ? `${claimNameOf(t.name, sts.name, 0)}, ${claimNameOf(t.name, sts.name, 1)}, ...` : 'one per pod';
          const effect =
            mode === 'ReadWriteMany'
              ? 'storage that cannot be shared (most cloud disks) cannot provision it, so the claims and their pods stay Pending'
              : 'each pod gets a new, empty volume it can only read';
          ctx.report({
            span: item.span,
            message: `${mode} shares nothing here: every pod gets its own claim from this template (${example}), and ${effect}. Use ReadWriteOnce.`,
            path: `${t.path}.spec.accessModes[${i}]`,
            fix: { kind: 'replace-value', value: 'ReadWriteOnce' },
          });
        });
      }
    }
  },
};
