/**
 * Our own hover text for the fields of a StatefulSet, its claim templates, its update strategy and
 * the parts of its pod template people most often touch. Facts (allowed values, defaults, which
 * Kubernetes releases have a field) follow Kubernetes' API and feature-gate docs; the sentences
 * are ours.
 *
 * Entries are keyed by field path with sequence items folded to `[]`
 * (`spec.volumeClaimTemplates[].spec.accessModes`), so a lookup is one map access. Shared pieces
 * (object metadata, containers, claim specs) are written once and mounted at each place they
 * occur.
 */
import { atLeast, formatVersion, type KubeVersion } from './settings';

export type FieldType =
  | 'object'
  /** A list of objects. */
  | 'list'
  /** A list of strings. */
  | 'strings'
  | 'string'
  | 'integer'
  | 'boolean'
  /** Free-form string keys and values (labels, annotations, selectors). */
  | 'map'
  | 'quantity'
  | 'int-or-string';

export interface ValueDoc {
  readonly value: string;
  readonly doc: string;
  /** First release whose API server accepts the value (all modelled releases when absent). */
  readonly since?: string;
}

/** One stage of a feature gate: alpha features are off unless the cluster turns them on. */
export interface Stage {
  readonly stage: 'alpha' | 'beta' | 'stable';
  readonly from: string;
  /** Whether the gate is on by default at this stage. */
  readonly on: boolean;
}

export interface FieldDoc {
  readonly type: FieldType;
  /** What the field does, in one to three sentences of markdown. */
  readonly doc: string;
  readonly values?: readonly ValueDoc[];
  /** The value the API server fills in, or the behaviour when the field is absent. */
  readonly default?: string;
  /** Feature-gate history; absent when every modelled release (1.19+) has the field. */
  readonly stages?: readonly Stage[];
  /** Only for fields that cannot change after the object is created. */
  readonly immutable?: boolean;
  readonly required?: boolean;
  /**
   * Completion snippet for the field's value, LSP snippet syntax, lines after `key:` indented
   * two spaces per level relative to the key.
   */
  readonly snippet?: string;
}

type Table = Readonly<Record<string, FieldDoc>>;

// ---- Shared pieces --------------------------------------------------------------------------

const LABELS: FieldDoc = { type: 'map', doc: 'Key/value pairs for selecting and grouping objects. Keys are `[prefix/]name` (name up to 63 characters), values up to 63 characters.' };
const ANNOTATIONS: FieldDoc = { type: 'map', doc: 'Key/value pairs for tools and people; not used for selection. Values may be long.' };

const SELECTOR: Table = {
  '': {
    type: 'object',
    doc: 'A label query. Objects match when they carry every `matchLabels` pair and satisfy every `matchExpressions` entry.',
    snippet: '\n  matchLabels:\n    ${1:app}: ${2:name}',
  },
  matchLabels: { type: 'map', doc: 'Labels an object must carry, each with exactly this value.' },
  matchExpressions: { type: 'list', doc: 'Conditions on label values; all of them must hold.' },
  'matchExpressions[].key': { type: 'string', doc: 'The label key the condition tests.', required: true },
  'matchExpressions[].operator': {
    type: 'string',
    doc: 'How the label is tested against `values`.',
    required: true,
    values: [
      { value: 'In', doc: 'The label is present and its value is one of `values`.' },
      { value: 'NotIn', doc: 'The label is absent, or its value is none of `values`.' },
      { value: 'Exists', doc: 'The label is present, whatever its value (`values` must be empty).' },
      { value: 'DoesNotExist', doc: 'The label is absent (`values` must be empty).' },
    ],
  },
  'matchExpressions[].values': { type: 'strings', doc: 'The values for `In` and `NotIn`; must be empty for `Exists` and `DoesNotExist`.' },
};

