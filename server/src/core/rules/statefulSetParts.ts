/**
 * Readers the StatefulSet warning and advice rules share: the parts of a StatefulSet they look at,
 * with the API server's defaults applied. A value that is malformed reads as undefined, so a rule
 * that needs it stays quiet (the error rules report the value itself).
 */
import type { Resource } from '../parse';
import type { ResolvedSettings } from '../settings';
import type { Span } from '../types';
import { asMap, asSeq, at, intValue, pairOf, strValue, type YMap, type YNode, type YPair } from '../yamlTree';

/** Kubernetes decodes an explicit `null` like an absent field. */
export function present(n: YNode | null | undefined): n is YNode {
  return n !== undefined && n !== null && !(n.kind === 'scalar' && n.value === null);
}

export function specOf(r: Resource): YNode | null | undefined {
  return at(r.root, 'spec');
}

/** `spec.replicas` with its default of 1; undefined when it is not a non-negative integer. */
export function replicasOf(r: Resource): number | undefined {
  const n = at(specOf(r), 'replicas');
  if (!present(n)) return 1;
  const v = intValue(n);
  return v !== undefined && v >= 0 ? v : undefined;
}

/** `spec.ordinals.start` with its default of 0; undefined when malformed. */
export function startOrdinalOf(r: Resource): number | undefined {
  const n = at(specOf(r), 'ordinals', 'start');
  if (!present(n)) return 0;
  const v = intValue(n);
  return v !== undefined && v >= 0 ? v : undefined;
}

export function namespaceOf(r: Resource, settings: ResolvedSettings): string {
  return r.namespace ?? settings.defaultNamespace;
}

/** The span to point at when a finding is about the object as a whole: its name, else its kind. */
export function objectSpan(r: Resource): Span {
  const meta = pairOf(r.root, 'metadata');
  const name = pairOf(meta?.value, 'name');
  return name?.value?.span ?? name?.keySpan ?? meta?.keySpan ?? pairOf(r.root, 'kind')?.keySpan ?? r.root.span;
}

export function podTemplateOf(r: Resource): YMap | undefined {
  return asMap(at(specOf(r), 'template'));
}

export function podSpecOf(r: Resource): YMap | undefined {
  return asMap(at(podTemplateOf(r), 'spec'));
}

export interface Container {
  readonly node: YMap;
  readonly name?: string;
  /** The container's `name` value, or its first key when it has no name. */
  readonly span: Span;
  readonly path: string;
}

/** The regular containers of the pod template (not init containers). */
export function containersOf(r: Resource): Container[] {
  const seq = asSeq(at(podSpecOf(r), 'containers'));
  const out: Container[] = [];
  seq?.items.forEach((item, i) => {
    const m = asMap(item);
    if (!m) return;
    const namePair = pairOf(m, 'name');
    out.push({ node: m, name: strValue(namePair?.value), span: namePair?.value?.span ?? m.pairs[0]?.keySpan ?? m.span, path: `${r.pathPrefix}spec.template.spec.containers[${i}]` });
  });
  return out;
}

export interface ClaimTemplate {
  readonly node: YMap;
  readonly index: number;
  readonly name?: string;
  readonly namePair?: YPair;
  readonly path: string;
}

export function claimTemplatesOf(r: Resource): ClaimTemplate[] {
  const seq = asSeq(at(specOf(r), 'volumeClaimTemplates'));
  const out: ClaimTemplate[] = [];
  seq?.items.forEach((item, i) => {
    const m = asMap(item);
    if (!m) return;
    const namePair = pairOf(at(m, 'metadata'), 'name');
    out.push({ node: m, index: i, name: strValue(namePair?.value), namePair, path: `${r.pathPrefix}spec.volumeClaimTemplates[${i}]` });
  });
  return out;
}


/** `a-0, a-1, a-2`, or `a-0 … a-99` when there are more than three. */
export function nameRun(nameAt: (ordinal: number) => string, first: number, last: number): string {
  if (last < first) return '';
  if (last - first < 3) {
    const names: string[] = [];
    for (let o = first; o <= last; o++) names.push(nameAt(o));
    return names.join(', ');
  }
  return `${nameAt(first)} … ${nameAt(last)}`;
}
