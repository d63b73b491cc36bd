import { labelValueProblem, qualifiedNameProblem } from '../names';
import { asMap, asSeq, intValue, pairOf, strValue, type YMap, type YPair } from '../yamlTree';
import { checkSelector } from './selectorInvalid';
import type { Rule, RuleContext } from './types';
import { checkDnsName, eachStatefulSet, isAbsent, mapItems, oneOf, q, reportIfNotOneOf, templateNote } from './util';

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Checks that report into one pod template, with its release note. */
interface Scope {
  readonly ctx: RuleContext;
  readonly note: string;
}

function keyProblem(s: Scope, pair: YPair | undefined, anchor: YPair, path: string, what: string): void {
  const key = strValue(pair?.value);
  if (isAbsent(pair?.value) || key === '') {
    s.ctx.report({ span: pair?.keySpan ?? anchor.keySpan, message: `${what} needs a key.${s.note}`, path });
  } else if (pair?.value && key !== undefined) {
    const problem = qualifiedNameProblem(key);
    if (problem) s.ctx.report({ span: pair.value.span, message: `${what} key ${q(key)} is not a valid label key: ${problem}.${s.note}`, path });
  }
}

function checkNodeRequirement(s: Scope, req: YMap, path: string): void {
  const anchor = req.pairs[0];
  if (!anchor) return;
  keyProblem(s, pairOf(req, 'key'), anchor, `${path}.key`, 'A node selector requirement');
  const opPair = pairOf(req, 'operator');
  const op = strValue(opPair?.value);
  const valuesPair = pairOf(req, 'values');
  const count = asSeq(valuesPair?.value)?.items.length ?? 0;
  if (!opPair?.value || op === undefined || !NODE_OPERATORS.includes(op)) {
    if (!opPair?.value || op !== undefined) s.ctx.report({ span: opPair?.value?.span ?? opPair?.keySpan ?? anchor.keySpan, message: `Node selector operator ${q(op ?? '')} is not supported; use ${oneOf(NODE_OPERATORS)}.${s.note}`, path: `${path}.operator` });
    return;
  }
  const valuesSpan = valuesPair?.keySpan ?? opPair.value.span;
  if ((op === 'In' || op === 'NotIn') && count === 0) s.ctx.report({ span: valuesSpan, message: `Operator ${op} needs at least one value.${s.note}`, path: `${path}.values` });
  else if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) s.ctx.report({ span: valuesSpan, message: `Operator ${op} takes no values.${s.note}`, path: `${path}.values` });
  else if ((op === 'Gt' || op === 'Lt') && count !== 1) s.ctx.report({ span: valuesSpan, message: `Operator ${op} takes exactly one value.${s.note}`, path: `${path}.values` });
}

function checkNodeSelectorTerm(s: Scope, term: YMap, path: string): void {
  for (const { map, index } of mapItems(pairOf(term, 'matchExpressions')?.value)) checkNodeRequirement(s, map, `${path}.matchExpressions[${index}]`);
  for (const { map, index } of mapItems(pairOf(term, 'matchFields')?.value)) {
    const fieldPath = `${path}.matchFields[${index}]`;
    const keyNode = pairOf(map, 'key')?.value;
    const opNode = pairOf(map, 'operator')?.value;
    const op = strValue(opNode);
    if (strValue(keyNode) !== 'metadata.name') s.ctx.report({ span: keyNode?.span ?? map.pairs[0]?.keySpan ?? map.span, message: `matchFields can only use the key metadata.name.${s.note}`, path: `${fieldPath}.key` });
    if (op !== 'In' && op !== 'NotIn') s.ctx.report({ span: opNode?.span ?? map.pairs[0]?.keySpan ?? map.span, message: `matchFields takes the operator In or NotIn.${s.note}`, path: `${fieldPath}.operator` });
    else if ((asSeq(pairOf(map, 'values')?.value)?.items.length ?? 0) !== 1) s.ctx.report({ span: pairOf(map, 'values')?.keySpan ?? opNode?.span ?? map.span, message: `matchFields takes exactly one node name.${s.note}`, path: `${fieldPath}.values` });
  }
}

function checkWeight(s: Scope, map: YMap, path: string): void {
  const node = pairOf(map, 'weight')?.value;
  const w = intValue(node);
  if (isAbsent(node) || (w !== undefined && (w < 1 || w > 100))) {
    s.ctx.report({ span: node && !isAbsent(node) ? node.span : map.pairs[0]?.keySpan ?? map.span, message: `weight must be from 1 to 100.${s.note}`, path: `${path}.weight` });
  }
}