const CLAIM_SPEC: Table = {
  '': { type: 'object', doc: 'What each claim asks for: size, access modes, storage class.' },
  accessModes: {
    type: 'strings',
    doc: 'How the volume may be attached. A volume that supports several modes is still mounted in one mode at a time.',
    required: true,
    values: [
      { value: 'ReadWriteOnce', doc: 'Read-write by the pods of **one node** at a time. Each StatefulSet pod has its own claim, so this is the usual choice; two pods of the set never share a volume anyway.' },
      { value: 'ReadOnlyMany', doc: 'Read-only by pods on many nodes. Each pod of the set still gets its own claim, so a fresh volume is empty and read-only: useful only with pre-populated data (a `dataSource` or a static volume).' },
      { value: 'ReadWriteMany', doc: 'Read-write by pods on many nodes (needs a shared file system such as NFS or CephFS). Each StatefulSet pod still gets its **own** claim; to share one volume across pods, mount a single existing PVC through `volumes` instead.' },
      { value: 'ReadWriteOncePod', doc: 'Read-write by **one pod** in the whole cluster (CSI volumes only; on by default since 1.27, stable since 1.29). A good fit for a StatefulSet: no second pod can ever mount a pod\'s volume, even during a rollout.', since: '1.27' },
    ],
  },
  resources: { type: 'object', doc: 'The size of the volume to provision.', required: true },
  'resources.requests': { type: 'map', doc: 'The minimum the volume must offer; `storage` is the size.' },
  'resources.requests.storage': { type: 'quantity', doc: 'The size of each pod\'s volume, e.g. `10Gi` (binary units: Ki, Mi, Gi, Ti) or `10G` (decimal).', required: true },
  'resources.limits': { type: 'map', doc: 'The most the volume may offer; `storage` is the upper size.' },
  'resources.limits.storage': { type: 'quantity', doc: 'Upper bound on the volume size; must not be below the request.' },
  storageClassName: {
    type: 'string',
    doc: 'The StorageClass that provisions the volumes. Empty string (`""`) means no class: the claims bind only to existing volumes without a class.',
    default: 'the cluster\'s default StorageClass (the one annotated `storageclass.kubernetes.io/is-default-class: "true"`)',
  },
  volumeMode: {
    type: 'string',
    doc: 'Whether the volume is mounted as a file system or handed to the container as a raw block device.',
    default: 'Filesystem',
    values: [
      { value: 'Filesystem', doc: 'A formatted file system, mounted into containers with `volumeMounts`.' },
      { value: 'Block', doc: 'A raw block device, attached to containers with `volumeDevices` (not `volumeMounts`).' },
    ],
  },
  selector: { type: 'object', doc: 'Binds only to existing PersistentVolumes with these labels; rarely used with dynamic provisioning.' },
  'selector.matchLabels': SELECTOR.matchLabels,
  'selector.matchExpressions': SELECTOR.matchExpressions,
  volumeName: { type: 'string', doc: 'Binds to this one PersistentVolume. In a claim template every pod\'s claim would ask for the same volume, so only one pod can get it.' },
  dataSource: { type: 'object', doc: 'Fills each new volume from a VolumeSnapshot or an existing PVC (same namespace).' },
  'dataSource.apiGroup': { type: 'string', doc: 'API group of the source: `snapshot.storage.k8s.io` for a VolumeSnapshot, empty for a PVC.' },
  'dataSource.kind': { type: 'string', doc: 'Kind of the source.', values: [{ value: 'VolumeSnapshot', doc: 'Restore from a snapshot.' }, { value: 'PersistentVolumeClaim', doc: 'Clone an existing claim.' }] },
  'dataSource.name': { type: 'string', doc: 'Name of the source object.' },
  dataSourceRef: {
    type: 'object',
    doc: 'Like `dataSource`, but may name any populator object, and (with the cross-namespace gate) one in another namespace.',
    stages: [{ stage: 'alpha', from: '1.22', on: false }, { stage: 'beta', from: '1.24', on: true }, { stage: 'stable', from: '1.33', on: true }],
  },
  'dataSourceRef.apiGroup': { type: 'string', doc: 'API group of the source object.' },
  'dataSourceRef.kind': { type: 'string', doc: 'Kind of the source object.' },
  'dataSourceRef.name': { type: 'string', doc: 'Name of the source object.' },
  'dataSourceRef.namespace': { type: 'string', doc: 'Namespace of the source, when it is elsewhere (needs the CrossNamespaceVolumeDataSource gate and a ReferenceGrant).' },
  volumeAttributesClassName: {
    type: 'string',
    doc: 'A VolumeAttributesClass giving mutable volume settings (IOPS, throughput) on CSI drivers that support it.',
    stages: [{ stage: 'alpha', from: '1.29', on: false }, { stage: 'beta', from: '1.31', on: false }, { stage: 'stable', from: '1.34', on: true }],
  },
};

