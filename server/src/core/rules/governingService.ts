/**
 * What the three governing-Service rules share: the StatefulSet's `serviceName` and the Services
 * of that name in its namespace, from every file the index knows.
 */
import { podFqdnOf, podNameOf } from '../identities';
import { dns1123LabelProblem } from '../names';
import type { Resource } from '../parse';
import { stringMap, inNamespace, type ResourceSummary } from '../workspace';
import { at, pairOf, strValue, type YNode } from '../yamlTree';
import { namespaceOf, podTemplateOf, specOf } from './statefulSetParts';
import type { RuleContext } from './types';

export interface GoverningService {
  readonly serviceName: string;
  readonly node: YNode;
  readonly namespace: string;
  /** Services named `serviceName` in the StatefulSet's namespace. */
  readonly services: readonly ResourceSummary[];
  readonly podLabels: Readonly<Record<string, string>>;
  readonly path: string;
}

/** Undefined when there is no usable `serviceName` (absent, or a name the API server rejects). */
export function governingService(ctx: RuleContext, sts: Resource): GoverningService | undefined {
  const node = pairOf(specOf(sts), 'serviceName')?.value;
  const serviceName = strValue(node);
  if (!node || !serviceName || dns1123LabelProblem(serviceName) !== undefined) return undefined;
  const namespace = namespaceOf(sts, ctx.settings);
  const services = inNamespace(ctx.index.find('Service', serviceName), namespace, ctx.settings.defaultNamespace);
  const podLabels = stringMap(at(podTemplateOf(sts), 'metadata', 'labels')) ?? {};
  return { serviceName, node, namespace, services, podLabels, path: `${sts.pathPrefix}spec.serviceName` };
}

/** `web-0.nginx.shop.svc.cluster.local`, the name a reader recognises the problem by. */
export function firstPodFqdn(ctx: RuleContext, sts: Resource, g: GoverningService): string {
  return podFqdnOf(podNameOf(sts.name ?? '<name>', 0), g.serviceName, g.namespace, ctx.settings.clusterDomain);
}
