/**
 * kustomize's built-in transformers for the fields a kustomization sets (namespace, namePrefix,
 * nameSuffix, labels, commonLabels, commonAnnotations, replicas, images) and the name references
 * it updates after renames. Field lists follow kustomize 5's built-in configuration; the
 * behaviour was measured with `kubectl kustomize` (test/conformance/kustomizeBuild.test.ts).
 * Every value a transformer writes carries the origin of the kustomization field that asked for it.
 */
import { allIds, curId, effectiveNamespace, isClusterScoped, rememberId, type Res, type ResId } from './resource';
import { entryOf, get, kScalar, mapAt, setEntry, str, type KMap, type KNode, type Origin } from './tree';

export interface FieldSpec {
  readonly path: string;
  readonly kind?: string;
  readonly group?: string;
  readonly version?: string;
  readonly create?: boolean;
}

const WORKLOADS_V1: readonly FieldSpec[] = [
  { kind: 'ReplicationController', version: 'v1', path: '' },
  { kind: 'Deployment', path: '' },
  { kind: 'ReplicaSet', path: '' },
  { kind: 'DaemonSet', path: '' },
  { kind: 'StatefulSet', group: 'apps', path: '' },
  { kind: 'Job', group: 'batch', path: '' },
];

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Where commonLabels (and labels with includeSelectors) go. */
export const SELECTOR_LABEL_FIELDS: readonly FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  ...['Deployment', 'ReplicaSet', 'DaemonSet'].flatMap((kind) => [
    { path: 'spec/selector/matchLabels', create: true, kind },
    { path: 'spec/template/metadata/labels', create: true, kind },
  ]),
  ...AFFINITY_SELECTORS.map((path) => ({ path, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY_SELECTORS.map((path) => ({ path, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/volumeClaimTemplates/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/selector/matchLabels', group: 'batch', kind: 'Job' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** Where labels with includeSelectors false and includeTemplates true go, besides metadata. */
export const TEMPLATE_LABEL_FIELDS: readonly FieldSpec[] = [
  ...WORKLOADS_V1.map((w) => ({ ...w, path: 'spec/template/metadata/labels', create: true })),
  { path: 'spec/volumeClaimTemplates/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

export const ANNOTATION_FIELDS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...WORKLOADS_V1.map((w) => ({ ...w, path: 'spec/template/metadata/annotations', create: true })),
  { path: 'spec/jobTemplate/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
];

function specApplies(spec: FieldSpec, id: ResId): boolean {
  return (!spec.kind || spec.kind === id.kind) && (spec.group === undefined || spec.group === id.group) && (!spec.version || spec.version === id.version);
}

/** Calls `fn` on every map at `path` (lists on the way are walked element by element). */
function eachMapAt(node: KNode, steps: readonly string[], create: boolean, origin: Origin, fn: (m: KMap) => void): void {
  if (node.kind === 'seq') {
    for (const item of node.items) eachMapAt(item, steps, create, origin, fn);
    return;
  }
  if (node.kind !== 'map') return;
  if (steps.length === 0) {
    fn(node);
    return;
  }
  const [head, ...rest] = steps as [string, ...string[]];
  const e = entryOf(node, head);
  if (e && !(e.value.kind === 'scalar' && e.value.value === null)) eachMapAt(e.value, rest, create, origin, fn);
  else if (create) eachMapAt(mapAt(node, head, origin), rest, create, origin, fn);
}

function setPairs(res: Res, specs: readonly FieldSpec[], pairs: Readonly<Record<string, string>>, origin: Origin): void {
  const id = curId(res);
  for (const spec of specs) {
    if (!specApplies(spec, id)) continue;
    const steps = spec.path.replace(/\[\]/g, '').split('/').filter((s) => s !== '');
    eachMapAt(res.root, steps, spec.create ?? false, origin, (m) => {
      for (const [k, v] of Object.entries(pairs)) setEntry(m, k, kScalar(v, origin), origin);
    });
  }
}

export function addLabels(resources: readonly Res[], pairs: Readonly<Record<string, string>>, specs: readonly FieldSpec[], origin: Origin): void {
  for (const r of resources) setPairs(r, specs, pairs, origin);
}

export function setNamespace(resources: readonly Res[], namespace: string, origin: Origin): void {
  for (const r of resources) {
    const id = curId(r);
    if (isClusterScoped(id.kind)) continue;
    if (id.namespace !== namespace) {
      rememberId(r);
      setEntry(mapAt(r.root, 'metadata', origin), 'namespace', kScalar(namespace, origin), origin);
    }
    if (id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') subjectsToNamespace(r, namespace, origin);
  }
  // Services that cluster-scoped objects call move along (kustomize's namespace field list).
  for (const r of resources) {
    const kind = curId(r).kind;
    const service = kind === 'APIService' ? get(r.root, 'spec', 'service') : kind === 'CustomResourceDefinition' ? get(r.root, 'spec', 'conversion', 'webhook', 'clientConfig', 'service') : undefined;
    if (service?.kind === 'map' && entryOf(service, 'namespace')) setEntry(service, 'namespace', kScalar(namespace, origin), origin);
  }
  for (const r of resources) if (curId(r).kind === 'ClusterRoleBinding') subjectsToNamespace(r, namespace, origin);
}

/** kustomize moves the subjects named `default` (the namespace's default ServiceAccount) along. */
function subjectsToNamespace(r: Res, namespace: string, origin: Origin): void {
  const subjects = get(r.root, 'subjects');
  if (subjects?.kind !== 'seq') return;
  for (const s of subjects.items) {
    if (s.kind === 'map' && str(get(s, 'name')) === 'default' && str(get(s, 'kind')) === 'ServiceAccount') setEntry(s, 'namespace', kScalar(namespace, origin), origin);
  }
}

const NOT_RENAMED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export function addNameAffixes(resources: readonly Res[], prefix: string, suffix: string, origin: Origin): void {
  for (const r of resources) {
    const id = curId(r);
    if (NOT_RENAMED.has(id.kind) || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io')) continue;
    rememberId(r);
    setEntry(mapAt(r.root, 'metadata', origin), 'name', kScalar(prefix + id.name + suffix, origin), origin);
  }
}

const REPLICA_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

export function setReplicas(resources: readonly Res[], name: string, count: number, origin: Origin): void {
  for (const r of resources) {
    if (!REPLICA_KINDS.has(curId(r).kind) || !allIds(r).some((id) => id.name === name)) continue;
    setEntry(mapAt(r.root, 'spec', origin), 'replicas', kScalar(count, origin), origin);
  }
}

export interface ImageChange {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

function splitImage(image: string): { name: string; rest: string } {
  const at = image.indexOf('@');
  const beforeDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = beforeDigest.lastIndexOf(':');
  const end = colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
  return { name: image.slice(0, end), rest: image.slice(end) };
}

/** Like kustomize's image transformer, every `containers` and `initContainers` list at any depth. */
export function setImages(resources: readonly Res[], change: ImageChange, origin: Origin): void {
  const visit = (n: KNode): void => {
    if (n.kind === 'seq') n.items.forEach(visit);
    if (n.kind !== 'map') return;
    for (const e of n.entries) {
      if ((e.key === 'containers' || e.key === 'initContainers') && e.value.kind === 'seq') {
        for (const c of e.value.items) if (c.kind === 'map') retag(c, change, origin);
      }
      visit(e.value);
    }
  };
  for (const r of resources) visit(r.root);
}

function retag(container: KMap, change: ImageChange, origin: Origin): void {
  const image = str(get(container, 'image'));
  if (image === undefined) return;
  const { name, rest } = splitImage(image);
  if (name !== change.name) return;
  const tail = change.digest ? `@${change.digest}` : change.newTag ? `:${change.newTag}` : rest;
  setEntry(container, 'image', kScalar((change.newName ?? name) + tail, origin), origin);
}

/** A field that names another object: the kind it names and where the name is, from an object's root. */
interface Reference {
  readonly referral: string;
  /** Referrer kinds (with the path to the pod spec where it is a pod template). */
  readonly paths: readonly (readonly string[])[];
  readonly onlyIn?: ReadonlySet<string>;
}

const POD_SPECS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

const POD_REFERENCES: readonly Reference[] = [
  { referral: 'ConfigMap', paths: [['volumes', 'configMap', 'name'], ['volumes', 'projected', 'sources', 'configMap', 'name'],
    ...CONTAINER_LISTS.flatMap((c) => [[c, 'env', 'valueFrom', 'configMapKeyRef', 'name'], [c, 'envFrom', 'configMapRef', 'name']])] },
  { referral: 'Secret', paths: [['volumes', 'secret', 'secretName'], ['volumes', 'projected', 'sources', 'secret', 'name'], ['imagePullSecrets', 'name'],
    ...CONTAINER_LISTS.flatMap((c) => [[c, 'env', 'valueFrom', 'secretKeyRef', 'name'], [c, 'envFrom', 'secretRef', 'name']])] },
  { referral: 'ServiceAccount', paths: [['serviceAccountName'], ['serviceAccount']] },
  { referral: 'PersistentVolumeClaim', paths: [['volumes', 'persistentVolumeClaim', 'claimName']] },
  { referral: 'PriorityClass', paths: [['priorityClassName']] },
];

/** References outside pod templates that kustomize follows (its name reference configuration, the parts seen in practice). */
const OBJECT_REFERENCES: readonly { readonly referral: string; readonly referrers: readonly string[]; readonly path: readonly string[]; readonly followNamespace?: boolean }[] = [
  { referral: 'Service', referrers: ['StatefulSet'], path: ['spec', 'serviceName'] },
  { referral: 'Service', referrers: ['Ingress'], path: ['spec', 'rules', 'http', 'paths', 'backend', 'service', 'name'] },
  { referral: 'Service', referrers: ['Ingress'], path: ['spec', 'defaultBackend', 'service', 'name'] },
  { referral: 'Service', referrers: ['Ingress'], path: ['spec', 'rules', 'http', 'paths', 'backend', 'serviceName'] },
  { referral: 'Service', referrers: ['APIService'], path: ['spec', 'service', 'name'], followNamespace: true },
  { referral: 'Service', referrers: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'], path: ['webhooks', 'clientConfig', 'service', 'name'], followNamespace: true },
  { referral: 'Secret', referrers: ['Ingress'], path: ['spec', 'tls', 'secretName'] },
  { referral: 'Secret', referrers: ['ServiceAccount'], path: ['secrets', 'name'] },
  { referral: 'Secret', referrers: ['ServiceAccount'], path: ['imagePullSecrets', 'name'] },
  { referral: 'StorageClass', referrers: ['PersistentVolumeClaim', 'PersistentVolume'], path: ['spec', 'storageClassName'] },
  { referral: 'StorageClass', referrers: ['StatefulSet'], path: ['spec', 'volumeClaimTemplates', 'spec', 'storageClassName'] },
  { referral: 'PersistentVolume', referrers: ['PersistentVolumeClaim'], path: ['spec', 'volumeName'] },
];

/** Calls `fn` with every scalar holder (map, key) at `path`, walking lists on the way. */
function eachNameAt(node: KNode | undefined, path: readonly string[], fn: (holder: KMap, key: string) => void): void {
  if (!node) return;
  if (node.kind === 'seq') {
    for (const i of node.items) eachNameAt(i, path, fn);
    return;
  }
  if (node.kind !== 'map' || path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    if (str(get(node, head)) !== undefined) fn(node, head);
    return;
  }
  eachNameAt(get(node, head), rest, fn);
}

function findReferral(resources: readonly Res[], kind: string, name: string, namespace: string | undefined): Res | undefined {
  const found = resources.filter((r) => {
    const ids = allIds(r);
    if (ids[0]!.kind !== kind || !r.ids.some((id) => id.name === name)) return false;
    return namespace === undefined || isClusterScoped(kind) || r.ids.some((id) => effectiveNamespace(id) === namespace) || effectiveNamespace(curId(r)) === namespace;
  });
  if (found.length === 0) return undefined;
  const names = new Set(found.map((r) => curId(r).name));
  return names.size === 1 ? found[0] : undefined;
}

function rename(holder: KMap, key: string, target: Res): void {
  const e = entryOf(holder, key)!;
  const to = curId(target).name;
  if (str(e.value) === to) return;
  const origin = entryOf(get(target.root, 'metadata'), 'name')?.value.origin ?? e.value.origin;
  e.value = kScalar(to, origin);
}

/**
 * After the build, references to renamed objects follow them (kustomize's name reference
 * transformer): pod volumes, env and envFrom, service accounts, claims, a StatefulSet's
 * serviceName, RoleBinding roles and subjects.
 */
export function fixNameReferences(resources: readonly Res[]): void {
  const renamed = resources.filter((r) => r.ids.some((id) => id.name !== curId(r).name || id.namespace !== curId(r).namespace));
  if (renamed.length === 0) return;
  for (const r of resources) {
    const id = curId(r);
    const ns = isClusterScoped(id.kind) ? undefined : effectiveNamespace(id);
    const podSpec = POD_SPECS[id.kind];
    const at = (kind: string, node: KNode | undefined, path: readonly string[], followNamespace = false): void =>
      eachNameAt(node, path, (holder, key) => {
        // A reference that names its namespace (a webhook's service) is looked up there; some follow the object's namespace.
        const ownNs = str(get(holder, 'namespace'));
        const target = findReferral(renamed, kind, str(get(holder, key))!, ownNs ?? ns);
        if (!target) return;
        rename(holder, key, target);
        const targetNs = curId(target).namespace;
        if (followNamespace && targetNs !== '') {
          const origin = entryOf(get(target.root, 'metadata'), 'namespace')?.value.origin ?? holder.origin;
          setEntry(holder, 'namespace', kScalar(targetNs, origin), entryOf(holder, 'namespace')?.keyOrigin ?? origin);
        }
      });
    if (podSpec) for (const ref of POD_REFERENCES) for (const p of ref.paths) at(ref.referral, get(r.root, ...podSpec), p);
    for (const ref of OBJECT_REFERENCES) if (ref.referrers.includes(id.kind)) at(ref.referral, r.root, ref.path, ref.followNamespace);
    if (id.kind === 'HorizontalPodAutoscaler') {
      const kind = str(get(r.root, 'spec', 'scaleTargetRef', 'kind'));
      if (kind) at(kind, r.root, ['spec', 'scaleTargetRef', 'name']);
    }
    if (id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') bindingReferences(r, renamed, ns);
  }
}

function bindingReferences(r: Res, renamed: readonly Res[], ns: string | undefined): void {
  const roleRef = get(r.root, 'roleRef');
  const roleKind = str(get(roleRef, 'kind'));
  const roleName = str(get(roleRef, 'name'));
  if (roleRef?.kind === 'map' && roleKind && roleName !== undefined) {
    const target = findReferral(renamed, roleKind, roleName, roleKind === 'Role' ? ns : undefined);
    if (target) rename(roleRef, 'name', target);
  }
  const subjects = get(r.root, 'subjects');
  if (subjects?.kind !== 'seq') return;
  for (const s of subjects.items) {
    if (s.kind !== 'map' || str(get(s, 'kind')) !== 'ServiceAccount') continue;
    const name = str(get(s, 'name'));
    if (name === undefined) continue;
    const subjectNs = str(get(s, 'namespace'));
    const target = findReferral(renamed, 'ServiceAccount', name, subjectNs === undefined || subjectNs === '' ? undefined : subjectNs);
    if (!target) continue;
    rename(s, 'name', target);
    const targetNs = curId(target).namespace;
    if (targetNs !== '') {
      const origin = entryOf(get(target.root, 'metadata'), 'namespace')?.value.origin ?? s.origin;
      setEntry(s, 'namespace', kScalar(targetNs, origin), origin);
    }
  }
}