const VOLUME_MOUNT: Table = {
  name: { type: 'string', doc: 'The volume to mount: a claim template\'s `metadata.name` or a pod volume\'s `name`.', required: true },
  mountPath: { type: 'string', doc: 'Absolute path in the container where the volume appears; must not contain `:`.', required: true },
  readOnly: { type: 'boolean', doc: 'Mount read-only.', default: 'false' },
  subPath: { type: 'string', doc: 'Mount only this sub-directory of the volume.' },
  subPathExpr: { type: 'string', doc: 'Like `subPath`, expanded with `$(VAR)` references to the container\'s environment (e.g. the pod name).' },
  mountPropagation: {
    type: 'string',
    doc: 'Whether mounts made under this path propagate between host and container.',
    default: 'None',
    values: [
      { value: 'None', doc: 'No propagation either way.' },
      { value: 'HostToContainer', doc: 'Mounts made on the host later appear in the container.' },
      { value: 'Bidirectional', doc: 'Propagation both ways; needs a privileged container.' },
    ],
  },
  recursiveReadOnly: {
    type: 'string',
    doc: 'Whether `readOnly` also applies to mounts beneath the path.',
    values: [
      { value: 'Disabled', doc: 'Only the top mount is read-only.' },
      { value: 'IfPossible', doc: 'Recursive when the runtime supports it.' },
      { value: 'Enabled', doc: 'Recursive, or the pod fails to start.' },
    ],
    stages: [{ stage: 'alpha', from: '1.30', on: false }, { stage: 'beta', from: '1.31', on: true }, { stage: 'stable', from: '1.33', on: true }],
  },
};

const PROBE: FieldDoc = { type: 'object', doc: 'A periodic check (exec, httpGet, tcpSocket or grpc) with its timing.' };

