#!/usr/bin/env node
/**
 * Dev-time generator for server/src/core/schema/data.ts: the field names and JSON types of the
 * objects we check, in a compact form. Not needed to build or test; run it again only when the
 * Kubernetes schema we start from changes:
 *
 *   node scripts/gen-schema.mjs [path/to/statefulset-apps-v1.json] > server/src/core/schema/data.ts
 *
 * Input: the standalone-strict JSON schema of apps/v1 StatefulSet (Kubernetes 1.32, every $ref
 * inlined; shared/peers/statefulset-apps-v1.json). Only names and types are taken from it, never
 * descriptions. The fields Kubernetes added after 1.32 (read from core/v1 types.go up to 1.35) are
 * merged in from ADDED below. Go type names come from the description's leading word where it is
 * one, else from TYPE_NAMES.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const input = process.argv[2] ?? resolve(import.meta.dirname, '../../shared/peers/statefulset-apps-v1.json');
const root = JSON.parse(readFileSync(input, 'utf8'));

/** `Parent.field` -> Go type name, where the description does not start with it. */
const TYPE_NAMES = {
  'StatefulSet.spec': 'StatefulSetSpec',
  'StatefulSetSpec.selector': 'LabelSelector',
  'LabelSelector.matchExpressions': 'LabelSelectorRequirement',
  'PodAffinityTerm.labelSelector': 'LabelSelector',
  'PodAffinityTerm.namespaceSelector': 'LabelSelector',
  'TopologySpreadConstraint.labelSelector': 'LabelSelector',
  'PersistentVolumeClaimSpec.selector': 'LabelSelector',
  'ClusterTrustBundleProjection.labelSelector': 'LabelSelector',
  'Affinity.nodeAffinity': 'NodeAffinity',
  'Affinity.podAffinity': 'PodAffinity',
  'Affinity.podAntiAffinity': 'PodAntiAffinity',
  'NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution': 'PreferredSchedulingTerm',
  'NodeAffinity.requiredDuringSchedulingIgnoredDuringExecution': 'NodeSelector',
  'PreferredSchedulingTerm.preference': 'NodeSelectorTerm',
  'NodeSelector.nodeSelectorTerms': 'NodeSelectorTerm',
  'NodeSelectorTerm.matchExpressions': 'NodeSelectorRequirement',
  'NodeSelectorTerm.matchFields': 'NodeSelectorRequirement',
  'PodAffinity.preferredDuringSchedulingIgnoredDuringExecution': 'WeightedPodAffinityTerm',
  'PodAffinity.requiredDuringSchedulingIgnoredDuringExecution': 'PodAffinityTerm',
  'PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution': 'WeightedPodAffinityTerm',
  'PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution': 'PodAffinityTerm',
  'WeightedPodAffinityTerm.podAffinityTerm': 'PodAffinityTerm',
  'PodSpec.containers': 'Container',
  'PodSpec.initContainers': 'Container',
  'PodSpec.ephemeralContainers': 'EphemeralContainer',
  'PodSpec.tolerations': 'Toleration',
  'EnvVarSource.configMapKeyRef': 'ConfigMapKeySelector',
  'EnvVarSource.secretKeyRef': 'SecretKeySelector',
  'SecurityContext.capabilities': 'Capabilities',
  'Container.volumeDevices': 'VolumeDevice',
  'EphemeralContainer.volumeDevices': 'VolumeDevice',
  'Volume.awsElasticBlockStore': 'AWSElasticBlockStoreVolumeSource',
  'Volume.azureDisk': 'AzureDiskVolumeSource',
  'Volume.azureFile': 'AzureFileVolumeSource',
  'Volume.cephfs': 'CephFSVolumeSource',
  'Volume.cinder': 'CinderVolumeSource',
  'Volume.configMap': 'ConfigMapVolumeSource',
  'Volume.csi': 'CSIVolumeSource',
  'Volume.emptyDir': 'EmptyDirVolumeSource',
  'Volume.ephemeral': 'EphemeralVolumeSource',
  'Volume.fc': 'FCVolumeSource',
  'Volume.flexVolume': 'FlexVolumeSource',
  'Volume.flocker': 'FlockerVolumeSource',
  'Volume.gcePersistentDisk': 'GCEPersistentDiskVolumeSource',
  'Volume.gitRepo': 'GitRepoVolumeSource',
  'Volume.glusterfs': 'GlusterfsVolumeSource',
  'Volume.hostPath': 'HostPathVolumeSource',
  'Volume.iscsi': 'ISCSIVolumeSource',
  'Volume.nfs': 'NFSVolumeSource',
  'Volume.photonPersistentDisk': 'PhotonPersistentDiskVolumeSource',
  'Volume.projected': 'ProjectedVolumeSource',
  'Volume.quobyte': 'QuobyteVolumeSource',
  'Volume.rbd': 'RBDVolumeSource',
  'Volume.secret': 'SecretVolumeSource',
  'Volume.storageos': 'StorageOSVolumeSource',
  'Volume.vsphereVolume': 'VsphereVirtualDiskVolumeSource',
  'ConfigMapVolumeSource.items': 'KeyToPath',
  'SecretVolumeSource.items': 'KeyToPath',
  'ConfigMapProjection.items': 'KeyToPath',
  'SecretProjection.items': 'KeyToPath',
  'ProjectedVolumeSource.sources': 'VolumeProjection',
  'VolumeProjection.configMap': 'ConfigMapProjection',
  'VolumeProjection.secret': 'SecretProjection',
  'VolumeProjection.downwardAPI': 'DownwardAPIProjection',
  'CephFSVolumeSource.secretRef': 'LocalObjectReference',
  'CinderVolumeSource.secretRef': 'LocalObjectReference',
  'CSIVolumeSource.nodePublishSecretRef': 'LocalObjectReference',
  'FlexVolumeSource.secretRef': 'LocalObjectReference',
  'ISCSIVolumeSource.secretRef': 'LocalObjectReference',
  'RBDVolumeSource.secretRef': 'LocalObjectReference',
  'ScaleIOVolumeSource.secretRef': 'LocalObjectReference',
  'StorageOSVolumeSource.secretRef': 'LocalObjectReference',
  'PodSpec.imagePullSecrets': 'LocalObjectReference',
  'EnvFromSource.secretRef': 'SecretEnvSource',
  'PersistentVolumeClaim.spec': 'PersistentVolumeClaimSpec',
  'PersistentVolumeClaimTemplate.spec': 'PersistentVolumeClaimSpec',
};

