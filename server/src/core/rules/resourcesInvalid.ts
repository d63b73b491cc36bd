import { parseQuantity, type Quantity } from '../quantity';
import { qualifiedNameProblem } from '../names';
import { asMap, pairOf, scalarText, strValue, type YMap, type YNode, type YPair } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { containersOf, eachStatefulSet, mapItems, q, reportIfNotOneOf, templateNote, type ContainerRef } from './util';

/** Names a container may use without a domain prefix. */
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function quantityOf(node: YNode | null | undefined): Quantity | undefined {
  if (!node || node.kind !== 'scalar' || node.type === 'bool' || node.type === 'null') return undefined;
  const text = scalarText(node);
  return text === undefined ? undefined : parseQuantity(text);
}

/** Why a resource name is not accepted for a container, if it is not. */
function nameProblem(name: string): string | undefined {
  if (!name.includes('/')) {
    if (STANDARD.has(name) || name.startsWith('hugepages-')) return undefined;
    return 'without a domain prefix only cpu, memory, ephemeral-storage and hugepages-<size> are allowed';
  }
  if (name.startsWith('kubernetes.io/')) return undefined;
  const problem = qualifiedNameProblem(name);
  return problem ? `an extended resource name needs the form example.com/name: ${problem}` : undefined;
}

/** Extended resources and huge pages cannot be overcommitted: a request must equal its limit. */
function overcommitAllowed(name: string): boolean {
  return STANDARD.has(name) || (name.startsWith('kubernetes.io/') && !name.includes('hugepages'));
}

/** Bytes of one huge page of a `hugepages-<size>` resource, when the size is a quantity. */
function hugePageSize(name: string): number | undefined {
  const m = /^hugepages-(.+)$/.exec(name);
  const size = m ? parseQuantity(m[1]) : undefined;
  return size && size.value > 0 ? size.value : undefined;
}

/** Extended resources (a domain other than kubernetes.io) are counted in whole units. */
function isExtended(name: string): boolean {
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

function checkResources(ctx: RuleContext, resourcesPair: YPair, resources: YMap, path: string, note: string): void {
  const limitsPair = pairOf(resources, 'limits');
  const limits = asMap(limitsPair?.value);
  const requests = asMap(pairOf(resources, 'requests')?.value);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [group, map] of [['limits', limits], ['requests', requests]] as const) {
    for (const p of map?.pairs ?? []) {
      if (p.keyText === 'cpu' || p.keyText === 'memory') cpuOrMemory = true;
      if (p.keyText.startsWith('hugepages-')) hugePages = true;
      const problem = nameProblem(p.keyText);
      if (problem) ctx.report({ span: p.keySpan, message: `Resource ${q(p.keyText)} is not a container resource: ${problem}.${note}`, path: `${path}.${group}[${p.keyText}]` });
      const value = quantityOf(p.value);
      if (!p.value || !value) continue;
      const page = hugePageSize(p.keyText);
      if (value.value < 0) ctx.report({ span: p.value.span, message: `${group}.${p.keyText} must be 0 or more.${note}`, path: `${path}.${group}[${p.keyText}]` });
      else if (isExtended(p.keyText) && !problem && !Number.isInteger(value.value)) ctx.report({ span: p.value.span, message: `${group}.${p.keyText} must be a whole number: extended resources are counted in units.${note}`, path: `${path}.${group}[${p.keyText}]` });
      else if (page !== undefined && value.value % page !== 0) ctx.report({ span: p.value.span, message: `${group}.${p.keyText} must be a whole number of ${p.keyText.slice('hugepages-'.length)} pages.${note}`, path: `${path}.${group}[${p.keyText}]` });
    }
  }
  // A patch's container may get its cpu, memory and limits from the base.
  if (hugePages && !cpuOrMemory && !ctx.patch) {
    ctx.report({ span: resourcesPair.keySpan, message: `Huge pages need a cpu or memory request or limit in the same container.${note}`, path });
  }
  // A resource that cannot be overcommitted needs a limit, which its request must equal.
  for (const p of requests?.pairs ?? []) {
    if (!p.value || ctx.patch || overcommitAllowed(p.keyText) || nameProblem(p.keyText) || pairOf(limits, p.keyText)) continue;
    ctx.report({ span: (limitsPair ?? resourcesPair).keySpan, message: `${p.keyText} cannot be overcommitted: set limits.${p.keyText} equal to its request.${note}`, path: `${path}.limits` });
  }
  for (const p of requests?.pairs ?? []) {
    const request = quantityOf(p.value);
    const limitNode = pairOf(limits, p.keyText)?.value;
    const limit = quantityOf(limitNode);
    if (!p.value || !request || !limit || request.value < 0 || limit.value < 0 || nameProblem(p.keyText)) continue;
    const limitText = scalarText(limitNode) as string;
    if (!overcommitAllowed(p.keyText) && request.value !== limit.value) {
      ctx.report({ span: p.value.span, message: `The ${p.keyText} request must equal its limit (${limitText}): this resource cannot be overcommitted.${note}`, path: `${path}.requests[${p.keyText}]`, fix: { kind: 'replace-value', value: limitText } });
    } else if (request.value > limit.value) {
      ctx.report({ span: p.value.span, message: `The ${p.keyText} request ${scalarText(p.value)} is more than its limit ${limitText}; a request may not exceed the limit.${note}`, path: `${path}.requests[${p.keyText}]`, fix: { kind: 'replace-value', value: limitText } });
    }
  }
}