const CONTAINER: Table = {
  name: { type: 'string', doc: 'The container\'s name, a DNS label unique in the pod.', required: true },
  image: { type: 'string', doc: 'The image to run, e.g. `registry.example.com/app:1.4.2`. Pin a tag or digest: changing it in the template starts a rollout.' },
  imagePullPolicy: {
    type: 'string',
    doc: 'When the kubelet pulls the image.',
    default: '`Always` for the `:latest` tag or no tag, `IfNotPresent` otherwise',
    values: [
      { value: 'Always', doc: 'Check the registry at every container start.' },
      { value: 'IfNotPresent', doc: 'Pull only when the node does not have the image.' },
      { value: 'Never', doc: 'Never pull; the image must already be on the node.' },
    ],
  },
  command: { type: 'strings', doc: 'Replaces the image\'s entrypoint.' },
  args: { type: 'strings', doc: 'Replaces the image\'s default arguments.' },
  workingDir: { type: 'string', doc: 'The working directory; the image\'s when absent.' },
  env: { type: 'list', doc: 'Environment variables. `valueFrom.fieldRef` with `metadata.name` gives each pod its own name (`web-0`).' },
  'env[].name': { type: 'string', doc: 'The variable\'s name.', required: true },
  'env[].value': { type: 'string', doc: 'The value; `$(OTHER)` expands earlier variables.' },
  'env[].valueFrom': { type: 'object', doc: 'Takes the value from a field of the pod, a resource, a ConfigMap or a Secret.' },
  envFrom: { type: 'list', doc: 'Imports every key of a ConfigMap or Secret as variables.' },
  ports: { type: 'list', doc: 'Ports the container listens on (informational, but named ports can be targeted by Services).' },
  'ports[].name': { type: 'string', doc: 'A name Services can target; up to 15 characters.' },
  'ports[].containerPort': { type: 'integer', doc: 'The port number in the container (1-65535).', required: true },
  'ports[].protocol': {
    type: 'string',
    doc: 'The port\'s protocol.',
    default: 'TCP',
    values: [{ value: 'TCP', doc: 'TCP.' }, { value: 'UDP', doc: 'UDP.' }, { value: 'SCTP', doc: 'SCTP.' }],
  },
  'ports[].hostPort': { type: 'integer', doc: 'Also expose the port on the node; at most one pod per node can use it.' },
  volumeMounts: { type: 'list', doc: 'Volumes mounted into the container: the set\'s claim templates (one claim per pod) and the pod\'s own volumes.' },
  volumeDevices: { type: 'list', doc: 'Raw block volumes (`volumeMode: Block`) handed to the container as devices.' },
  'volumeDevices[].name': { type: 'string', doc: 'The block volume: a claim template with `volumeMode: Block`, or a pod volume.', required: true },
  'volumeDevices[].devicePath': { type: 'string', doc: 'Path of the device inside the container, e.g. `/dev/xvda`.', required: true },
  resources: { type: 'object', doc: 'CPU and memory the container requests (for scheduling) and may use at most.' },
  'resources.requests': { type: 'map', doc: 'Reserved for the container when the pod is scheduled, e.g. `cpu: 250m`, `memory: 512Mi`.' },
  'resources.limits': { type: 'map', doc: 'The most the container may use; memory beyond the limit gets it killed.' },
  readinessProbe: PROBE,
  livenessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: { type: 'object', doc: 'Hooks run right after start (`postStart`) and before stop (`preStop`).' },
  securityContext: { type: 'object', doc: 'Container-level security settings (user, capabilities, privilege).' },
  stdin: { type: 'boolean', doc: 'Keep a stdin buffer open.', default: 'false' },
  tty: { type: 'boolean', doc: 'Allocate a terminal.', default: 'false' },
  terminationMessagePath: { type: 'string', doc: 'File whose contents become the termination message.', default: '/dev/termination-log' },
};

const INIT_CONTAINER: Table = {
  ...CONTAINER,
  restartPolicy: {
    type: 'string',
    doc: '`Always` turns the init container into a sidecar that keeps running next to the main containers.',
    values: [{ value: 'Always', doc: 'Start it before the main containers and keep it running (a sidecar).' }],
    stages: [{ stage: 'alpha', from: '1.28', on: false }, { stage: 'beta', from: '1.29', on: true }, { stage: 'stable', from: '1.33', on: true }],
  },
};

