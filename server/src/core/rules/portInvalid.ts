import { intValue, pairOf, strValue, type YMap } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { type ContainerRef, containersOf, eachStatefulSet, isAbsent, mapItems, q, reportIfNotOneOf, templateNote } from './util';

/** IANA service name rules the API server applies to port names; undefined when fine. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return `it is ${name.length} characters long; at most 15 are allowed`;
  if (!/^[-a-z0-9]+$/.test(name)) return 'it may contain only lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'it must contain at least one letter';
  if (name.includes('--')) return 'it must not contain "--"';
  if (name.startsWith('-') || name.endsWith('-')) return 'it must not start or end with "-"';
  return undefined;
}

function checkPorts(ctx: RuleContext, c: ContainerRef, note: string, hostPorts: Map<string, string>, hostNetwork: boolean): void {
  const names = new Set<string>();
  for (const { map: port, index } of mapItems(pairOf(c.map, 'ports')?.value)) {
    const path = `${c.path}.ports[${index}]`;
    const namePair = pairOf(port, 'name');
    const name = strValue(namePair?.value);
    if (namePair?.value && name) {
      const problem = portNameProblem(name);
      if (problem) ctx.report({ span: namePair.value.span, message: `Port name ${q(name)} is not valid: ${problem}.${note}`, path: `${path}.name` });
      else if (names.has(name)) ctx.report({ span: namePair.value.span, message: `Port name ${q(name)} is used twice in this container; port names must be unique.${note}`, path: `${path}.name` });
      else names.add(name);
    }
    const cpPair = pairOf(port, 'containerPort');
    const cp = intValue(cpPair?.value);
    if (isAbsent(cpPair?.value) || cp === 0) {
      ctx.report({ span: cpPair?.value?.span ?? cpPair?.keySpan ?? port.pairs[0]?.keySpan ?? port.span, message: `Every port needs a containerPort from 1 to 65535.${note}`, path: `${path}.containerPort` });
    } else if (cp !== undefined && (cp < 1 || cp > 65535)) {
      ctx.report({ span: cpPair.value.span, message: `containerPort ${cp} is out of range; use 1 to 65535.${note}`, path: `${path}.containerPort` });
    }
    const hpNode = pairOf(port, 'hostPort')?.value;
    const hp = intValue(hpNode);
    if (hpNode && hp !== undefined && hp !== 0 && (hp < 1 || hp > 65535)) {
      ctx.report({ span: hpNode.span, message: `hostPort ${hp} is out of range; use 1 to 65535, or leave it out.${note}`, path: `${path}.hostPort` });
    }
    const protoNode = pairOf(port, 'protocol')?.value;
    reportIfNotOneOf(ctx, protoNode, ['TCP', 'UDP', 'SCTP'], { path: `${path}.protocol`, what: 'Protocol', emptyIsDefault: true, note });
    if (hpNode && hp !== undefined && hp >= 1 && hp <= 65535) checkHostPortClash(ctx, port, hp, hostPorts, `${path}.hostPort`, note);
    // On the host network a container listens on the host's port itself; 0 is later set to the containerPort.
    if (hostNetwork && c.list === 'containers' && hpNode && hp !== undefined && hp !== 0 && cp !== undefined && hp !== cp) {
      ctx.report({ span: hpNode.span, message: `With hostNetwork the hostPort must equal the containerPort (${cp}), or be left out.${note}`, path: `${path}.hostPort`, fix: { kind: 'replace-value', value: cp } });
    }
  }
}

/** Two ports of containers that run together cannot claim the same host port, protocol and address. */
function checkHostPortClash(ctx: RuleContext, port: YMap, hp: number, seen: Map<string, string>, path: string, note: string): void {
  const node = pairOf(port, 'hostPort')?.value;
  if (!node) return;
  const protocol = strValue(pairOf(port, 'protocol')?.value) || 'TCP';
  const ip = strValue(pairOf(port, 'hostIP')?.value) ?? '';
  const key = `${protocol}/${ip}/${hp}`;
  const first = seen.get(key);
  if (first !== undefined) ctx.report({ span: node.span, message: `hostPort ${hp}/${protocol} is already taken by ${first}; containers that run together need different host ports.${note}`, path });
  else seen.set(key, path.replace(/^.*spec\.template\.spec\./, '').replace(/\.hostPort$/, ''));
}

export const portInvalid: Rule = {
  meta: {
    id: 'port-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container port is out of range, badly named, named twice, has an unknown protocol, clashes on the host or differs from its hostPort on the host network.',
    docs:
      'Each entry of a container\'s `ports` needs a containerPort from 1 to 65535; a hostPort, when set, is in the same range and may not be claimed twice by containers that run together (with the same protocol and hostIP). A port name is at most 15 lowercase letters, digits and "-", with at least one letter and no "--" or "-" at either end, and is unique within its container. The protocol is TCP (default), UDP or SCTP. With `hostNetwork: true` a hostPort, when given, must equal its containerPort. Since 1.34 the API server rejects violations; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: http\n              containerPort: 8080',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const regularHostPorts = new Map<string, string>();
      const hostNetwork = pairOf(v.podSpec, 'hostNetwork')?.value;
      const onHost = hostNetwork?.kind === 'scalar' && hostNetwork.value === true;
      for (const c of containersOf(v)) {
        // Init containers run one at a time, so only their own ports can clash.
        checkPorts(ctx, c, note, c.list === 'containers' ? regularHostPorts : new Map(), onHost);
      }
    });
  },
};