function checkPodAffinityTerm(s: Scope, term: YMap, anchor: YPair, path: string): void {
  const topology = pairOf(term, 'topologyKey');
  const key = strValue(topology?.value);
  if (isAbsent(topology?.value) || key === '') s.ctx.report({ span: topology?.keySpan ?? anchor.keySpan, message: `A pod affinity term needs a topologyKey, such as kubernetes.io/hostname.${s.note}`, path: `${path}.topologyKey` });
  else if (topology?.value && key !== undefined) {
    const problem = qualifiedNameProblem(key);
    if (problem) s.ctx.report({ span: topology.value.span, message: `topologyKey ${q(key)} is not a valid label key: ${problem}.${s.note}`, path: `${path}.topologyKey` });
  }
  for (const sel of ['labelSelector', 'namespaceSelector']) {
    const m = asMap(pairOf(term, sel)?.value);
    if (m) checkSelector(s.ctx, m, `${path}.${sel}`, s.note);
  }
}

function checkAffinity(s: Scope, affinity: YMap, path: string): void {
  const node = asMap(pairOf(affinity, 'nodeAffinity')?.value);
  const requiredPair = pairOf(node, 'requiredDuringSchedulingIgnoredDuringExecution');
  const required = asMap(requiredPair?.value);
  if (requiredPair && required) {
    const termsPath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const termsPair = pairOf(required, 'nodeSelectorTerms');
    if ((asSeq(termsPair?.value)?.items.length ?? 0) === 0) s.ctx.report({ span: (termsPair ?? requiredPair).keySpan, message: `nodeSelectorTerms needs at least one term.${s.note}`, path: termsPath });
    for (const { map, index } of mapItems(termsPair?.value)) checkNodeSelectorTerm(s, map, `${termsPath}[${index}]`);
  }
  for (const { map, index } of mapItems(pairOf(node, 'preferredDuringSchedulingIgnoredDuringExecution')?.value)) {
    const termPath = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${index}]`;
    checkWeight(s, map, termPath);
    const pref = asMap(pairOf(map, 'preference')?.value);
    if (pref) checkNodeSelectorTerm(s, pref, `${termPath}.preference`);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const body = asMap(pairOf(affinity, kind)?.value);
    for (const { map, index } of mapItems(pairOf(body, 'requiredDuringSchedulingIgnoredDuringExecution')?.value)) {
      if (map.pairs[0]) checkPodAffinityTerm(s, map, map.pairs[0], `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${index}]`);
    }
    for (const { map, index } of mapItems(pairOf(body, 'preferredDuringSchedulingIgnoredDuringExecution')?.value)) {
      const termPath = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${index}]`;
      checkWeight(s, map, termPath);
      const termPair = pairOf(map, 'podAffinityTerm');
      const term = asMap(termPair?.value);
      if (termPair && term) checkPodAffinityTerm(s, term, termPair, `${termPath}.podAffinityTerm`);
      else if (map.pairs[0]) s.ctx.report({ span: map.pairs[0].keySpan, message: `A weighted term needs a podAffinityTerm.${s.note}`, path: `${termPath}.podAffinityTerm` });
    }
  }
}

function checkToleration(s: Scope, t: YMap, path: string): void {
  const anchor = t.pairs[0];
  if (!anchor) return;
  const keyPair = pairOf(t, 'key');
  const key = strValue(keyPair?.value) ?? '';
  if (key) keyProblem(s, keyPair, anchor, `${path}.key`, 'A toleration');
  const opPair = pairOf(t, 'operator');
  const op = strValue(opPair?.value) ?? '';
  const valueNode = pairOf(t, 'value')?.value;
  const value = strValue(valueNode) ?? '';
  if (op !== '' && op !== 'Equal' && op !== 'Exists') {
    s.ctx.report({ span: opPair?.value?.span ?? anchor.keySpan, message: `Toleration operator ${q(op)} is not supported; use "Equal" or "Exists".${s.note}`, path: `${path}.operator` });
  } else if (key === '' && op !== 'Exists') {
    s.ctx.report({ span: opPair?.value?.span ?? anchor.keySpan, message: `A toleration without a key matches every taint, so its operator must be Exists.${s.note}`, path: `${path}.operator` });
  } else if (op === 'Exists' && value !== '' && valueNode) {
    s.ctx.report({ span: valueNode.span, message: `A toleration with operator Exists takes no value.${s.note}`, path });
  } else if (op !== 'Exists' && valueNode && labelValueProblem(value)) {
    s.ctx.report({ span: valueNode.span, message: `Toleration value ${q(value)} is not a valid label value: ${labelValueProblem(value)}.${s.note}`, path });
  }
  const effectNode = pairOf(t, 'effect')?.value;
  const effect = strValue(effectNode) ?? '';
  if (effect !== '') reportIfNotOneOf(s.ctx, effectNode, TAINT_EFFECTS, { path: `${path}.effect`, what: 'Toleration effect', emptyIsDefault: true, note: s.note });
  if (!isAbsent(pairOf(t, 'tolerationSeconds')?.value) && effect !== 'NoExecute') {
    s.ctx.report({ span: effectNode?.span ?? pairOf(t, 'tolerationSeconds')?.keySpan ?? anchor.keySpan, message: `tolerationSeconds only applies to effect NoExecute.${s.note}`, path: `${path}.effect` });
  }
}

