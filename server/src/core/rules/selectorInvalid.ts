import { labelValueProblem, qualifiedNameProblem } from '../names';
import { asMap, asSeq, pairOf, strValue, type YMap } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, isAbsent, mapItems, q, SELECTOR_OPERATORS, suggestion } from './util';

function checkExpression(ctx: RuleContext, expr: YMap, path: string, note: string): void {
  const keyPair = pairOf(expr, 'key');
  const key = strValue(keyPair?.value);
  const anchor = expr.pairs[0]?.keySpan ?? expr.span;
  if (isAbsent(keyPair?.value) || key === '') {
    ctx.report({ span: keyPair?.keySpan ?? anchor, message: `A selector expression needs a key: the label it tests.${note}`, path: `${path}.key` });
  } else if (key !== undefined) {
    const problem = qualifiedNameProblem(key);
    if (problem) ctx.report({ span: keyPair.value.span, message: `Selector key ${q(key)} is not a valid label key: ${problem}.${note}`, path: `${path}.key` });
  }
  const opPair = pairOf(expr, 'operator');
  const op = strValue(opPair?.value);
  const valuesPair = pairOf(expr, 'values');
  const values = asSeq(valuesPair?.value);
  const count = values?.items.length ?? 0;
  if (isAbsent(opPair?.value) || op === '') {
    ctx.report({ span: opPair?.keySpan ?? anchor, message: `A selector expression needs an operator: "In", "NotIn", "Exists" or "DoesNotExist".${note}`, path: `${path}.operator` });
  } else if (op !== undefined && !(SELECTOR_OPERATORS as readonly string[]).includes(op)) {
    const hint = suggestion(op, SELECTOR_OPERATORS);
    ctx.report({ span: opPair.value.span, message: `Selector operator ${q(op)} is not supported; use "In", "NotIn", "Exists" or "DoesNotExist" (exact case).${hint.text}${note}`, path: `${path}.operator`, fix: hint.value ? { kind: 'replace-value', value: hint.value } : undefined });
  } else if ((op === 'In' || op === 'NotIn') && count === 0) {
    ctx.report({ span: valuesPair?.keySpan ?? opPair.value.span, message: `Operator ${op} needs at least one value in values.${note}`, path: `${path}.values` });
  } else if ((op === 'Exists' || op === 'DoesNotExist') && count > 0 && valuesPair) {
    ctx.report({ span: valuesPair.keySpan, message: `Operator ${op} takes no values; remove values.${note}`, path: `${path}.values`, fix: { kind: 'remove-pair' } });
  }
  values?.items.forEach((it, i) => {
    const s = strValue(it);
    const problem = s === undefined ? undefined : labelValueProblem(s);
    if (it && problem) ctx.report({ span: it.span, message: `Selector value ${q(s as string)} is not a valid label value: ${problem}.${note}`, path: `${path}.values[${i}]` });
  });
}

/** The label grammar of matchLabels and the rules of each matchExpressions entry. */
export function checkSelector(ctx: RuleContext, sel: YMap, path: string, note: string): void {
  for (const p of asMap(pairOf(sel, 'matchLabels')?.value)?.pairs ?? []) {
    const keyProblem = qualifiedNameProblem(p.keyText);
    if (keyProblem) ctx.report({ span: p.keySpan, message: `Selector key ${q(p.keyText)} is not a valid label key: ${keyProblem}.${note}`, path: `${path}.matchLabels[${p.keyText}]` });
    const value = strValue(p.value);
    const valueProblem = value === undefined ? undefined : labelValueProblem(value);
    if (p.value && valueProblem) ctx.report({ span: p.value.span, message: `Selector value ${q(value as string)} is not a valid label value: ${valueProblem}.${note}`, path: `${path}.matchLabels[${p.keyText}]` });
  }
  for (const { map, index } of mapItems(pairOf(sel, 'matchExpressions')?.value)) checkExpression(ctx, map, `${path}.matchExpressions[${index}]`, note);
}

export const selectorInvalid: Rule = {
  meta: {
    id: 'selector-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'spec.selector is empty, or it or a claim template selector breaks the label selector rules.',
    docs:
      'A StatefulSet selector must select something: an empty selector is rejected in apps/v1. matchLabels keys and values follow the label grammar; each matchExpressions entry needs a valid key and one of the operators In, NotIn (both with at least one value), Exists or DoesNotExist (both without values), and every value must be a valid label value. The selectors of volume claim templates follow the same rules (they may be empty).',
    example: 'spec:\n  selector:\n    matchLabels:\n      app: web\n    matchExpressions:\n      - key: tier\n        operator: In\n        values: [db]',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      // A claim's selector picks existing volumes by their labels; it may be empty.
      for (const t of claimSpecsOf(v)) {
        const claimSel = asMap(pairOf(t.spec, 'selector')?.value);
        if (claimSel) checkSelector(ctx, claimSel, `${t.path}.selector`, claimSpecNote(ctx, t));
      }
      const selPair = pairOf(v.spec, 'selector');
      const sel = asMap(selPair?.value);
      if (!selPair || !sel) return;
      const path = `${v.prefix}spec.selector`;
      const labels = asMap(pairOf(sel, 'matchLabels')?.value);
      const exprs = asSeq(pairOf(sel, 'matchExpressions')?.value);
      if ((labels?.pairs.length ?? 0) + (exprs?.items.length ?? 0) === 0) {
        // Merged into the base's selector, an empty one in a patch changes nothing.
        if (ctx.patch) return;
        ctx.report({ span: selPair.keySpan, message: 'An empty selector is not allowed for a StatefulSet: add matchLabels (usually the pod template labels).', path });
        return;
      }
      checkSelector(ctx, sel, path, '');
    });
  },
};
