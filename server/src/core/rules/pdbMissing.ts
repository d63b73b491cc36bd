import { isEmptySelector, selects, summarySelector } from '../labelSelector';
import { stringMap } from '../workspace';
import { at } from '../yamlTree';
import { namespaceOf, objectSpan, podTemplateOf, replicasOf, specOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const pdbMissing: Rule = {
  meta: {
    id: 'pdb-missing',
    defaultSeverity: 'hint',
    summary: 'No PodDisruptionBudget among the files checked covers the pods of this replicated StatefulSet.',
    docs:
      'Node drains, cluster upgrades and the cluster autoscaler evict pods through the eviction API, which respects PodDisruptionBudgets and nothing else. Without one, a drain may take several members of a quorum (etcd, ZooKeeper, a replicated database) down at the same time. A budget with `maxUnavailable: 1` lets maintenance proceed one pod at a time. Only sets with more than one replica are checked, and any budget in the same namespace whose selector selects the pods counts; budgets kept outside the files checked are not seen.',
    example: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: nginx\n',
    scope: 'workspace',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const replicas = replicasOf(sts);
      if (replicas === undefined || replicas <= 1) continue;
      const namespace = namespaceOf(sts, ctx.settings);
      const labels = stringMap(at(podTemplateOf(sts), 'metadata', 'labels')) ?? {};
      const covered = ctx.index.find('PodDisruptionBudget').some((pdb) => {
        if ((pdb.namespace ?? ctx.settings.defaultNamespace) !== namespace) return false;
        const sel = summarySelector(pdb);
        // An empty selector selects every pod of the namespace; an unknown operator is not ours to judge.
        return isEmptySelector(sel) || selects(sel, labels) !== false;
      });
      if (covered) continue;
      // The budget must select these pods: the StatefulSet's own matchLabels when the template carries them, else the template's labels.
      const selected = stringMap(at(specOf(sts), 'selector', 'matchLabels'));
      const matchLabels = [selected, labels].find((m) => m && Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => labels[k] === v));
      ctx.report({
        span: objectSpan(sts),
        message: `No PodDisruptionBudget among the files checked covers these ${replicas} pods: a node drain or upgrade may evict several of them at once. A budget with maxUnavailable: 1 takes them down one at a time.`,
        path: `${sts.pathPrefix}metadata.name`,
        fix: matchLabels ? { kind: 'add-pdb', name: sts.name, namespace: sts.namespace, matchLabels, maxUnavailable: 1 } : undefined,
      });
    }
  },
};