function checkSpread(s: Scope, list: readonly { map: YMap; index: number }[], path: string): void {
  // The API server flags the first of two constraints that share topologyKey and whenUnsatisfiable.
  const seen = new Map<string, { anchor: YPair; index: number; reported: boolean }>();
  for (const { map, index } of list) {
    const itemPath = `${path}[${index}]`;
    const anchor = map.pairs[0];
    if (!anchor) continue;
    const skewNode = pairOf(map, 'maxSkew')?.value;
    const skew = intValue(skewNode);
    // Constraints merge by topologyKey: a patch's entry may take maxSkew and whenUnsatisfiable from the base.
    if ((isAbsent(skewNode) && !s.ctx.patch) || (skew !== undefined && skew <= 0)) s.ctx.report({ span: skewNode && !isAbsent(skewNode) ? skewNode.span : anchor.keySpan, message: `maxSkew must be more than 0.${s.note}`, path: `${itemPath}.maxSkew` });
    const topology = pairOf(map, 'topologyKey');
    const key = strValue(topology?.value);
    if (isAbsent(topology?.value) || key === '') s.ctx.report({ span: topology?.keySpan ?? anchor.keySpan, message: `A spread constraint needs a topologyKey, such as topology.kubernetes.io/zone.${s.note}`, path: `${itemPath}.topologyKey` });
    else if (topology?.value && key !== undefined && qualifiedNameProblem(key)) s.ctx.report({ span: topology.value.span, message: `topologyKey ${q(key)} is not a valid label key: ${qualifiedNameProblem(key)}.${s.note}`, path: `${itemPath}.topologyKey` });
    const whenPair = pairOf(map, 'whenUnsatisfiable');
    const when = strValue(whenPair?.value);
    if ((isAbsent(whenPair?.value) && !s.ctx.patch) || when === '') s.ctx.report({ span: whenPair?.keySpan ?? anchor.keySpan, message: `A spread constraint needs whenUnsatisfiable: "DoNotSchedule" or "ScheduleAnyway".${s.note}`, path: `${itemPath}.whenUnsatisfiable` });
    else reportIfNotOneOf(s.ctx, whenPair?.value, ['DoNotSchedule', 'ScheduleAnyway'], { path: `${itemPath}.whenUnsatisfiable`, what: 'whenUnsatisfiable', emptyIsDefault: false, note: s.note });
    const minNode = pairOf(map, 'minDomains')?.value;
    const min = intValue(minNode);
    if (minNode && min !== undefined) {
      if (min <= 0) s.ctx.report({ span: minNode.span, message: `minDomains must be more than 0.${s.note}`, path: `${itemPath}.minDomains` });
      else if (when === 'ScheduleAnyway') s.ctx.report({ span: minNode.span, message: `minDomains only works with whenUnsatisfiable: DoNotSchedule.${s.note}`, path: `${itemPath}.minDomains` });
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      reportIfNotOneOf(s.ctx, pairOf(map, policy)?.value, ['Honor', 'Ignore'], { path: `${itemPath}.${policy}`, what: policy, emptyIsDefault: false, note: s.note });
    }
    const sel = asMap(pairOf(map, 'labelSelector')?.value);
    if (sel) checkSelector(s.ctx, sel, `${itemPath}.labelSelector`, s.note);
    if (key && when) {
      const pairKey = `${key}\u0000${when}`;
      const first = seen.get(pairKey);
      if (!first) seen.set(pairKey, { anchor, index, reported: false });
      else if (!first.reported) {
        first.reported = true;
        s.ctx.report({ span: first.anchor.keySpan, message: `Spread constraint number ${index + 1} uses topologyKey ${q(key)} with ${when} too; each pair may appear once.${s.note}`, path: `${path}[${first.index}]` });
      }
    }
  }
}

