import { atLeast, type KubeVersion } from '../settings';
import { asMap, asSeq, pairOf, strValue, type YMap, type YNode } from '../yamlTree';
import type { Rule } from './types';

interface Removal {
  /** First release that no longer serves it; absent: never served this kind. */
  readonly removedIn?: string;
  readonly use: string;
}

/** API versions of the kinds we handle that API servers stopped serving (Kubernetes' deprecation guide). */
const REMOVED: Record<string, Record<string, Removal>> = {
  StatefulSet: {
    'apps/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
    'apps/v1beta2': { removedIn: '1.16', use: 'apps/v1' },
  },
  Deployment: {
    'apps/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
    'apps/v1beta2': { removedIn: '1.16', use: 'apps/v1' },
    'extensions/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
  },
  PodDisruptionBudget: { 'policy/v1beta1': { removedIn: '1.25', use: 'policy/v1' } },
  StorageClass: { 'storage.k8s.io/v1beta1': { removedIn: '1.22', use: 'storage.k8s.io/v1' } },
};

/**
 * StatefulSet in the groups Kubernetes itself owns: any version but apps/v1 is an error. Other
 * groups (apps.kruise.io and such) are custom resources that merely share the name.
 */
function statefulSetRemoval(apiVersion: string): Removal | undefined {
  const known = REMOVED.StatefulSet[apiVersion];
  if (known) return known;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (apiVersion !== 'apps/v1' && (group === 'apps' || group === 'extensions' || group === '')) return { use: 'apps/v1' };
  return undefined;
}

/** The top-level object and, in a v1 List, its items, with their path prefixes. */
export function objectsOf(root: YNode | null): { map: YMap; prefix: string }[] {
  const top = asMap(root);
  if (!top) return [];
  const out = [{ map: top, prefix: '' }];
  if (strValue(pairOf(top, 'kind')?.value) === 'List' && strValue(pairOf(top, 'apiVersion')?.value) === 'v1') {
    asSeq(pairOf(top, 'items')?.value)?.items.forEach((it, i) => {
      const m = asMap(it);
      if (m) out.push({ map: m, prefix: `items[${i}].` });
    });
  }
  return out;
}

/** Why `kind` is not served as `apiVersion` by the release `version`, when the API server once served it there. */
export function removalOf(kind: string, apiVersion: string, version: KubeVersion): Removal | undefined {
  const removal = kind === 'StatefulSet' ? statefulSetRemoval(apiVersion) : REMOVED[kind]?.[apiVersion];
  if (!removal || (removal.removedIn && !atLeast(version, removal.removedIn))) return undefined;
  return removal;
}

export const apiVersionRemoved: Rule = {
  meta: {
    id: 'api-version-removed',
    defaultSeverity: 'error',
    summary: 'An apiVersion the API server no longer serves for this kind (apps/v1beta1 StatefulSet ...).',
    docs: 'StatefulSets (and Deployments) under apps/v1beta1 and apps/v1beta2 have not been served since Kubernetes 1.16, PodDisruptionBudgets under policy/v1beta1 since 1.25 and StorageClasses under storage.k8s.io/v1beta1 since 1.22; kubectl answers "no matches for kind". Moving a StatefulSet to apps/v1 also makes spec.selector required. Objects of other API groups that only share the kind name (custom resources) are left alone.',
    example: 'apiVersion: apps/v1\nkind: StatefulSet',
    scope: 'document',
  },
  check(ctx) {
    for (const { map, prefix } of objectsOf(ctx.doc.root)) {
      const kind = strValue(pairOf(map, 'kind')?.value);
      const versionPair = pairOf(map, 'apiVersion');
      const apiVersion = strValue(versionPair?.value);
      if (!kind || apiVersion === undefined || !versionPair?.value) continue;
      const removal = removalOf(kind, apiVersion, ctx.settings.version);
      if (!removal) continue;
      let message = removal.removedIn
        ? `${kind} ${apiVersion} is no longer served (removed in Kubernetes ${removal.removedIn}): use ${removal.use}.`
        : `Kubernetes does not serve ${kind} as ${apiVersion}: use ${removal.use}.`;
      if (kind === 'StatefulSet' && !pairOf(pairOf(map, 'spec')?.value, 'selector')) message += ' apps/v1 also requires spec.selector matching the pod template labels.';
      ctx.report({ span: versionPair.value.span, message, path: `${prefix}apiVersion`, fix: { kind: 'replace-value', value: removal.use } });
    }
  },
};
