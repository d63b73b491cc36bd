/**
 * The pod volume model the API server validates a StatefulSet's pod template against: what makes
 * a volume of `template.spec.volumes` invalid (its source), and the volumes the pods end up with
 * once the claim templates are added. An invalid volume is not registered, so every mount of it
 * fails as well; the source checks and the mount checks therefore share this one model.
 */
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../names';
import { parseQuantity } from '../quantity';
import type { Span } from '../types';
import { asMap, pairOf, strValue, type YMap, type YNode, type YPair } from '../yamlTree';
import { divisorProblem, fieldPathProblem, isAbsent, mapItems, q, type StatefulSetView } from './util';

/** The volume source fields of a pod volume, in the order the API server looks at them: the first one set wins, later ones are extra. */
export const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
] as const;

/** Fields each source cannot do without (an empty string or list counts as missing). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  hostPath: ['path'], gitRepo: ['repository'], gcePersistentDisk: ['pdName'], awsElasticBlockStore: ['volumeID'],
  secret: ['secretName'], nfs: ['server', 'path'], iscsi: ['targetPortal', 'iqn'], glusterfs: ['endpoints', 'path'],
  persistentVolumeClaim: ['claimName'], rbd: ['monitors', 'image'], cinder: ['volumeID'], cephfs: ['monitors'],
  quobyte: ['registry', 'volume'], flexVolume: ['driver'], configMap: ['name'], azureFile: ['secretName', 'shareName'],
  vsphereVolume: ['volumePath'], photonPersistentDisk: ['pdID'], portworxVolume: ['volumeID'], azureDisk: ['diskName', 'diskURI'],
  storageos: ['volumeName'], scaleIO: ['gateway', 'system', 'volumeName'], csi: ['driver'], ephemeral: ['volumeClaimTemplate'],
};

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
/** Fields a downwardAPI volume file may expose (labels and annotations also by key). */
const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const MAX_MODE = 0o777;

/** One thing the API server rejects in a volume, before the rule adds its release note. */
export interface VolumeProblem {
  readonly span: Span;
  readonly message: string;
  readonly path: string;
}

type Out = VolumeProblem[];

/** Empty, absent or null: what Go decodes to the zero value. */
function missing(n: YNode | null | undefined): boolean {
  return isAbsent(n) || strValue(n) === '' || (n.kind === 'seq' && n.items.length === 0);
}

function numberOf(n: YNode | null | undefined): number | undefined {
  return n && n.kind === 'scalar' && (n.type === 'int' || n.type === 'float') ? (n.value as number) : undefined;
}

/** Why a path inside a volume is rejected: it must stay below the volume's root. */
export function localPathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'it must be a relative path';
  if (p.replace(/\\/g, '/').split('/').includes('..')) return 'it must not contain ".."';
  if (p.startsWith('..')) return 'it must not start with ".."';
  return undefined;
}

function requireFields(body: YMap, pair: YPair, fields: readonly string[], path: string, out: Out): void {
  for (const f of fields) {
    const p = pairOf(body, f);
    if (missing(p?.value)) out.push({ span: p?.keySpan ?? pair.keySpan, message: `${pair.keyText} needs ${f}.`, path: `${path}.${f}` });
  }
}

function checkMode(body: YMap, key: string, path: string, out: Out): void {
  const node = pairOf(body, key)?.value;
  const n = numberOf(node);
  if (node && n !== undefined && (n < 0 || n > MAX_MODE)) {
    out.push({ span: node.span, message: `${key} ${n} is not a file mode: use 0 to 0777 (octal, such as 0644; YAML reads a leading 0 as octal).`, path: `${path}.${key}` });
  }
}

function checkLocalPath(map: YMap, key: string, path: string, out: Out, required: boolean, anchor: Span): void {
  const pair = pairOf(map, key);
  const value = strValue(pair?.value);
  if (required && missing(pair?.value)) {
    out.push({ span: pair?.keySpan ?? anchor, message: `Each item needs a ${key}.`, path: `${path}.${key}` });
    return;
  }
  const problem = value ? localPathProblem(value) : undefined;
  if (pair?.value && problem) out.push({ span: pair.value.span, message: `${key} ${q(value as string)} is not valid: ${problem}.`, path: `${path}.${key}` });
}

