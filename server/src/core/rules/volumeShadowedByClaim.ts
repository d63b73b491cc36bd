import { asSeq, at, pairOf, strValue } from '../yamlTree';
import { claimTemplatesOf, podSpecOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const volumeShadowedByClaim: Rule = {
  meta: {
    id: 'volume-shadowed-by-claim',
    defaultSeverity: 'warning',
    summary: 'A pod volume has the name of a volume claim template, and the controller replaces it with the claim.',
    docs:
      'When it builds a pod, the StatefulSet controller adds one volume per claim template, named after the template, and drops any volume of the pod template with the same name. The pod volume (an `emptyDir`, a ConfigMap, an existing claim) is never mounted: the mounts that name it get the per-pod claim instead. Rename one of the two, and point each `volumeMount` at the one it means.',
    example: 'template:\n  spec:\n    volumes:\n      - name: config      # not the name of a claim template\n        configMap:\n          name: web-config\nvolumeClaimTemplates:\n  - metadata:\n      name: data\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const claims = new Set(claimTemplatesOf(sts).flatMap((t) => (t.name === undefined ? [] : [t.name])));
      if (claims.size === 0) continue;
      asSeq(at(podSpecOf(sts), 'volumes'))?.items.forEach((v, i) => {
        const namePair = pairOf(v, 'name');
        const name = strValue(namePair?.value);
        if (!namePair?.value || name === undefined || !claims.has(name)) return;
        const source = v && v.kind === 'map' ? v.pairs.find((p) => p.keyText !== 'name')?.keyText : undefined;
        ctx.report({
          span: namePair.value.span,
          message: `The claim template "${name}" replaces this volume${source ? ` (${source})` : ''}: the controller gives each pod its own claim under that name and drops the pod volume, so mounts of "${name}" get the claim.`,
          path: `${sts.pathPrefix}spec.template.spec.volumes[${i}].name`,
        });
      });
    }
  },
};