const POD_SPEC: Table = {
  '': { type: 'object', doc: 'The pod spec every replica runs.' },
  containers: { type: 'list', doc: 'The containers of each pod. At least one.', required: true },
  initContainers: { type: 'list', doc: 'Containers run to completion, one after another, before the main containers start.' },
  volumes: { type: 'list', doc: 'Volumes every pod shares the definition of (ConfigMaps, Secrets, emptyDir, one existing PVC). Per-pod storage belongs in `volumeClaimTemplates` instead.' },
  'volumes[].name': { type: 'string', doc: 'The volume\'s name, which `volumeMounts[].name` refers to. Must not equal a claim template\'s name.', required: true },
  'volumes[].persistentVolumeClaim': { type: 'object', doc: 'Mounts one existing PVC, the **same** one in every pod.' },
  'volumes[].persistentVolumeClaim.claimName': { type: 'string', doc: 'The existing PVC\'s name.', required: true },
  'volumes[].persistentVolumeClaim.readOnly': { type: 'boolean', doc: 'Mount it read-only.', default: 'false' },
  'volumes[].configMap': { type: 'object', doc: 'Files from a ConfigMap.' },
  'volumes[].secret': { type: 'object', doc: 'Files from a Secret.' },
  'volumes[].emptyDir': { type: 'object', doc: 'A scratch directory that lives and dies with the pod.' },
  'volumes[].hostPath': { type: 'object', doc: 'A directory of the node; data stays on that node only.' },
  'volumes[].projected': { type: 'object', doc: 'Several sources (ConfigMaps, Secrets, downward API, tokens) in one directory.' },
  'volumes[].downwardAPI': { type: 'object', doc: 'Files holding the pod\'s own fields and labels.' },
  restartPolicy: {
    type: 'string',
    doc: 'What the kubelet does when a container exits. StatefulSet pods must restart: only `Always` is accepted.',
    default: 'Always',
    values: [{ value: 'Always', doc: 'Restart containers whenever they exit. The only value a StatefulSet accepts.' }],
  },
  terminationGracePeriodSeconds: { type: 'integer', doc: 'Seconds a pod gets to shut down after SIGTERM before it is killed. The controller waits for each pod to end before it moves on under `OrderedReady`.', default: '30' },
  serviceAccountName: { type: 'string', doc: 'The ServiceAccount the pods run as.', default: 'default' },
  automountServiceAccountToken: { type: 'boolean', doc: 'Whether an API token is mounted into the pods.' },
  securityContext: { type: 'object', doc: 'Pod-level security settings; `fsGroup` makes mounted volumes writable by a group.' },
  nodeSelector: { type: 'map', doc: 'Node labels a node must have to run the pods.' },
  affinity: { type: 'object', doc: 'Rules for where pods go; pod anti-affinity on the set\'s own labels spreads replicas over nodes or zones.' },
  tolerations: { type: 'list', doc: 'Taints the pods accept.' },
  topologySpreadConstraints: { type: 'list', doc: 'How evenly the pods spread over zones or nodes.' },
  priorityClassName: { type: 'string', doc: 'The PriorityClass of the pods.' },
  imagePullSecrets: { type: 'list', doc: 'Secrets with registry credentials.' },
  'imagePullSecrets[].name': { type: 'string', doc: 'Name of a docker-registry Secret in the namespace.' },
  dnsPolicy: {
    type: 'string',
    doc: 'How the pods resolve names.',
    default: 'ClusterFirst',
    values: [
      { value: 'ClusterFirst', doc: 'Cluster DNS first, the node\'s upstream for other names.' },
      { value: 'ClusterFirstWithHostNet', doc: 'Cluster DNS for pods on the host network.' },
      { value: 'Default', doc: 'The node\'s resolver only.' },
      { value: 'None', doc: 'Only what `dnsConfig` says.' },
    ],
  },
  hostname: { type: 'string', doc: 'Ignored for StatefulSet pods: the controller sets each pod\'s hostname to its name (`web-0`).' },
  subdomain: { type: 'string', doc: 'Ignored for StatefulSet pods: the controller sets it to `spec.serviceName`.' },
  hostNetwork: { type: 'boolean', doc: 'Run on the node\'s network; pods then share its ports.', default: 'false' },
  enableServiceLinks: { type: 'boolean', doc: 'Inject variables for every Service in the namespace.', default: 'true' },
};

const CLAIM_METADATA: Table = {
  '': { type: 'object', doc: 'The claim template\'s name and labels.' },
  name: {
    type: 'string',
    doc: 'The claim template\'s name. Each pod gets a PVC named `<this>-<statefulset>-<ordinal>`; containers mount it with `volumeMounts[].name` set to this name.',
    required: true,
  },
  labels: { type: 'map', doc: 'Labels copied onto every PVC made from this template.' },
  annotations: { type: 'map', doc: 'Annotations copied onto every PVC made from this template.' },
};

const CLAIM_TEMPLATE: Table = {
  '': { type: 'object', doc: 'A template for one PersistentVolumeClaim per pod.' },
  apiVersion: { type: 'string', doc: 'Optional; `v1` when given.', values: [{ value: 'v1', doc: 'The core API group\'s version.' }] },
  kind: { type: 'string', doc: 'Optional; `PersistentVolumeClaim` when given.', values: [{ value: 'PersistentVolumeClaim', doc: 'The only kind allowed here.' }] },
  ...mount('metadata', CLAIM_METADATA),
  ...mount('spec', CLAIM_SPEC),
};