/** Names the description's leading word may carry although it has a single capital. */
const ONE_WORD_TYPES = new Set(['Probe', 'Lifecycle', 'Volume', 'Affinity', 'Sysctl', 'Toleration', 'Capabilities']);

/**
 * Fields Kubernetes added after 1.32, up to 1.35 (staging/src/k8s.io/api/core/v1/types.go).
 * Their version history lives in schema/versions.ts.
 */
const ADDED = {
  Lifecycle: { stopSignal: 'string' },
  EnvVarSource: { fileKeyRef: 'FileKeySelector' },
  FileKeySelector: { volumeName: 'string', path: 'string', key: 'string', optional: 'boolean' },
  Container: { restartPolicyRules: '[]ContainerRestartRule' },
  EphemeralContainer: { restartPolicyRules: '[]ContainerRestartRule' },
  ContainerRestartRule: { action: 'string', exitCodes: 'ContainerRestartRuleOnExitCodes' },
  ContainerRestartRuleOnExitCodes: { operator: 'string', values: '[]int32' },
  PodSpec: { hostnameOverride: 'string', workloadRef: 'WorkloadReference' },
  WorkloadReference: { name: 'string', podGroup: 'string', podGroupReplicaKey: 'string' },
  VolumeProjection: { podCertificate: 'PodCertificateProjection' },
  PodCertificateProjection: {
    signerName: 'string',
    keyType: 'string',
    maxExpirationSeconds: 'int32',
    credentialBundlePath: 'string',
    keyPath: 'string',
    certificateChainPath: 'string',
    userAnnotations: '{}string',
  },
};

const types = new Map();

const typesOf = (n) => [].concat(n.type ?? []).filter((t) => t !== 'null');

function nameOf(node, parent, field) {
  const override = TYPE_NAMES[`${parent}.${field}`];
  if (override) return override;
  const word = (node.description ?? '').split(/[\s.,]/)[0];
  if (/^[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*$/.test(word) || /^[A-Z]{2,}[A-Za-z0-9]*$/.test(word) || ONE_WORD_TYPES.has(word)) return word;
  throw new Error(`No Go type name for ${parent}.${field} (description starts "${word}"): add it to TYPE_NAMES`);
}

function exprOf(node, parent, field) {
  if (node.oneOf) {
    const alts = node.oneOf.map((o) => typesOf(o)[0]).sort().join('|');
    if (alts === 'integer|string') return 'int-or-string';
    if (alts === 'number|string') return 'quantity';
    throw new Error(`Unexpected oneOf at ${parent}.${field}: ${alts}`);
  }
  const t = typesOf(node)[0];
  switch (t) {
    case 'string':
      return node.format === 'date-time' ? 'time' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'integer':
      return node.format === 'int32' ? 'int32' : 'int64';
    case 'array':
      return `[]${exprOf(node.items, parent, field)}`;
    case 'object':
      if (node.properties) return defineType(node, nameOf(node, parent, field));
      if (node.additionalProperties && typeof node.additionalProperties === 'object') return `{}${exprOf(node.additionalProperties, parent, field)}`;
      return 'any';
    default:
      throw new Error(`Unexpected type ${t} at ${parent}.${field}`);
  }
}

function defineType(node, name) {
  const fields = {};
  for (const [f, child] of Object.entries(node.properties)) fields[f] = exprOf(child, name, f);
  const prev = types.get(name);
  if (prev && JSON.stringify(prev) !== JSON.stringify(fields)) throw new Error(`Two different shapes named ${name}`);
  types.set(name, fields);
  return name;
}

defineType(root, 'StatefulSet');
for (const [name, fields] of Object.entries(ADDED)) types.set(name, { ...(types.get(name) ?? {}), ...fields });

const known = new Set([...types.keys(), 'string', 'boolean', 'number', 'int32', 'int64', 'int-or-string', 'quantity', 'time', 'any']);
for (const [name, fields] of types) {
  for (const [f, e] of Object.entries(fields)) {
    const base = e.replace(/^(\[\]|\{\})+/, '');
    if (!known.has(base)) throw new Error(`${name}.${f} refers to unknown type ${base}`);
  }
}

const sorted = [...types.keys()].sort((a, b) => (a === 'StatefulSet' ? -1 : b === 'StatefulSet' ? 1 : a.localeCompare(b)));
const lines = [];
lines.push('// Generated by scripts/gen-schema.mjs: do not edit by hand.');
lines.push('// Field names and JSON types of apps/v1 StatefulSet and everything it contains, Kubernetes 1.35.');
lines.push('// A type expression is a type name, a primitive, `[]X` (list of X) or `{}X` (map of string to X).');
lines.push('export const TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {');
for (const name of sorted) {
  const fields = Object.entries(types.get(name)).map(([f, e]) => `${f}: '${e}'`).join(', ');
  lines.push(`  ${name}: { ${fields} },`);
}
lines.push('};');
process.stdout.write(lines.join('\n') + '\n');
