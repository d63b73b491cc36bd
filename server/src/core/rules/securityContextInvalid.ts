import { asMap, asSeq, intValue, pairOf, strValue, type YMap, type YPair } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { localPathProblem } from './podVolumes';
import { containersOf, eachStatefulSet, isAbsent, mapItems, oneOf, q, reportIfNotOneOf, templateNote } from './util';

/** User and group ids are 0 to 2^31-1 even though the fields are 64-bit. */
const MAX_ID = 2 ** 31 - 1;
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
/** Sysctl names: dot- or slash-separated lowercase segments, at most 253 characters. */
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

function checkIds(ctx: RuleContext, sc: YMap, keys: readonly string[], path: string, note: string): void {
  for (const key of keys) {
    const node = pairOf(sc, key)?.value;
    const id = intValue(node);
    if (node && id !== undefined && (id < 0 || id > MAX_ID)) ctx.report({ span: node.span, message: `${key} ${id} is out of range: ids are 0 to ${MAX_ID}.${note}`, path: `${path}.${key}` });
  }
}

/** seccompProfile and appArmorProfile: a known type, and a localhost profile exactly when the type is Localhost. */
function checkProfile(ctx: RuleContext, sc: YMap, key: 'seccompProfile' | 'appArmorProfile', path: string, note: string): void {
  const pair = pairOf(sc, key);
  const profile = asMap(pair?.value);
  if (!pair || !profile) return;
  const base = `${path}.${key}`;
  const typePair = pairOf(profile, 'type');
  const type = strValue(typePair?.value);
  if (isAbsent(typePair?.value) || type === '') {
    ctx.report({ span: typePair?.keySpan ?? pair.keySpan, message: `${key} needs a type: ${oneOf(PROFILE_TYPES)}.${note}`, path: `${base}.type` });
    return;
  }
  reportIfNotOneOf(ctx, typePair?.value, PROFILE_TYPES, { path: `${base}.type`, what: `${key} type`, emptyIsDefault: false, note });
  if (type === undefined || !PROFILE_TYPES.includes(type)) return;
  const localPair = pairOf(profile, 'localhostProfile');
  const local = strValue(localPair?.value);
  if (type === 'Localhost') {
    if (isAbsent(localPair?.value) || (key === 'appArmorProfile' && local?.trim() === '')) {
      ctx.report({ span: localPair?.keySpan ?? pair.keySpan, message: `${key} of type Localhost needs localhostProfile, the profile to load.${note}`, path: `${base}.localhostProfile` });
    } else if (localPair?.value && local !== undefined) {
      const problem = key === 'seccompProfile' ? localPathProblem(local) : local.trim() !== local ? 'it must not be padded with white space' : undefined;
      if (problem) ctx.report({ span: localPair.value.span, message: `localhostProfile ${q(local)} is not valid: ${problem}.${note}`, path: `${base}.localhostProfile` });
    }
  } else if (localPair && !isAbsent(localPair.value)) {
    ctx.report({ span: localPair.keySpan, message: `localhostProfile is only for type Localhost; remove it or set type: Localhost.${note}`, path: `${base}.localhostProfile`, fix: { kind: 'remove-pair' } });
  }
}

function checkPodContext(ctx: RuleContext, podSpec: YMap, scPair: YPair, sc: YMap, path: string, note: string): void {
  checkIds(ctx, sc, ['runAsUser', 'runAsGroup', 'fsGroup'], path, note);
  asSeq(pairOf(sc, 'supplementalGroups')?.value)?.items.forEach((it, i) => {
    const id = intValue(it);
    if (it && id !== undefined && (id < 0 || id > MAX_ID)) ctx.report({ span: it.span, message: `Group id ${id} is out of range: ids are 0 to ${MAX_ID}.${note}`, path: `${path}.supplementalGroups[${i}]` });
  });
  reportIfNotOneOf(ctx, pairOf(sc, 'fsGroupChangePolicy')?.value, ['OnRootMismatch', 'Always'], { path: `${path}.fsGroupChangePolicy`, what: 'fsGroupChangePolicy', emptyIsDefault: false, note });
  reportIfNotOneOf(ctx, pairOf(sc, 'supplementalGroupsPolicy')?.value, ['Merge', 'Strict'], { path: `${path}.supplementalGroupsPolicy`, what: 'supplementalGroupsPolicy', emptyIsDefault: false, note });
  checkProfile(ctx, sc, 'seccompProfile', path, note);
  checkProfile(ctx, sc, 'appArmorProfile', path, note);
  const seen = new Set<string>();
  for (const { map, index } of mapItems(pairOf(sc, 'sysctls')?.value)) {
    const namePair = pairOf(map, 'name');
    const name = strValue(namePair?.value);
    if (!namePair?.value || name === undefined) continue;
    if (name.length > 253 || !SYSCTL.test(name)) ctx.report({ span: namePair.value.span, message: `Sysctl name ${q(name)} is not valid: lowercase segments separated by "." or "/", at most 253 characters.${note}`, path: `${path}.sysctls[${index}].name` });
    else if (seen.has(name)) ctx.report({ span: namePair.value.span, message: `Sysctl ${q(name)} is set twice.${note}`, path: `${path}.sysctls[${index}].name` });
    seen.add(name);
  }
  const share = pairOf(podSpec, 'shareProcessNamespace')?.value;
  const hostPid = pairOf(podSpec, 'hostPID')?.value;
  if (share?.kind === 'scalar' && share.value === true && hostPid?.kind === 'scalar' && hostPid.value === true) {
    ctx.report({ span: scPair.keySpan, message: `shareProcessNamespace and hostPID cannot both be true.${note}`, path: `${path}.shareProcessNamespace` });
  }
}

