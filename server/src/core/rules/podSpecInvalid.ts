import { dns1123SubdomainProblem, qualifiedNameProblem } from '../names';
import { asMap, asSeq, pairOf, strValue, type YMap } from '../yamlTree';
import type { Span } from '../types';
import type { Rule, RuleContext } from './types';
import { checkDnsName, containersOf, eachStatefulSet, isAbsent, mapItems, q, reportIfNotOneOf, templateNote, type StatefulSetView } from './util';

const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

/** IPv4 in dotted decimal (leading zeros tolerated, as the API server does) or IPv6. */
function isIP(s: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s.split('.').every((o) => Number(o) <= 255);
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | undefined => {
    if (h === '') return [];
    const parts = h.split(':');
    const last = parts[parts.length - 1];
    // An embedded IPv4 address counts as two groups.
    if (last.includes('.')) {
      if (!isIP(last) || last.includes(':')) return undefined;
      parts.splice(parts.length - 1, 1, '0', '0');
    }
    return parts.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p)) ? parts : undefined;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return false;
  const n = head.length + tail.length;
  return halves.length === 2 ? n < 8 : n === 8;
}

function checkDns(ctx: RuleContext, podSpec: YMap, specKey: Span, path: string, note: string): void {
  const policyNode = pairOf(podSpec, 'dnsPolicy')?.value;
  reportIfNotOneOf(ctx, policyNode, DNS_POLICIES, { path: `${path}.dnsPolicy`, what: 'dnsPolicy', emptyIsDefault: true, note });
  const configPair = pairOf(podSpec, 'dnsConfig');
  const config = asMap(configPair?.value);
  const nameservers = asSeq(pairOf(config, 'nameservers')?.value)?.items ?? [];
  // A patch may set the policy and keep the base's nameservers.
  if (strValue(policyNode) === 'None' && nameservers.length === 0 && !ctx.patch) {
    const span = pairOf(config, 'nameservers')?.keySpan ?? configPair?.keySpan ?? specKey;
    ctx.report({ span, message: `dnsPolicy None needs dnsConfig with at least one nameserver.${note}`, path: `${path}.dnsConfig${config ? '.nameservers' : ''}` });
  }
  if (!config) return;
  if (nameservers.length > MAX_NAMESERVERS) ctx.report({ span: pairOf(config, 'nameservers')?.keySpan ?? configPair?.keySpan ?? podSpec.span, message: `dnsConfig takes at most ${MAX_NAMESERVERS} nameservers.${note}`, path: `${path}.dnsConfig.nameservers` });
  nameservers.forEach((n, i) => {
    const ip = strValue(n);
    if (n && ip !== undefined && !isIP(ip)) ctx.report({ span: n.span, message: `Nameserver ${q(ip)} is not an IP address.${note}`, path: `${path}.dnsConfig.nameservers[${i}]` });
  });
  const searches = asSeq(pairOf(config, 'searches')?.value)?.items ?? [];
  if (searches.length > MAX_SEARCHES) ctx.report({ span: pairOf(config, 'searches')?.keySpan ?? podSpec.span, message: `dnsConfig takes at most ${MAX_SEARCHES} search domains.${note}`, path: `${path}.dnsConfig.searches` });
  searches.forEach((n, i) => {
    const domain = strValue(n);
    // A trailing dot marks the name as fully qualified.
    const problem = domain === undefined ? undefined : dns1123SubdomainProblem(domain.replace(/\.$/, ''));
    if (n && problem) ctx.report({ span: n.span, message: `Search domain ${q(domain as string)} is not valid: ${problem}.${note}`, path: `${path}.dnsConfig.searches[${i}]` });
  });
  for (const { map, index } of mapItems(pairOf(config, 'options')?.value)) {
    const name = pairOf(map, 'name');
    if (isAbsent(name?.value) || strValue(name?.value) === '') ctx.report({ span: name?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `Each DNS option needs a name.${note}`, path: `${path}.dnsConfig.options[${index}]` });
  }
}

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Pod annotations the API server reads: the deletion cost and the older per-container AppArmor profiles. */
function checkPodAnnotations(ctx: RuleContext, v: StatefulSetView, note: string): void {
  const annotations = asMap(pairOf(asMap(pairOf(v.template, 'metadata')?.value), 'annotations')?.value);
  const names = new Set(containersOf(v).map((c) => strValue(pairOf(c.map, 'name')?.value)));
  const path = `${v.prefix}spec.template.metadata.annotations`;
  for (const p of annotations?.pairs ?? []) {
    const value = strValue(p.value);
    if (!p.value || value === undefined) continue;
    if (p.keyText === DELETION_COST) {
      const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
      if (!(n >= -(2 ** 31) && n <= 2 ** 31 - 1)) ctx.report({ span: p.value.span, message: `${DELETION_COST} must be a 32-bit integer, such as "100"; ${q(value)} is not.${note}`, path: `${path}[${p.keyText}]` });
    } else if (p.keyText.startsWith(APPARMOR_PREFIX)) {
      const container = p.keyText.slice(APPARMOR_PREFIX.length);
      if (!names.has(container) && !ctx.patch) ctx.report({ span: p.keySpan, message: `The pod has no container ${q(container)} for this AppArmor annotation.${note}`, path: `${path}[${p.keyText}]` });
      if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) {
        ctx.report({ span: p.value.span, message: `AppArmor profile ${q(value)} is not valid: use runtime/default, unconfined or localhost/<profile> (or the appArmorProfile field).${note}`, path: `${path}[${p.keyText}]` });
      }
    }
  }
}

