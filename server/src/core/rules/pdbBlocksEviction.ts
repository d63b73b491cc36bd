import { isEmptySelector, selectorOf, selects, summarySelector, type LabelSelector } from '../labelSelector';
import type { Resource } from '../parse';
import { stringMap, type ResourceSummary } from '../workspace';
import { at, intValue, strValue, type YNode } from '../yamlTree';
import { namespaceOf, objectSpan, podTemplateOf, present, replicasOf, specOf } from './statefulSetParts';
import { resourcesOfKind, statefulSets, type RuleContext, type Rule } from './types';

type Field = 'minAvailable' | 'maxUnavailable';

interface Budget {
  readonly field: Field;
  readonly value: number | string;
}

const PERCENT = /^(\d+)%$/;

/**
 * Why a budget allows no eviction out of `total` pods, or undefined when it allows one. The
 * disruption controller rounds percentages up, for both fields.
 */
export function blockingReason(b: Budget, total: number): string | undefined {
  if (total <= 0) return undefined;
  const pct = typeof b.value === 'string' ? PERCENT.exec(b.value) : null;
  if (typeof b.value === 'string' && !pct) return undefined;
  if (b.field === 'maxUnavailable') {
    const n = pct ? Number(pct[1]) : (b.value as number);
    return n === 0 ? `maxUnavailable: ${b.value} lets no pod go` : undefined;
  }
  const needed = pct ? Math.floor((Number(pct[1]) * total + 99) / 100) : (b.value as number);
  if (needed < total) return undefined;
  const all = total === 1 ? 'the only pod' : `all ${total} pods`;
  return pct ? `minAvailable: ${b.value} of ${total} pod${total === 1 ? '' : 's'} rounds up to ${all}` : `minAvailable: ${needed} keeps ${all}`;
}

function budgetOf(minAvailable: number | string | undefined, maxUnavailable: number | string | undefined): Budget | undefined {
  // Both set is rejected by the API server; the error rules report it.
  if (minAvailable !== undefined && maxUnavailable !== undefined) return undefined;
  if (maxUnavailable !== undefined) return { field: 'maxUnavailable', value: maxUnavailable };
  if (minAvailable !== undefined) return { field: 'minAvailable', value: minAvailable };
  return undefined;
}

function intOrString(n: YNode | null | undefined): number | string | undefined {
  return intValue(n) ?? strValue(n);
}

/** apps/v1 StatefulSets the budget selects in its namespace, from every file. */
function selectedSets(ctx: RuleContext, sel: LabelSelector, namespace: string): ResourceSummary[] {
  return ctx.index
    .find('StatefulSet')
    .filter((s) => s.apiVersion === 'apps/v1' && (s.namespace ?? ctx.settings.defaultNamespace) === namespace && selects(sel, s.podLabels ?? {}) === true);
}

/** The disruption controller counts the replicas of every controller whose pods the budget selects. */
const totalOf = (sets: readonly ResourceSummary[]): number => sets.reduce((n, s) => n + (s.replicas ?? 1), 0);

const EFFECT = 'no pod can ever be evicted, so node drains, cluster upgrades and autoscaler scale-downs stall on these pods';

export const pdbBlocksEviction: Rule = {
  meta: {
    id: 'pdb-blocks-eviction',
    defaultSeverity: 'warning',
    summary: "A PodDisruptionBudget that selects the StatefulSet's pods allows no eviction at all.",
    docs:
      "A PodDisruptionBudget with `maxUnavailable: 0` (or `0%`), or with a `minAvailable` that covers every pod (`minAvailable` equal to the replica count, or a percentage that rounds up to all of them), refuses every voluntary eviction. `kubectl drain`, node upgrades and the cluster autoscaler then wait forever on these pods, which is easy to miss with a single replica and `minAvailable: 1`. Leave room for one pod: `maxUnavailable: 1` is the usual choice for a StatefulSet. When the budget is in the same file as the StatefulSet the finding is on the budget's own field; when it is in another file, on the StatefulSet's name. Budgets with an empty selector are not evaluated.",
    example: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: nginx\n',
    scope: 'workspace',
    wholeObject: true,
  },
  check(ctx) {
    for (const pdb of resourcesOfKind(ctx, 'PodDisruptionBudget')) checkBudgetHere(ctx, pdb);
    for (const sts of statefulSets(ctx)) checkBudgetsElsewhere(ctx, sts);
  },
};

function checkBudgetHere(ctx: RuleContext, pdb: Resource): void {
  if (!pdb.served) return;
  const spec = specOf(pdb);
  const sel = selectorOf(at(spec, 'selector'));
  if (!sel || isEmptySelector(sel)) return;
  const minNode = at(spec, 'minAvailable');
  const maxNode = at(spec, 'maxUnavailable');
  const budget = budgetOf(present(minNode) ? intOrString(minNode) : undefined, present(maxNode) ? intOrString(maxNode) : undefined);
  if (!budget) return;
  const namespace = namespaceOf(pdb, ctx.settings);
  const sets = selectedSets(ctx, sel, namespace);
  const here = sets.filter((s) => s.uri === ctx.uri);
  if (here.length === 0) return;
  const total = totalOf(sets);
  const reason = blockingReason(budget, total);
  if (!reason) return;
  const node = budget.field === 'minAvailable' ? minNode : maxNode;
  if (!node) return;
  const names = sets.map((s) => `"${s.name}"`).join(', ');
  const fixValue = budget.field === 'maxUnavailable' ? 1 : total > 1 ? total - 1 : undefined;
  ctx.report({
    span: node.span,
    message: `This budget selects the pods of StatefulSet ${names}, and ${reason}: ${EFFECT}.`,
    path: `${pdb.pathPrefix}spec.${budget.field}`,
    fix: fixValue === undefined ? undefined : { kind: 'replace-value', value: fixValue },
  });
}

function checkBudgetsElsewhere(ctx: RuleContext, sts: Resource): void {
  const replicas = replicasOf(sts);
  if (!replicas) return;
  const namespace = namespaceOf(sts, ctx.settings);
  const labels = stringMap(at(podTemplateOf(sts), 'metadata', 'labels')) ?? {};
  for (const pdb of ctx.index.find('PodDisruptionBudget')) {
    if (pdb.uri === ctx.uri || pdb.apiVersion !== 'policy/v1' || (pdb.namespace ?? ctx.settings.defaultNamespace) !== namespace) continue;
    const sel = summarySelector(pdb);
    if (isEmptySelector(sel) || selects(sel, labels) !== true) continue;
    const budget = budgetOf(pdb.minAvailable, pdb.maxUnavailable);
    if (!budget) continue;
    const others = selectedSets(ctx, sel, namespace).filter((s) => !(s.uri === ctx.uri && s.name === sts.name));
    const reason = blockingReason(budget, replicas + totalOf(others));
    if (!reason) continue;
    ctx.report({
      span: objectSpan(sts),
      message: `PodDisruptionBudget "${pdb.name}" (in another file) selects these pods, and ${reason}: ${EFFECT}.`,
      path: `${sts.pathPrefix}metadata.name`,
    });
  }
}