function checkContainerContext(ctx: RuleContext, hostUsers: boolean, scPair: YPair, sc: YMap, path: string, note: string): void {
  checkIds(ctx, sc, ['runAsUser', 'runAsGroup'], path, note);
  const procNode = pairOf(sc, 'procMount')?.value;
  reportIfNotOneOf(ctx, procNode, ['Default', 'Unmasked'], { path: `${path}.procMount`, what: 'procMount', emptyIsDefault: false, note });
  if (procNode && strValue(procNode) === 'Unmasked' && hostUsers && !ctx.patch) {
    ctx.report({ span: procNode.span, message: `procMount Unmasked needs the pod in its own user namespace (hostUsers: false).${note}`, path: `${path}.procMount` });
  }
  checkProfile(ctx, sc, 'seccompProfile', path, note);
  checkProfile(ctx, sc, 'appArmorProfile', path, note);
  const escalation = pairOf(sc, 'allowPrivilegeEscalation')?.value;
  if (escalation?.kind !== 'scalar' || escalation.value !== false) return;
  const privileged = pairOf(sc, 'privileged')?.value;
  if (privileged?.kind === 'scalar' && privileged.value === true) {
    ctx.report({ span: scPair.keySpan, message: `A privileged container always escalates privileges: allowPrivilegeEscalation cannot be false with privileged: true.${note}`, path });
  }
  const added = asSeq(pairOf(asMap(pairOf(sc, 'capabilities')?.value), 'add')?.value)?.items ?? [];
  if (added.some((c) => strValue(c) === 'CAP_SYS_ADMIN')) {
    ctx.report({ span: scPair.keySpan, message: `allowPrivilegeEscalation cannot be false when capabilities.add has CAP_SYS_ADMIN.${note}`, path });
  }
}

export const securityContextInvalid: Rule = {
  meta: {
    id: 'security-context-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A pod or container securityContext has an id out of range, an unknown policy or profile type, or settings that contradict each other.',
    docs: 'User and group ids (runAsUser, runAsGroup, fsGroup, supplementalGroups) are 0 to 2147483647. seccompProfile and appArmorProfile need a type (RuntimeDefault, Unconfined or Localhost) and a localhostProfile exactly when the type is Localhost. A container cannot be privileged or add CAP_SYS_ADMIN while allowPrivilegeEscalation is false; procMount Unmasked needs hostUsers: false; fsGroupChangePolicy, supplementalGroupsPolicy and sysctl names have fixed forms. Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'securityContext:\n  runAsUser: 1000\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n  seccompProfile:\n    type: RuntimeDefault',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const podPair = pairOf(v.podSpec, 'securityContext');
      const podSc = asMap(podPair?.value);
      if (v.podSpec && podPair && podSc) checkPodContext(ctx, v.podSpec, podPair, podSc, `${v.prefix}spec.template.spec.securityContext`, note);
      const hostUsersNode = pairOf(v.podSpec, 'hostUsers')?.value;
      const hostUsers = !(hostUsersNode?.kind === 'scalar' && hostUsersNode.value === false);
      for (const c of containersOf(v)) {
        const pair = pairOf(c.map, 'securityContext');
        const sc = asMap(pair?.value);
        if (pair && sc) checkContainerContext(ctx, hostUsers, pair, sc, `${c.path}.securityContext`, note);
      }
    });
  },
};