/** `items` of a secret or ConfigMap: each maps a key to a file path inside the volume. */
function checkKeyToPaths(body: YMap, path: string, out: Out): void {
  for (const { map, index } of mapItems(pairOf(body, 'items')?.value)) {
    const itemPath = `${path}.items[${index}]`;
    const anchor = map.pairs[0]?.keySpan ?? map.span;
    const key = pairOf(map, 'key');
    if (missing(key?.value)) out.push({ span: key?.keySpan ?? anchor, message: 'Each item needs the key to project.', path: `${itemPath}.key` });
    checkLocalPath(map, 'path', itemPath, out, true, anchor);
    checkMode(map, 'mode', itemPath, out);
  }
}

/** A downward API file: a path and exactly one of fieldRef and resourceFieldRef. */
function checkDownwardFiles(body: YMap, path: string, out: Out): void {
  for (const { map, index } of mapItems(pairOf(body, 'items')?.value)) {
    const itemPath = `${path}.items[${index}]`;
    const anchor = map.pairs[0]?.keySpan ?? map.span;
    checkLocalPath(map, 'path', itemPath, out, true, anchor);
    const fieldRef = pairOf(map, 'fieldRef');
    const resourceRef = pairOf(map, 'resourceFieldRef');
    const hasField = !isAbsent(fieldRef?.value);
    const hasResource = !isAbsent(resourceRef?.value);
    if (fieldRef && hasField) {
      const fp = pairOf(asMap(fieldRef.value), 'fieldPath');
      const value = strValue(fp?.value);
      if (missing(fp?.value)) out.push({ span: fp?.keySpan ?? fieldRef.keySpan, message: 'fieldRef needs a fieldPath, such as metadata.labels.', path: `${itemPath}.fieldRef.fieldPath` });
      else if (fp?.value && value !== undefined) {
        const problem = fieldPathProblem(value, VOLUME_FIELD_PATHS);
        if (problem) out.push({ span: fp.value.span, message: `fieldPath ${q(value)} ${problem}.`, path: `${itemPath}.fieldRef.fieldPath` });
      }
      if (hasResource && resourceRef) out.push({ span: resourceRef.keySpan, message: 'An item takes fieldRef or resourceFieldRef, not both.', path: itemPath });
    } else if (resourceRef && hasResource) {
      const ref = asMap(resourceRef.value);
      const container = pairOf(ref, 'containerName');
      const resource = pairOf(ref, 'resource');
      const value = strValue(resource?.value);
      if (missing(container?.value)) out.push({ span: container?.keySpan ?? resourceRef.keySpan, message: 'resourceFieldRef in a volume needs the containerName it reads.', path: `${itemPath}.resourceFieldRef.containerName` });
      else if (missing(resource?.value)) out.push({ span: resource?.keySpan ?? resourceRef.keySpan, message: 'resourceFieldRef needs a resource, such as limits.memory.', path: `${itemPath}.resourceFieldRef.resource` });
      else if (resource?.value && value !== undefined && !RESOURCE_FIELDS.includes(value) && !/^(limits|requests)\.hugepages-/.test(value)) {
        out.push({ span: resource.value.span, message: `resource ${q(value)} is not supported; use limits.cpu, limits.memory, limits.ephemeral-storage, the requests of these, or a hugepages size.`, path: `${itemPath}.resourceFieldRef.resource` });
      } else if (value !== undefined) {
        const divisor = pairOf(ref, 'divisor')?.value;
        const problem = divisorProblem(value, divisor);
        if (divisor && problem) out.push({ span: divisor.span, message: `divisor does not suit ${value}: ${problem}.`, path: `${itemPath}.resourceFieldRef.divisor` });
      }
    } else {
      out.push({ span: anchor, message: 'Each item needs fieldRef or resourceFieldRef.', path: itemPath });
    }
    checkMode(map, 'mode', itemPath, out);
  }
}

const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];

function checkProjected(body: YMap, path: string, out: Out): void {
  checkMode(body, 'defaultMode', path, out);
  for (const { map, index } of mapItems(pairOf(body, 'sources')?.value)) {
    const srcPath = `${path}.sources[${index}]`;
    const set = PROJECTIONS.filter((k) => !isAbsent(pairOf(map, k)?.value));
    for (const extra of set.slice(1)) out.push({ span: pairOf(map, extra)?.keySpan ?? map.span, message: `A projected source takes one kind; this one already projects ${set[0]}.`, path: `${srcPath}.${extra}` });
    for (const kind of ['secret', 'configMap']) {
      const pair = pairOf(map, kind);
      const inner = asMap(pair?.value);
      if (!pair || !inner) continue;
      requireFields(inner, pair, ['name'], `${srcPath}.${kind}`, out);
      checkKeyToPaths(inner, `${srcPath}.${kind}`, out);
    }
    const downward = asMap(pairOf(map, 'downwardAPI')?.value);
    if (downward) checkDownwardFiles(downward, `${srcPath}.downwardAPI`, out);
    const tokenPair = pairOf(map, 'serviceAccountToken');
    const token = asMap(tokenPair?.value);
    if (tokenPair && token) {
      const tokenPath = `${srcPath}.serviceAccountToken`;
      checkLocalPath(token, 'path', tokenPath, out, true, tokenPair.keySpan);
      const exp = pairOf(token, 'expirationSeconds')?.value;
      const n = numberOf(exp);
      if (exp && n !== undefined && (n < 600 || n > 2 ** 32)) {
        out.push({ span: exp.span, message: `expirationSeconds ${n} is out of range: a token lives at least 600 seconds (10 minutes) and at most 2^32 seconds.`, path: `${tokenPath}.expirationSeconds` });
      }
    }
  }
}

