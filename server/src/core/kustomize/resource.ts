/**
 * A resource during a build: its tree and the ids it had, which kustomize matches patches and
 * name references against (a base's object is still found by the name it had before an overlay's
 * namePrefix).
 */
import { entryOf, get, str, type KMap, type Origin } from './tree';

export interface ResId {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export interface Res {
  root: KMap;
  /** The id when loaded, then each id it had before a rename or a namespace change. */
  readonly ids: ResId[];
  /** The file the object was read from. */
  readonly file: string;
  /** Its metadata.name as first read: where hovers and messages say the object is. */
  readonly source: Origin;
  /** A generated object whose name gets kustomize's content hash at the end of the build. */
  readonly hashed?: boolean;
}

/** Kinds that have no namespace (kustomize's list of the built-in cluster-scoped kinds). */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass',
  'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume', 'PodSecurityPolicy',
  'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'SelfSubjectAccessReview',
  'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function idOf(root: KMap): ResId {
  const apiVersion = str(get(root, 'apiVersion')) ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash >= 0 ? apiVersion.slice(0, slash) : '',
    version: slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion,
    kind: str(get(root, 'kind')) ?? '',
    name: str(get(root, 'metadata', 'name')) ?? '',
    namespace: str(get(root, 'metadata', 'namespace')) ?? '',
  };
}

/** kustomize's "effective namespace": no namespace is the default one, for namespaced kinds. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id.kind)) return '';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function idKey(id: ResId): string {
  return `${id.group}/${id.kind}/${effectiveNamespace(id)}/${id.name}`;
}

export function curId(r: Res): ResId {
  return idOf(r.root);
}

/** Every id the resource has had, the current one first. */
export function allIds(r: Res): ResId[] {
  return [curId(r), ...r.ids];
}

/** Remembers the current id before a transformer changes the name or the namespace. */
export function rememberId(r: Res): void {
  const id = curId(r);
  if (!r.ids.some((x) => idKey(x) === idKey(id))) r.ids.push(id);
}

export function nameOrigin(r: Res): Origin {
  return entryOf(get(r.root, 'metadata'), 'name')?.value.origin ?? r.root.origin;
}