const RETENTION_STAGES: readonly Stage[] = [{ stage: 'alpha', from: '1.23', on: false }, { stage: 'beta', from: '1.27', on: true }, { stage: 'stable', from: '1.32', on: true }];
const ORDINALS_STAGES: readonly Stage[] = [{ stage: 'alpha', from: '1.26', on: false }, { stage: 'beta', from: '1.27', on: true }, { stage: 'stable', from: '1.31', on: true }];

const STATEFULSET: Table = {
  apiVersion: {
    type: 'string',
    doc: 'The API version. `apps/v1` is the one every current release serves; `apps/v1beta1` and `apps/v1beta2` were removed in 1.16.',
    required: true,
    values: [{ value: 'apps/v1', doc: 'The StatefulSet API served since 1.9.' }],
  },
  kind: { type: 'string', doc: 'The object\'s kind.', required: true, values: [{ value: 'StatefulSet', doc: 'Pods with stable names, DNS and storage.' }] },
  metadata: { type: 'object', doc: 'The StatefulSet\'s name, namespace and labels.', required: true },
  'metadata.name': {
    type: 'string',
    doc: 'The StatefulSet\'s name. Pods are named `<name>-<ordinal>` and each pod\'s hostname is its name. Keep it to 52 characters or fewer: the controller\'s `controller-revision-hash` label value is the name plus a hash and must fit 63.',
    required: true,
  },
  'metadata.namespace': { type: 'string', doc: 'The namespace; the pods, PVCs and governing Service live in it too.', default: 'the namespace of the kubectl context (`default`)' },
  'metadata.labels': LABELS,
  'metadata.annotations': ANNOTATIONS,
  'metadata.generateName': { type: 'string', doc: 'A prefix from which the API server makes a unique name when `name` is absent.' },
  spec: { type: 'object', doc: 'What the StatefulSet should run.', required: true },
  'spec.replicas': { type: 'integer', doc: 'How many pods to run. Changing it scales the set: new pods get the next ordinals, scale-down removes the highest ordinals first.', default: '1' },
  ...mount('spec.selector', SELECTOR),
  'spec.selector': { ...SELECTOR[''], doc: 'Which pods belong to the set. Must match the pod template\'s labels.', required: true, immutable: true },
  'spec.serviceName': {
    type: 'string',
    doc: 'The governing Service: a headless Service (`clusterIP: None`) in the same namespace that gives each pod a DNS name `<pod>.<serviceName>.<namespace>.svc.<cluster-domain>`. Optional, but without it the pods get no per-pod DNS names. Must be a DNS label (checked by the API server since 1.33).',
    immutable: true,
  },
  'spec.template': { type: 'object', doc: 'The pod template every replica is made from. Changing it starts a rollout under the update strategy.', required: true },
  'spec.template.metadata': { type: 'object', doc: 'Labels and annotations of the pods.' },
  'spec.template.metadata.labels': { type: 'map', doc: 'The pods\' labels; must satisfy `spec.selector`. The controller adds `statefulset.kubernetes.io/pod-name` and `apps.kubernetes.io/pod-index` per pod.' },
  'spec.template.metadata.annotations': ANNOTATIONS,
  'spec.template.metadata.name': { type: 'string', doc: 'Ignored: the controller names pods `<statefulset>-<ordinal>`.' },
  ...mount('spec.template.spec', POD_SPEC),
  ...mount('spec.template.spec.containers[]', CONTAINER),
  ...mount('spec.template.spec.initContainers[]', INIT_CONTAINER),
  ...mount('spec.template.spec.containers[].volumeMounts[]', VOLUME_MOUNT),
  ...mount('spec.template.spec.initContainers[].volumeMounts[]', VOLUME_MOUNT),
  'spec.volumeClaimTemplates': {
    type: 'list',
    doc: 'Claims made once per pod: pod `web-0` gets `<claim>-web-0`, and keeps it across restarts, rescheduling and rollouts. Mount each with `volumeMounts[].name` equal to the claim\'s name.',
    immutable: true,
    snippet: '\n  - metadata:\n      name: ${1:data}\n    spec:\n      accessModes: [${2|ReadWriteOnce,ReadWriteOncePod,ReadOnlyMany,ReadWriteMany|}]\n      resources:\n        requests:\n          storage: ${3:1Gi}',
  },
  ...mount('spec.volumeClaimTemplates[]', CLAIM_TEMPLATE),
  'spec.updateStrategy': {
    type: 'object',
    doc: 'How a change to the pod template reaches running pods.',
    default: '`type: RollingUpdate` with `partition: 0`',
    snippet: '\n  type: ${1|RollingUpdate,OnDelete|}\n  rollingUpdate:\n    partition: ${2:0}',
  },
  'spec.updateStrategy.type': {
    type: 'string',
    doc: 'The update strategy.',
    default: 'RollingUpdate',
    values: [
      { value: 'RollingUpdate', doc: 'The controller replaces pods itself, highest ordinal first, one at a time (or `maxUnavailable` at a time), waiting for each to be Ready.' },
      { value: 'OnDelete', doc: 'The controller never replaces a running pod; a pod gets the new template only when you delete it.' },
    ],
  },
  'spec.updateStrategy.rollingUpdate': { type: 'object', doc: 'Settings of a rolling update; only with `type: RollingUpdate`.' },
  'spec.updateStrategy.rollingUpdate.partition': {
    type: 'integer',
    doc: 'A rollout updates only the pods whose index (ordinal minus `ordinals.start`) is at or above the partition; the others keep the old template, even when deleted and recreated. Lower it step by step for a staged (canary) rollout. A partition at or above the replica count updates nothing.',
    default: '0',
  },
  'spec.updateStrategy.rollingUpdate.maxUnavailable': {
    type: 'int-or-string',
    doc: 'How many pods a rollout may take down at once: a number (at least 1) or a percentage of the replicas (the controller rounds it down, to no less than 1). Without the feature gate the controller ignores it and updates one pod at a time.',
    default: '1',
    stages: [{ stage: 'alpha', from: '1.24', on: false }, { stage: 'beta', from: '1.35', on: true }],
  },
  'spec.podManagementPolicy': {
    type: 'string',
    doc: 'Whether pods are created and removed in order when the set scales. Rollouts are ordered either way.',
    default: 'OrderedReady',
    immutable: true,
    values: [
      { value: 'OrderedReady', doc: 'One pod at a time: each new pod waits until the previous one is Running and Ready; scale-down removes the highest ordinal first and waits for it to end.' },
      { value: 'Parallel', doc: 'All pods are created or removed at once, without waiting. Faster for apps that do not need ordered start-up.' },
    ],
  },
  'spec.revisionHistoryLimit': { type: 'integer', doc: 'How many old ControllerRevisions (template versions) to keep for rollbacks.', default: '10' },
  'spec.minReadySeconds': {
    type: 'integer',
    doc: 'How long a new pod must stay Ready, without a container crashing, before it counts as available and the rollout moves on.',
    default: '0',
    stages: [{ stage: 'alpha', from: '1.22', on: false }, { stage: 'beta', from: '1.23', on: true }, { stage: 'stable', from: '1.25', on: true }],
  },
  'spec.persistentVolumeClaimRetentionPolicy': {
    type: 'object',
    doc: 'Whether the PVCs made from the claim templates are deleted when the StatefulSet is deleted or scaled down. Without it they are always kept.',
    default: 'both `Retain`',
    stages: RETENTION_STAGES,
    snippet: '\n  whenDeleted: ${1|Retain,Delete|}\n  whenScaled: ${2|Retain,Delete|}',
  },
  'spec.persistentVolumeClaimRetentionPolicy.whenDeleted': {
    type: 'string',
    doc: 'What happens to every pod\'s PVCs when the StatefulSet itself is deleted.',
    default: 'Retain',
    stages: RETENTION_STAGES,
    values: [
      { value: 'Retain', doc: 'Keep the PVCs (and their data); a new StatefulSet with the same name picks them up again.' },
      { value: 'Delete', doc: 'Delete the PVCs after the pods are gone; with a `Delete` reclaim policy the data goes too.' },
    ],
  },
  'spec.persistentVolumeClaimRetentionPolicy.whenScaled': {
    type: 'string',
    doc: 'What happens to the PVCs of the pods a scale-down removes.',
    default: 'Retain',
    stages: RETENTION_STAGES,
    values: [
      { value: 'Retain', doc: 'Keep them; scaling up again reattaches each pod to its old data.' },
      { value: 'Delete', doc: 'Delete the PVCs of removed pods; scaling up again starts those pods with empty volumes.' },
    ],
  },
  'spec.ordinals': {
    type: 'object',
    doc: 'Where pod numbering starts.',
    stages: ORDINALS_STAGES,
    snippet: '\n  start: ${1:0}',
  },
  'spec.ordinals.start': {
    type: 'integer',
    doc: 'The first ordinal: with `start: 5` and 3 replicas the pods are `<name>-5`, `<name>-6`, `<name>-7`. Useful for moving a set between clusters piece by piece.',
    default: '0',
    stages: ORDINALS_STAGES,
  },
  status: { type: 'object', doc: 'Written by the controller; what you put here is ignored when the object is created.' },
};