/** Checks of the one source a volume takes, beyond its required fields. */
const SOURCE_CHECKS: Readonly<Record<string, (body: YMap, pair: YPair, path: string, out: Out) => void>> = {
  emptyDir(body, _pair, path, out) {
    const node = pairOf(body, 'sizeLimit')?.value;
    const text = node && node.kind === 'scalar' && node.type !== 'bool' && node.value !== null ? String(node.value) : undefined;
    const qty = text === undefined ? undefined : parseQuantity(text.trim());
    if (node && qty && qty.value < 0) out.push({ span: node.span, message: `sizeLimit ${text} is negative.`, path: `${path}.sizeLimit` });
  },
  hostPath(body, _pair, path, out) {
    const p = strValue(pairOf(body, 'path')?.value);
    const pathNode = pairOf(body, 'path')?.value;
    if (pathNode && p && p.replace(/\\/g, '/').split('/').includes('..')) out.push({ span: pathNode.span, message: `hostPath path ${q(p)} must not contain "..".`, path: `${path}.path` });
    const typeNode = pairOf(body, 'type')?.value;
    const t = strValue(typeNode);
    if (typeNode && t !== undefined && !HOST_PATH_TYPES.includes(t)) {
      out.push({ span: typeNode.span, message: `hostPath type ${q(t)} is not supported; use ${HOST_PATH_TYPES.slice(1).map(q).join(', ')} or leave it empty.`, path: `${path}.type` });
    }
  },
  secret(body, _pair, path, out) {
    checkMode(body, 'defaultMode', path, out);
    checkKeyToPaths(body, path, out);
  },
  configMap(body, _pair, path, out) {
    checkMode(body, 'defaultMode', path, out);
    checkKeyToPaths(body, path, out);
  },
  nfs(body, _pair, path, out) {
    const node = pairOf(body, 'path')?.value;
    const p = strValue(node);
    if (node && p && !p.startsWith('/')) out.push({ span: node.span, message: `nfs path ${q(p)} must be an absolute path.`, path: `${path}.path` });
  },
  csi(body, _pair, path, out) {
    const node = pairOf(body, 'driver')?.value;
    const d = strValue(node);
    if (!node || !d) return;
    const problem = d.length > 63 ? `it is ${d.length} characters long; at most 63 are allowed` : dns1123SubdomainProblem(d.toLowerCase());
    if (problem) out.push({ span: node.span, message: `CSI driver name ${q(d)} is not valid: ${problem}.`, path: `${path}.driver` });
  },
  downwardAPI(body, _pair, path, out) {
    checkMode(body, 'defaultMode', path, out);
    checkDownwardFiles(body, path, out);
  },
  projected(body, _pair, path, out) {
    checkProjected(body, path, out);
  },
  flocker(body, pair, path, out) {
    const named = !missing(pairOf(body, 'datasetName')?.value);
    const byId = !missing(pairOf(body, 'datasetUUID')?.value);
    if (!named && !byId) out.push({ span: pair.keySpan, message: 'flocker needs datasetName or datasetUUID.', path });
    else if (named && byId) out.push({ span: pair.keySpan, message: 'flocker takes datasetName or datasetUUID, not both.', path });
  },
  fc(body, pair, path, out) {
    const wwns = !missing(pairOf(body, 'targetWWNs')?.value);
    const wwids = !missing(pairOf(body, 'wwids')?.value);
    if (!wwns && !wwids) out.push({ span: pair.keySpan, message: 'fc needs targetWWNs or wwids.', path: `${path}.targetWWNs` });
    else if (wwns && wwids) out.push({ span: pairOf(body, 'targetWWNs')?.keySpan ?? pair.keySpan, message: 'fc takes targetWWNs or wwids, not both.', path: `${path}.targetWWNs` });
    else if (wwns && isAbsent(pairOf(body, 'lun')?.value)) out.push({ span: pair.keySpan, message: 'fc with targetWWNs needs a lun.', path: `${path}.lun` });
  },
};