export const schedulingInvalid: Rule = {
  meta: {
    id: 'scheduling-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A scheduling field of the pod template (nodeSelector, affinity, tolerations, topology spread, priority, scheduling gates) is rejected.',
    docs: 'The scheduling fields of a pod template follow fixed grammars: nodeSelector keys and values are labels; node affinity needs at least one nodeSelectorTerm, operators In and NotIn with values, Exists and DoesNotExist without, Gt and Lt with exactly one; weights are 1 to 100; pod affinity terms need a topologyKey; a toleration without a key must use Exists, Exists takes no value, tolerationSeconds only goes with NoExecute; a topology spread constraint needs maxSkew above 0, a topologyKey and whenUnsatisfiable, and no two may share both; priorityClassName and nodeName are DNS subdomains; preemptionPolicy is PreemptLowerPriority or Never; scheduling gates are qualified names, each once. Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'tolerations:\n  - key: dedicated\n    operator: Equal\n    value: db\n    effect: NoSchedule\ntopologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: topology.kubernetes.io/zone\n    whenUnsatisfiable: ScheduleAnyway',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const podSpec = v.podSpec;
      if (!podSpec) return;
      const s: Scope = { ctx, note: templateNote(ctx) };
      const path = `${v.prefix}spec.template.spec`;
      for (const p of asMap(pairOf(podSpec, 'nodeSelector')?.value)?.pairs ?? []) {
        const kp = qualifiedNameProblem(p.keyText);
        if (kp) ctx.report({ span: p.keySpan, message: `nodeSelector key ${q(p.keyText)} is not a valid label key: ${kp}.${s.note}`, path: `${path}.nodeSelector[${p.keyText}]` });
        const value = strValue(p.value);
        const vp = value === undefined ? undefined : labelValueProblem(value);
        if (p.value && vp) ctx.report({ span: p.value.span, message: `nodeSelector value ${q(value as string)} is not a valid label value: ${vp}.${s.note}`, path: `${path}.nodeSelector[${p.keyText}]` });
      }
      const affinity = asMap(pairOf(podSpec, 'affinity')?.value);
      if (affinity) checkAffinity(s, affinity, `${path}.affinity`);
      for (const { map, index } of mapItems(pairOf(podSpec, 'tolerations')?.value)) checkToleration(s, map, `${path}.tolerations[${index}]`);
      checkSpread(s, mapItems(pairOf(podSpec, 'topologySpreadConstraints')?.value), `${path}.topologySpreadConstraints`);
      checkDnsName(ctx, podSpec, 'priorityClassName', { path, kind: 'subdomain', emptyAllowed: true, note: s.note });
      checkDnsName(ctx, podSpec, 'nodeName', { path, kind: 'subdomain', emptyAllowed: true, note: s.note });
      const preemption = pairOf(podSpec, 'preemptionPolicy')?.value;
      if (preemption && strValue(preemption) === '') ctx.report({ span: preemption.span, message: `preemptionPolicy cannot be empty: use "PreemptLowerPriority" or "Never", or leave it out.${s.note}`, path: `${path}.preemptionPolicy` });
      else reportIfNotOneOf(ctx, preemption, ['PreemptLowerPriority', 'Never'], { path: `${path}.preemptionPolicy`, what: 'preemptionPolicy', emptyIsDefault: true, note: s.note });
      const gates = new Set<string>();
      for (const { map, index } of mapItems(pairOf(podSpec, 'schedulingGates')?.value)) {
        const node = pairOf(map, 'name')?.value;
        const name = strValue(node) ?? '';
        const problem = qualifiedNameProblem(name);
        const span = node?.span ?? map.pairs[0]?.keySpan ?? map.span;
        if (problem) ctx.report({ span, message: `Scheduling gate name ${q(name)} is not valid: ${problem}.${s.note}`, path: `${path}.schedulingGates[${index}]` });
        else if (gates.has(name)) ctx.report({ span, message: `Scheduling gate ${q(name)} is listed twice.${s.note}`, path: `${path}.schedulingGates[${index}]` });
        gates.add(name);
      }
    });
  },
};
