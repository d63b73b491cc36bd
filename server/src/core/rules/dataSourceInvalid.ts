import { dns1123LabelProblem, dns1123SubdomainProblem } from '../names';
import { fieldsOf } from '../schema';
import { atLeast } from '../settings';
import { asMap, pairOf, strValue, type YMap, type YPair } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, isAbsent, q } from './util';

interface Ref {
  readonly apiGroup: string;
  readonly kind?: string;
  readonly name?: string;
}

/** Checks one reference; returns what it points at when it is readable. */
function checkRef(ctx: RuleContext, pair: YPair, map: YMap, path: string, note: string): Ref {
  const key = pair.keyText;
  const kindPair = pairOf(map, 'kind');
  const namePair = pairOf(map, 'name');
  const kind = strValue(kindPair?.value);
  const name = strValue(namePair?.value);
  const apiGroupNode = pairOf(map, 'apiGroup')?.value;
  const apiGroup = strValue(apiGroupNode) ?? '';
  const groupProblem = apiGroup ? dns1123SubdomainProblem(apiGroup) : undefined;
  if (apiGroupNode && groupProblem) ctx.report({ span: apiGroupNode.span, message: `${key} apiGroup ${q(apiGroup)} is not a valid API group: ${groupProblem}.${note}`, path: `${path}.apiGroup` });
  if (isAbsent(namePair?.value) || name === '') ctx.report({ span: namePair?.keySpan ?? pair.keySpan, message: `${key} needs the name of the object to copy from.${note}`, path: `${path}.name` });
  if (isAbsent(kindPair?.value) || kind === '') {
    ctx.report({ span: kindPair?.keySpan ?? pair.keySpan, message: `${key} needs a kind, such as PersistentVolumeClaim or VolumeSnapshot.${note}`, path: `${path}.kind` });
  } else if (kind !== undefined && apiGroup === '' && kind !== 'PersistentVolumeClaim' && kindPair) {
    const hint = kind === 'VolumeSnapshot' ? ' A VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io.' : '';
    ctx.report({ span: kindPair.value.span, message: `${key} kind ${q(kind)} needs an apiGroup; without one only PersistentVolumeClaim can be referenced.${hint}${note}`, path });
  }
  return { apiGroup, kind, name };
}

/** True when the target release keeps dataSourceRef.namespace (its feature gate is on by default). */
function namespaceHonoured(ctx: RuleContext): boolean {
  const h = fieldsOf('TypedObjectReference')?.get('namespace')?.history;
  if (!h) return true;
  const v = ctx.settings.version;
  return atLeast(v, h.since) && (!h.gate || (h.on !== undefined && atLeast(v, h.on)));
}

export const dataSourceInvalid: Rule = {
  meta: {
    id: 'data-source-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A claim template dataSource or dataSourceRef is incomplete or inconsistent.',
    docs: 'dataSource and dataSourceRef pre-fill a new volume from another object. Each needs a kind and a name, and an apiGroup, when given, is a DNS subdomain; without an apiGroup the kind can only be PersistentVolumeClaim (a VolumeSnapshot needs `apiGroup: snapshot.storage.k8s.io`). When both are given they must point at the same object, unless dataSourceRef names another namespace, in which case dataSource must be left out and the namespace must be a DNS label (the namespace only counts where the CrossNamespaceVolumeDataSource feature is on; it is off by default, and the API server then drops it). Since 1.34 the API server rejects violations; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: data-snapshot',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        const note = claimSpecNote(ctx, t);
        const dsPair = pairOf(t.spec, 'dataSource');
        const refPair = pairOf(t.spec, 'dataSourceRef');
        const dsMap = asMap(dsPair?.value);
        const refMap = asMap(refPair?.value);
        const ds = dsPair && dsMap ? checkRef(ctx, dsPair, dsMap, `${t.path}.dataSource`, note) : undefined;
        const ref = refPair && refMap ? checkRef(ctx, refPair, refMap, `${t.path}.dataSourceRef`, note) : undefined;
        // While CrossNamespaceVolumeDataSource is off the server drops the namespace before it validates.
        const nsNode = namespaceHonoured(ctx) ? pairOf(refMap, 'namespace')?.value : undefined;
        const ns = strValue(nsNode);
        if (nsNode && ns) {
          const problem = dns1123LabelProblem(ns);
          if (problem) ctx.report({ span: nsNode.span, message: `dataSourceRef namespace ${q(ns)} is not a DNS label: ${problem}.${note}`, path: `${t.path}.dataSourceRef.namespace` });
          if (dsPair && ds) ctx.report({ span: dsPair.keySpan, message: `dataSource must be left out when dataSourceRef names a namespace.${note}`, path: `${t.path}.dataSource`, fix: { kind: 'remove-pair' } });
        } else if (dsPair && ds && ref && (ds.apiGroup !== ref.apiGroup || ds.kind !== ref.kind || ds.name !== ref.name)) {
          ctx.report({ span: dsPair.keySpan, message: `dataSource and dataSourceRef point at different objects; when both are set they must match (or keep only dataSourceRef).${note}`, path: `${t.path}.dataSource` });
        }
      }
    });
  },
};