/**
 * What the API server rejects in the source of one pod volume: no source, more than one, or the
 * source's own fields. `path` is the volume's field path.
 */
export function sourceProblems(volume: YMap, path: string): VolumeProblem[] {
  const out: Out = [];
  // A source written with no value (`emptyDir:`) is null: no source at all to the API server.
  const set = VOLUME_SOURCES.filter((s) => !isAbsent(pairOf(volume, s)?.value));
  const anchor = volume.pairs[0]?.keySpan ?? volume.span;
  if (set.length === 0) {
    const name = strValue(pairOf(volume, 'name')?.value);
    const nulls = VOLUME_SOURCES.filter((s) => pairOf(volume, s) !== undefined);
    const hint = nulls.length ? ` (${nulls[0]} is written with no value, which is null${nulls[0] === 'emptyDir' ? ': write "emptyDir: {}"' : ''})` : '';
    out.push({ span: anchor, message: `Volume${name ? ` ${q(name)}` : ''} has no source${hint}: give exactly one of emptyDir, configMap, secret, persistentVolumeClaim, hostPath and the like.`, path });
    return out;
  }
  for (const extra of set.slice(1)) {
    out.push({ span: pairOf(volume, extra)?.keySpan ?? anchor, message: `This volume already takes its data from ${set[0]}; a volume has exactly one source.`, path: `${path}.${extra}` });
  }
  const source = set[0];
  const pair = pairOf(volume, source) as YPair;
  const body = asMap(pair.value);
  if (!body) return out;
  const sourcePath = `${path}.${source}`;
  requireFields(body, pair, REQUIRED[source] ?? [], sourcePath, out);
  SOURCE_CHECKS[source]?.(body, pair, sourcePath, out);
  return out;
}

/** Why a pod volume entry is rejected on its own, if it is. */
export function volumeEntryProblem(map: YMap): 'name' | 'source' | undefined {
  const nameNode = pairOf(map, 'name')?.value;
  const name = strValue(nameNode);
  if (nameNode && name === undefined) return undefined;
  if (!name || dns1123LabelProblem(name)) return 'name';
  return sourceProblems(map, '').length > 0 ? 'source' : undefined;
}

/** Sources that hand a container a block device (`volumeDevices`). */
const CLAIM_SOURCES = ['persistentVolumeClaim', 'ephemeral'];

/** A volume the pods get: from `template.spec.volumes` or from a claim template. */
export interface PodVolume {
  readonly name: string;
  readonly origin: 'volume' | 'claim-template';
  /** Backed by a claim (claim template, `persistentVolumeClaim` or `ephemeral`): usable as a block device. */
  readonly claimBacked: boolean;
  /** False when the volume itself is rejected (bad name, duplicate, bad source): mounts of it fail too. */
  readonly valid: boolean;
}

/**
 * The volumes the API server checks mounts against, by name. Claim templates become volumes named
 * after them and take the place of a pod volume of the same name, as the controller does.
 */
export function podVolumes(view: StatefulSetView): Map<string, PodVolume> {
  const out = new Map<string, PodVolume>();
  for (const { map } of mapItems(pairOf(view.spec, 'volumeClaimTemplates')?.value)) {
    const name = strValue(pairOf(asMap(pairOf(map, 'metadata')?.value), 'name')?.value);
    if (name === undefined || out.has(name)) continue;
    out.set(name, { name, origin: 'claim-template', claimBacked: true, valid: name !== '' && !dns1123LabelProblem(name) });
  }
  const taken = new Set<string>();
  for (const { map } of mapItems(pairOf(view.podSpec, 'volumes')?.value)) {
    const name = strValue(pairOf(map, 'name')?.value);
    if (name === undefined || out.get(name)?.origin === 'claim-template') continue;
    const claimBacked = CLAIM_SOURCES.some((s) => !isAbsent(pairOf(map, s)?.value));
    const valid = !taken.has(name) && volumeEntryProblem(map) === undefined;
    if (valid) taken.add(name);
    if (!out.has(name) || valid) out.set(name, { name, origin: 'volume', claimBacked, valid });
  }
  return out;
}

/** Names of the claim templates, which replace pod volumes of the same name. */
export function claimTemplateNames(view: StatefulSetView): Set<string> {
  return new Set([...podVolumes(view).values()].filter((p) => p.origin === 'claim-template').map((p) => p.name));
}
