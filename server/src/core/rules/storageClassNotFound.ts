import { didYouMean, dns1123SubdomainProblem } from '../names';
import { at, pairOf, strValue } from '../yamlTree';
import { claimTemplatesOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const storageClassNotFound: Rule = {
  meta: {
    id: 'storage-class-not-found',
    defaultSeverity: 'warning',
    summary: 'A claim template names a StorageClass that none of the StorageClasses in the files checked has.',
    docs:
      'A claim whose `storageClassName` names no StorageClass is accepted and then waits, Pending, for a class of that name to appear; the pod waits with it. Most clusters get their StorageClasses from the platform rather than from the manifests next to the application, so this rule speaks only when the files checked define StorageClasses themselves and none has the name. An empty `storageClassName` (no class, static binding) and an absent one (the default class) are not checked.',
    example: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast-ssd\nprovisioner: ebs.csi.aws.com\n---\n# in the StatefulSet\nvolumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      storageClassName: fast-ssd\n',
    scope: 'workspace',
  },
  check(ctx) {
    const classes = [...new Set(ctx.index.find('StorageClass').map((s) => s.name))];
    if (classes.length === 0) return;
    for (const sts of statefulSets(ctx)) {
      for (const t of claimTemplatesOf(sts)) {
        const node = pairOf(at(t.node, 'spec'), 'storageClassName')?.value;
        const name = strValue(node);
        if (!node || !name || classes.includes(name)) continue;
        // Only names a storageClassName may take: an invalid one would trade this warning for an error.
        const suggestion = didYouMean(name, classes.filter((c) => !dns1123SubdomainProblem(c)));
        const known = classes.length <= 5 ? classes.map((c) => `"${c}"`).join(', ') : `${classes.length} classes`;
        ctx.report({
          span: node.span,
          message: `No StorageClass "${name}" among those in the files checked (${known}): the claims stay Pending until one exists, and the pods with them.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          path: `${t.path}.spec.storageClassName`,
          fix: suggestion ? { kind: 'replace-value', value: suggestion } : undefined,
        });
      }
    }
  },
};
