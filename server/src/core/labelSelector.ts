/**
 * Label selectors as Kubernetes evaluates them (apimachinery's metav1.LabelSelector): every
 * `matchLabels` pair and every `matchExpressions` requirement must hold. Used by the rules that
 * relate objects to the pods of a StatefulSet (Services, PodDisruptionBudgets).
 */
import { stringMap, type ResourceSummary } from './workspace';
import { asSeq, at, scalarText, strValue, type YNode } from './yamlTree';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly SelectorRequirement[];
}

/** A `selector` node (`{matchLabels, matchExpressions}`) as plain data; undefined when it is not a mapping. */
export function selectorOf(node: YNode | null | undefined): LabelSelector | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const exprs = asSeq(at(node, 'matchExpressions'))?.items.map((e) => ({
    key: strValue(at(e, 'key')) ?? '',
    operator: strValue(at(e, 'operator')) ?? '',
    values: (asSeq(at(e, 'values'))?.items ?? []).map((v) => scalarText(v) ?? ''),
  }));
  return { matchLabels: stringMap(at(node, 'matchLabels')), matchExpressions: exprs };
}

/** The selector of a PodDisruptionBudget summary (the index keeps it as two fields). */
export function summarySelector(s: ResourceSummary): LabelSelector {
  return { matchLabels: s.selector, matchExpressions: s.selectorExpressions };
}

/** No requirement at all: in policy/v1 such a selector selects every pod of the namespace. */
export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/**
 * Whether `sel` selects pods labelled `labels`. Undefined when a requirement has an operator
 * Kubernetes does not know: the API server rejects such an object, so we draw no conclusion.
 */
export function selects(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean | undefined {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  let result = true;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key])) result = false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key])) result = false;
        break;
      case 'Exists':
        if (!has) result = false;
        break;
      case 'DoesNotExist':
        if (has) result = false;
        break;
      default:
        return undefined;
    }
  }
  return result;
}