function mount(prefix: string, table: Table): Record<string, FieldDoc> {
  const out: Record<string, FieldDoc> = {};
  for (const [k, v] of Object.entries(table)) {
    const key = k === '' ? prefix : k.startsWith('[]') ? prefix + k : `${prefix}.${k}`;
    out[key] = v;
  }
  return out;
}

const DOCS: ReadonlyMap<string, FieldDoc> = new Map(Object.entries(STATEFULSET));

/** Field names under each path, in table order. */
const CHILDREN: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, string[]>();
  for (const key of DOCS.keys()) {
    const m = /^(.*?)(?:^|\.)([^.[\]]+)$/.exec(key);
    if (!m) continue;
    const parent = m[1];
    const list = out.get(parent) ?? [];
    list.push(m[2]);
    out.set(parent, list);
  }
  return out;
})();

/** The doc of a StatefulSet field by its folded path (`spec.volumeClaimTemplates[].metadata.name`). */
export function fieldDoc(path: string): FieldDoc | undefined {
  return DOCS.get(path);
}

/** The documented fields of the object at `path` (folded; `''` for the StatefulSet's root). */
export function documentedChildren(path: string): readonly string[] {
  return CHILDREN.get(path) ?? [];
}

/** "Alpha in 1.23 (off by default), beta in 1.27 (on by default), stable since 1.32." */
export function describeStages(stages: readonly Stage[]): string {
  const parts = stages.map((s) => (s.stage === 'stable' ? `stable since ${s.from}` : `${s.stage} in ${s.from} (${s.on ? 'on' : 'off'} by default)`));
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** How the field stands in one release: undefined when the release predates it. */
export function stageIn(stages: readonly Stage[], version: KubeVersion): Stage | undefined {
  let found: Stage | undefined;
  for (const s of stages) if (atLeast(version, s.from)) found = s;
  return found;
}

/** One line on the field's availability in the configured release. */
export function availabilityIn(doc: FieldDoc, version: KubeVersion): string | undefined {
  if (!doc.stages) return undefined;
  const v = formatVersion(version);
  const s = stageIn(doc.stages, version);
  if (!s) return `Not in Kubernetes ${v}: the API server drops the field.`;
  if (s.stage === 'stable') return `Kubernetes ${v}: stable, always on.`;
  return s.on ? `Kubernetes ${v}: ${s.stage}, on by default.` : `Kubernetes ${v}: ${s.stage}, off unless the cluster enables the feature gate.`;
}
