import { objectSpan } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const unnamedPatch: Rule = {
  meta: {
    id: 'unnamed-patch',
    defaultSeverity: 'info',
    summary: 'A partial StatefulSet that no kustomization among the files checked names: it is checked as a Kustomize patch.',
    docs: 'A StatefulSet with no `spec.selector`, no pod template labels and no `serviceName` reads as a Kustomize strategic merge patch: it names only what it changes, and the base supplies the rest. When no kustomization among the files checked names the file (a patch checked on its own, or a kustomization outside the folder), it is still checked as a patch: the values it writes are checked, but not what a whole object must have (a selector, containers, an image...), and it is not counted as an object of its own. If it is meant as a whole StatefulSet, it needs a selector and pod template labels that match it.',
    example: '# kustomization.yaml\nresources: [../base]\npatches:\n- path: replicas.yaml',
    scope: 'document',
  },
  check(ctx) {
    if (ctx.patch !== 'guessed') return;
    for (const sts of statefulSets(ctx)) {
      ctx.report({
        span: objectSpan(sts),
        message: 'This StatefulSet has no selector, no pod template labels and no serviceName, so it is checked as a Kustomize patch; no kustomization among the files checked names it. As a whole StatefulSet it would need a selector and matching template labels.',
        path: `${sts.pathPrefix}metadata.name`,
      });
    }
  },
};
