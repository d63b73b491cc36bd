import { didYouMean } from '../names';
import { pairOf, strValue } from '../yamlTree';
import { objectsOf, removalOf } from './apiVersionRemoved';
import type { Rule } from './types';
import { isAbsent, q } from './util';

/**
 * The kinds the groups Kubernetes itself serves hold in their current versions. A kind not listed
 * under its apiVersion gets "no matches for kind" from kubectl; other groups (custom resources)
 * are not ours to judge.
 */
const SERVED: Readonly<Record<string, readonly string[]>> = {
  v1: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
  'networking.k8s.io/v1': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'events.k8s.io/v1': ['Event'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'resource.k8s.io/v1': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
};

/** Where each kind is served (its current group/version). */
const HOME = new Map<string, string>();
for (const [gv, kinds] of Object.entries(SERVED)) for (const k of kinds) if (!HOME.has(k)) HOME.set(k, gv);

/** kubectl also takes a list of any served kind (`kind: List`, `kind: PodList`). */
function served(kinds: readonly string[], kind: string): boolean {
  return kind === 'List' || kinds.includes(kind) || (kind.endsWith('List') && kinds.includes(kind.slice(0, -4)));
}

export const kindUnknown: Rule = {
  meta: {
    id: 'kind-unknown',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A kind that the apiVersion\'s group does not serve (Statefulset, StatefulSets, a kind from another group), or a Kubernetes object without its kind or apiVersion.',
    docs: 'kubectl looks the kind up in the API group and version given by apiVersion before it sends anything, and answers "no matches for kind" when that group does not serve it. Kinds are case-sensitive and singular: `StatefulSet` in `apps/v1`, not `Statefulset` or `StatefulSets`, and a `Service` lives in `v1`, not in `apps/v1`. An object needs both fields: without a kind or an apiVersion kubectl cannot place it at all. Only the groups Kubernetes itself serves are checked; the kinds of custom resource groups are left alone.',
    example: 'apiVersion: apps/v1\nkind: StatefulSet',
  },
  check(ctx) {
    for (const { map, prefix } of objectsOf(ctx.doc.root)) {
      const kindPair = pairOf(map, 'kind');
      const kind = strValue(kindPair?.value);
      const versionPair = pairOf(map, 'apiVersion');
      const apiVersion = strValue(versionPair?.value);
      // kubectl cannot place an object without both; say so when the other one is Kubernetes' own.
      const first = map.pairs[0]?.keySpan ?? map.span;
      if (isAbsent(kindPair?.value) && apiVersion !== undefined && SERVED[apiVersion]) {
        ctx.report({ span: kindPair?.keySpan ?? first, message: `The object has no kind; ${apiVersion} serves ${SERVED[apiVersion].join(', ')}. kubectl answers "Object 'Kind' is missing".`, path: `${prefix}kind` });
        continue;
      }
      if (isAbsent(versionPair?.value) && kind && HOME.has(kind)) {
        ctx.report({ span: versionPair?.keySpan ?? first, message: `The object has no apiVersion; ${kind} is served as ${HOME.get(kind)}. kubectl answers "Object 'apiVersion' is missing".`, path: `${prefix}apiVersion`, fix: versionPair ? { kind: 'replace-value', value: HOME.get(kind) } : undefined });
        continue;
      }
      if (!kindPair?.value || !kind || apiVersion === undefined) continue;
      const kinds = SERVED[apiVersion];
      if (!kinds || served(kinds, kind)) continue;
      const home = HOME.get(kind);
      if (home) {
        // A kind of another group: the apiVersion is what is wrong, unless api-version-removed says so already.
        if (versionPair?.value && !removalOf(kind, apiVersion, ctx.settings.version)) {
          ctx.report({ span: versionPair.value.span, message: `${apiVersion} does not serve ${kind}: use apiVersion ${home}.`, path: `${prefix}apiVersion`, fix: { kind: 'replace-value', value: home } });
        }
        continue;
      }
      const near = didYouMean(kind.replace(/s$/, ''), kinds) ?? didYouMean(kind, kinds);
      ctx.report({
        span: kindPair.value.span,
        message: `${apiVersion} has no kind ${q(kind)}${near ? `: did you mean ${q(near)}?` : ` (it serves ${kinds.join(', ')}).`} Kinds are case-sensitive and singular; kubectl answers "no matches for kind".`,
        path: `${prefix}kind`,
        fix: near ? { kind: 'replace-value', value: near } : undefined,
      });
    }
  },
};