/** How a container takes a resize of cpu or memory; init containers that are not sidecars are never resized. */
function checkResizePolicy(ctx: RuleContext, c: ContainerRef, note: string): void {
  const pair = pairOf(c.map, 'resizePolicy');
  const items = mapItems(pair?.value);
  if (!pair || items.length === 0) return;
  if (c.list === 'initContainers' && strValue(pairOf(c.map, 'restartPolicy')?.value) !== 'Always' && !ctx.patch) {
    ctx.report({ span: pair.keySpan, message: `resizePolicy cannot be set on an init container.${note}`, path: `${c.path}.resizePolicy` });
    return;
  }
  const seen = new Set<string>();
  for (const { map, index } of items) {
    const path = `${c.path}.resizePolicy[${index}]`;
    const nameNode = pairOf(map, 'resourceName')?.value;
    const name = strValue(nameNode);
    if (nameNode && name !== undefined && name !== 'cpu' && name !== 'memory') ctx.report({ span: nameNode.span, message: `resizePolicy resourceName ${q(name)} is not supported; use "cpu" or "memory".${note}`, path: `${path}.resourceName` });
    else if (nameNode && name !== undefined && seen.has(name)) ctx.report({ span: nameNode.span, message: `resizePolicy lists ${name} twice.${note}`, path });
    if (name !== undefined) seen.add(name);
    reportIfNotOneOf(ctx, pairOf(map, 'restartPolicy')?.value, ['NotRequired', 'RestartContainer'], { path: `${path}.restartPolicy`, what: 'resizePolicy restartPolicy', emptyIsDefault: false, note });
  }
}

export const resourcesInvalid: Rule = {
  meta: {
    id: 'resources-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container requests more than its limit, leaves out the limit of a resource that cannot be overcommitted, uses a negative or fractional amount, names an unknown resource, or has a resizePolicy the API server rejects.',
    docs: 'A container\'s `resources.requests` may not exceed its `resources.limits` for the same resource, and for huge pages and extended resources (which cannot be overcommitted) the two must be equal, so such a request needs its limit. Amounts cannot be negative, extended resources come in whole units, huge pages in whole pages and only beside a cpu or memory amount, and resource names are cpu, memory, ephemeral-storage, hugepages-<size>, or domain-prefixed extended resources such as nvidia.com/gpu. A resizePolicy names cpu or memory once each with NotRequired or RestartContainer, and init containers other than sidecars have none. Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'resources:\n  requests:\n    cpu: 250m\n    memory: 256Mi\n  limits:\n    memory: 512Mi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      for (const c of containersOf(v)) {
        checkResizePolicy(ctx, c, note);
        const resourcesPair = pairOf(c.map, 'resources');
        const resources = asMap(resourcesPair?.value);
        if (resourcesPair && resources) checkResources(ctx, resourcesPair, resources, `${c.path}.resources`, note);
      }
    });
  },
};
