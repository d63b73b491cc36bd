import { didYouMean } from '../names';
import { referencesForRule } from '../references';
import type { Rule } from './types';

export const referenceClaimTemplateUnknown: Rule = {
  meta: {
    id: 'reference-claim-template-unknown',
    defaultSeverity: 'warning',
    summary: 'A PVC name of a StatefulSet uses a claim template the StatefulSet does not have.',
    docs:
      "A StatefulSet's PVCs are named `<claim template>-<statefulset>-<ordinal>`. Where a PVC is named by its place (a VolumeSnapshot's `source.persistentVolumeClaimName`, a PVC's `dataSource`, a volume's `claimName`) and the name ends in a known StatefulSet and ordinal, the first part must be one of its `volumeClaimTemplates`: otherwise the claim does not exist and the snapshot, clone or mount waits forever. A renamed claim template is the usual cause.",
    example: 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: mysql-backup\nspec:\n  source:\n    persistentVolumeClaimName: data-mysql-0   # claim template "data"\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    for (const r of referencesForRule(ctx)) {
      const t = r.template;
      if (!t || t.known) continue;
      const templates = r.facts.claimTemplates;
      const has = templates.length === 0 ? 'has no claim templates' : `has ${templates.map((n) => `"${n}"`).join(', ')}`;
      const message = `StatefulSet ${r.facts.name} has no claim template "${t.name}" (it ${has}), so no PVC "${r.text}" is made.`;
      const suggestion = templates.length === 1 ? templates[0] : didYouMean(t.name, templates);
      if (suggestion) ctx.report({ span: t.span, message: `${message} Did you mean "${suggestion}"?`, fix: { kind: 'replace-text', from: t.name, to: suggestion } });
      else ctx.report({ span: t.span, message });
    }
  },
};