export const podSpecInvalid: Rule = {
  meta: {
    id: 'pod-spec-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A pod-level field of the template (dnsPolicy, dnsConfig, hostname, subdomain, hostAliases, serviceAccountName, runtimeClassName, os, readinessGates, pod annotations) is rejected.',
    docs: 'dnsPolicy is ClusterFirst (the default), ClusterFirstWithHostNet, Default or None, and None needs dnsConfig with 1 to 3 nameserver IP addresses; search domains are DNS subdomains. hostname and subdomain are DNS labels; hostAliases need an IP address and DNS subdomain hostnames; serviceAccountName and runtimeClassName are DNS subdomains (runtimeClassName cannot be empty); os.name is linux or windows; readiness gate condition types are qualified names. Of the pod annotations, controller.kubernetes.io/pod-deletion-cost is a 32-bit integer and each container.apparmor.security.beta.kubernetes.io/<container> names a container of the pod and a profile (runtime/default, unconfined, localhost/...). Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      serviceAccountName: web\n      dnsPolicy: None\n      dnsConfig:\n        nameservers: [10.0.0.10]\n        searches: [svc.cluster.local]',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const podSpec = v.podSpec;
      if (!podSpec) return;
      const note = templateNote(ctx);
      const path = `${v.prefix}spec.template.spec`;
      checkDns(ctx, podSpec, pairOf(v.template, 'spec')?.keySpan ?? podSpec.span, path, note);
      checkPodAnnotations(ctx, v, note);
      checkDnsName(ctx, podSpec, 'hostname', { path, kind: 'label', emptyAllowed: true, note });
      checkDnsName(ctx, podSpec, 'subdomain', { path, kind: 'label', emptyAllowed: true, note });
      checkDnsName(ctx, podSpec, 'serviceAccountName', { path, kind: 'subdomain', emptyAllowed: true, note });
      checkDnsName(ctx, podSpec, 'runtimeClassName', { path, kind: 'subdomain', emptyAllowed: false, note });
      for (const { map, index } of mapItems(pairOf(podSpec, 'hostAliases')?.value)) {
        const ipNode = pairOf(map, 'ip')?.value;
        const ip = strValue(ipNode) ?? '';
        if (!isIP(ip)) ctx.report({ span: ipNode?.span ?? map.pairs[0]?.keySpan ?? map.span, message: `hostAliases need an IP address; ${q(ip)} is not one.${note}`, path: `${path}.hostAliases[${index}].ip` });
        asSeq(pairOf(map, 'hostnames')?.value)?.items.forEach((n, i) => {
          const host = strValue(n);
          const problem = host === undefined ? undefined : dns1123SubdomainProblem(host);
          if (n && problem) ctx.report({ span: n.span, message: `Host name ${q(host as string)} is not valid: ${problem}.${note}`, path: `${path}.hostAliases[${index}].hostnames[${i}]` });
        });
      }
      const osPair = pairOf(podSpec, 'os');
      const os = asMap(osPair?.value);
      if (osPair && os) {
        const nameNode = pairOf(os, 'name')?.value;
        if (isAbsent(nameNode) || strValue(nameNode) === '') ctx.report({ span: pairOf(os, 'name')?.keySpan ?? osPair.keySpan, message: `os needs a name: "linux" or "windows".${note}`, path: `${path}.os.name` });
        else reportIfNotOneOf(ctx, nameNode, ['linux', 'windows'], { path: `${path}.os.name`, what: 'os.name', emptyIsDefault: false, note });
      }
      for (const { map, index } of mapItems(pairOf(podSpec, 'readinessGates')?.value)) {
        const node = pairOf(map, 'conditionType')?.value;
        const type = strValue(node) ?? '';
        const problem = qualifiedNameProblem(type);
        if (problem) ctx.report({ span: node?.span ?? map.pairs[0]?.keySpan ?? map.span, message: `Readiness gate conditionType ${q(type)} is not valid: ${problem}.${note}`, path: `${path}.readinessGates[${index}].conditionType` });
      }
    });
  },
};
