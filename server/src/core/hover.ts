/**
 * Hover on a StatefulSet field: what it does, its values, default and release history
 * (fieldDocs.ts), and what this StatefulSet makes of it, computed by the identity engine for the
 * object under the cursor alone: pod names on `metadata.name` and `replicas`, PVC names on a claim
 * template, DNS names and the resolved Service on `serviceName`, the pods a rollout touches on
 * `partition`, the fate of PVCs on the retention policy.
 */
import type { Analysis, PlacedResource } from './analyze';
import { describeStages, availabilityIn, fieldDoc, type FieldDoc } from './fieldDocs';
import type { StatefulSetIdentity } from './identityModel';
import { claimNameOf, podFqdnOf, podNameOf, scalePlan } from './identities';
import { fieldPath, nodeAt, type PathStep } from './locate';
import { contextText, existsNow, podRun, referenceAt, type FileReference } from './references';
import { identityFor, servicesNamed, storageClassesNamed, volumeRefsOf } from './navigation';
import { ruleMeta } from './rules';
import { fieldInfo, schemaAt, type FieldSchema } from './schema';
import { atLeast, formatVersion, LATEST_VERSION, OLDEST_VERSION, type KubeVersion } from './settings';
import { DISABLE_ANNOTATION } from './suppress';
import type { Span } from './types';
import type { WorkspaceIndex } from './workspace';
import { at, scalarText, strValue } from './yamlTree';

export interface HoverData {
  /** Markdown. */
  readonly contents: string;
  /** Absolute span of the key or value hovered. */
  readonly span: Span;
}

/** Names shown before a list is shortened to its ends. */
const MAX_LISTED = 6;

export function hoverAt(analysis: Analysis, offset: number, index: WorkspaceIndex): HoverData | undefined {
  const ref = referenceAt(analysis, offset, index);
  if (ref) return { contents: referenceHover(ref, analysis.settings.clusterDomain), span: ref.span };
  const hit = nodeAt(analysis, offset);
  if (hit && hit.path.length === 3 && hit.path[0] === 'metadata' && hit.path[1] === 'annotations' && hit.path[2] === DISABLE_ANNOTATION) return { contents: disableAnnotationDoc(hit.on === 'value' ? scalarText(hit.scalar) : undefined), span: hit.span };
  const pr = hit?.place.resource;
  if (!hit || !pr || pr.resource.kind !== 'StatefulSet') return undefined;
  // A scalar in a list (an access mode) is explained by the list's field.
  let path: readonly PathStep[] = hit.path;
  if (hit.on === 'value' && typeof path[path.length - 1] === 'number') path = path.slice(0, -1);
  const field = fieldPath(path);
  const doc = fieldDoc(field);
  const value = hit.on === 'value' ? scalarText(hit.scalar) : undefined;
  const ctx: FactContext = { analysis, index, pr, path, value };
  const facts: string[] = [];
  const compute = FACTS.get(field) ?? (MOUNT_NAME.test(field) ? mountFacts : undefined);
  const identity = compute ? identityFor(analysis, pr) : undefined;
  if (compute && identity) facts.push(...compute(identity, ctx));
  if (field === 'spec.volumeClaimTemplates[].spec.storageClassName') facts.push(...storageClassFacts(ctx));
  const schema = doc ? undefined : schemaAt(path);
  if (!doc && facts.length === 0 && !schema?.name) return undefined;

  const valueDoc = value !== undefined ? doc?.values?.find((v) => v.value === value) : undefined;
  const parts: string[] = [];
  if (doc) {
    parts.push(titleOf(field, doc));
    if (valueDoc) parts.push(`${code(valueDoc.value)}: ${valueDoc.doc}`);
    parts.push(doc.doc);
  } else if (schema) {
    parts.push(schemaSummary(field, schema, analysis.settings.version));
  } else {
    parts.push(`**${field}**`);
  }
  if (facts.length > 0) parts.push(facts.join('\n\n'));
  if (doc) parts.push(detailsOf(doc, hit.on === 'key' || !valueDoc, analysis.settings.version));
  return { contents: parts.join('\n\n'), span: hit.span };
}

/** What the suppression annotation does, and the rules its value names. */
function disableAnnotationDoc(value: string | undefined): string {
  const parts = [`**${DISABLE_ANNOTATION}**`, 'Silences the rules it names (comma- or space-separated) for every finding inside this object. Unlike a comment, it survives `helm template` and `kustomize build`.'];
  const ids = (value ?? '').split(/[\s,]+/).filter(Boolean);
  if (ids.length > 0) parts.push(ids.map((id) => `- \`${id}\`: ${ruleMeta(id)?.summary ?? 'no such rule'}`).join('\n'));
  return parts.join('\n\n');
}

/** A field's documentation as markdown: title, what it does, values, default, releases. */
export function describeField(field: string, doc: FieldDoc, version: KubeVersion, listValues: boolean): string {
  return [titleOf(field, doc), doc.doc, detailsOf(doc, listValues, version)].join('\n\n');
}

function titleOf(field: string, doc: FieldDoc): string {
  const bits = [`**${field}**`, `*${doc.type}*`];
  if (doc.required) bits.push('required');
  if (doc.immutable) bits.push('cannot change after creation');
  return bits.join(' · ');
}

function detailsOf(doc: FieldDoc, listValues: boolean, version: KubeVersion): string {
  const lines: string[] = [];
  if (doc.values && listValues) {
    lines.push('Values:');
    for (const v of doc.values) lines.push(`- ${code(v.value)}: ${v.doc}`);
  } else if (doc.values) {
    lines.push(`Values: ${doc.values.map((v) => code(v.value)).join(', ')}`);
  }
  if (doc.default) lines.push(`Default: ${/[`]/.test(doc.default) || /\s/.test(doc.default) ? doc.default : code(doc.default)}`);
  if (doc.stages) {
    lines.push(`Kubernetes: ${describeStages(doc.stages)}`);
    const now = availabilityIn(doc, version);
    if (now) lines.push(`${now} (setting \`statefulset.kubernetesVersion\`)`);
  } else {
    lines.push(`Kubernetes: in every release this tool knows (${formatVersion(OLDEST_VERSION)} to ${formatVersion(LATEST_VERSION)}).`);
  }
  // Separate lines in markdown need a blank line or a list; keep the list, join the rest.
  return lines.map((l, i) => (l.startsWith('- ') || i === 0 ? l : `\n${l}`)).join('\n');
}

/** For fields we have not described: their type, values and release history from the schema. */
function schemaSummary(field: string, schema: FieldSchema, version: KubeVersion): string {
  const info = fieldInfo(schema);
  const lines = [`**${field}** · *${info.typeText}*`];
  if (info.enum && info.enum.length > 0) lines.push(`Values: ${info.enum.filter((v) => v !== '').map(code).join(', ')}`);
  if (info.since) {
    const gate = info.gate ? ` behind the ${code(info.gate)} feature gate, ${info.onByDefault ? `on by default from ${info.onByDefault}` : 'still off by default'}` : '';
    lines.push(`Kubernetes: since ${info.since}${gate}.`);
    if (!atLeast(version, info.since)) lines.push(`Not in Kubernetes ${formatVersion(version)} (setting \`statefulset.kubernetesVersion\`).`);
  }
  return lines.join('\n\n');
}

/** Inline code that survives backticks in user text. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** `a`, `b`, `c` or `a`, `b`, `c`, …, `y`, `z` (n items). */
export function shortList(names: readonly string[], total = names.length): string {
  if (names.length === 0) return '';
  if (total <= MAX_LISTED && names.length === total) return names.map(code).join(', ');
  const head = names.slice(0, 3).map(code);
  const tail = names.length > 3 ? names.slice(-2).map(code) : [];
  return `${[...head, '…', ...tail].join(', ')} (${total})`;
}

// ---- Computed facts -----------------------------------------------------------------------

interface FactContext {
  readonly analysis: Analysis;
  readonly index: WorkspaceIndex;
  readonly pr: PlacedResource;
  readonly path: readonly PathStep[];
  /** The hovered value, when the cursor is on a value. */
  readonly value?: string;
}

type Facts = (id: StatefulSetIdentity, ctx: FactContext) => string[];

const MOUNT_NAME = /(volumeMounts|volumeDevices)\[\]\.name$/;

function podsFacts(id: StatefulSetIdentity): string[] {
  const out: string[] = [];
  if (id.replicas === 0) out.push('**Pods:** none (`replicas: 0`).');
  else out.push(`**Pods:** ${shortList(id.pods.map((p) => p.name), id.replicas)}`);
  if (id.startOrdinal !== 0) out.push(`Ordinals start at ${id.startOrdinal} (\`spec.ordinals.start\`).`);
  for (const n of id.notes) if (/replicas|ordinals|metadata\.name/.test(n)) out.push(`*${n}*`);
  return out;
}

function claimFacts(id: StatefulSetIdentity, ctx: FactContext): string[] {
  const templateIndex = ctx.path[2];
  const name = typeof templateIndex === 'number' ? strValue(at(ctx.pr.resource.root, 'spec', 'volumeClaimTemplates', templateIndex, 'metadata', 'name')) : undefined;
  const t = id.claimTemplates.find((c) => c.name === name);
  if (!t) return [];
  const out: string[] = [];
  if (id.replicas === 0) {
    out.push('**PVCs:** none while `replicas` is 0.');
  } else {
    const rows = id.pods.slice(0, MAX_LISTED).map((p) => `| ${code(p.name)} | ${code(p.pvcs.find((c) => c.template === t.name)?.name ?? '')} |`);
    if (id.replicas > MAX_LISTED) rows.push(`| … | … (${id.replicas} in all) |`);
    out.push(`**PVCs** (one per pod, kept across restarts and rollouts):\n\n| Pod | PVC |\n|---|---|\n${rows.join('\n')}`);
  }
  const bits: string[] = [];
  if (t.storage) bits.push(t.storageText ? `${code(t.storage)} (${t.storageText}) each` : `${code(t.storage)} each`);
  if (t.accessModes.length > 0) bits.push(t.accessModes.map(code).join(', '));
  if (t.storageClassName === undefined) bits.push('the default StorageClass');
  else if (t.storageClassName === '') bits.push('no StorageClass (static binding)');
  else bits.push(`StorageClass ${code(t.storageClassName)}`);
  if (t.volumeMode === 'Block') bits.push('raw block device');
  out.push(`Each claim: ${bits.join(', ')}.`);
  return out;
}

function claimsFacts(id: StatefulSetIdentity): string[] {
  const t = id.claimTemplates.length;
  if (t === 0) return [];
  const total = id.replicas * t;
  const names = id.pods.flatMap((p) => p.pvcs.map((c) => c.name));
  return [`**PVCs:** ${id.replicas} pod${id.replicas === 1 ? '' : 's'} × ${t} template${t === 1 ? '' : 's'} = ${total}${total > 0 ? `: ${shortList(names, total)}` : ''}`];
}

function serviceFacts(id: StatefulSetIdentity, ctx: FactContext): string[] {
  const out: string[] = [];
  const name = id.serviceName;
  if (!name) return ['No `serviceName`: the pods get no per-pod DNS names.'];
  const fqdns = id.pods.map((p) => p.fqdn ?? '');
  if (fqdns.length > 0) out.push(`**DNS names:** ${shortList(fqdns, id.replicas)}`);
  out.push(`The Service's own name ${code(`${name}.${id.namespace}.svc.${id.clusterDomain}`)} resolves to all Ready pods.`);
  const found = servicesNamed(ctx.index, name, id.namespace, ctx.analysis.settings.defaultNamespace);
  if (found.length === 0) {
    out.push(`**Service:** no Service ${code(name)} in namespace ${code(id.namespace)} in the workspace. Create a headless Service (\`clusterIP: None\`) with that name, or the DNS names above will not resolve.`);
  } else {
    const s = found[0];
    const where = s.uri === ctx.analysis.uri ? 'this file' : linkTo(s.uri);
    const kind = s.clusterIP === 'None' ? 'headless' : `not headless (clusterIP ${code(s.clusterIP ?? 'auto')}), so the per-pod DNS names above are not published`;
    out.push(`**Service:** ${code(name)} in ${where}, ${kind}.`);
  }
  return out;
}

function linkTo(uri: string): string {
  const file = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return `[${file.replace(/[[\]]/g, '')}](${uri})`;
}

function updateFacts(id: StatefulSetIdentity): string[] {
  const out = [id.update.summary];
  if (id.update.strategy === 'RollingUpdate' && id.replicas > 0) {
    if (id.update.updated.length > 0) out.push(`**Updated:** ${shortList([...id.update.updated].reverse(), id.update.updated.length)}`);
    if (id.update.unchanged.length > 0) out.push(`**Stay:** ${shortList(id.update.unchanged, id.update.unchanged.length)}`);
  }
  return out;
}

function orderFacts(id: StatefulSetIdentity): string[] {
  if (id.replicas <= 1) return [];
  const first = id.pods[0]?.name ?? '';
  const last = id.pods[id.pods.length - 1]?.name ?? '';
  return id.podManagementPolicy === 'Parallel'
    ? [`Here: all ${id.replicas} pods are created at once; a scale-down removes its pods at once.`]
    : [`Here: ${code(first)} first, ${code(last)} last, each after the one before is Ready; removal runs the other way.`];
}

function scaledFacts(id: StatefulSetIdentity): string[] {
  if (id.claimTemplates.length === 0) return ['This StatefulSet has no `volumeClaimTemplates`, so the policy has nothing to act on.'];
  if (id.replicas === 0) return ['No pods to scale down from.'];
  return [`For example: ${scalePlan(id, id.replicas - 1).summary}`];
}

function deletedFacts(id: StatefulSetIdentity): string[] {
  return [id.deletion.summary];
}

const FACTS: ReadonlyMap<string, Facts> = new Map(Object.entries<Facts>({
  'metadata.name': (id) => podsFacts(id),
  'spec.replicas': (id) => podsFacts(id),
  'spec.ordinals': (id) => podsFacts(id),
  'spec.ordinals.start': (id) => podsFacts(id),
  'spec.volumeClaimTemplates': (id) => claimsFacts(id),
  'spec.volumeClaimTemplates[].metadata.name': (id, ctx) => claimFacts(id, ctx),
  'spec.serviceName': (id, ctx) => serviceFacts(id, ctx),
  'spec.updateStrategy': (id) => updateFacts(id),
  'spec.updateStrategy.type': (id) => updateFacts(id),
  'spec.updateStrategy.rollingUpdate': (id) => updateFacts(id),
  'spec.updateStrategy.rollingUpdate.partition': (id) => updateFacts(id),
  'spec.updateStrategy.rollingUpdate.maxUnavailable': (id) => updateFacts(id),
  'spec.podManagementPolicy': (id) => orderFacts(id),
  'spec.persistentVolumeClaimRetentionPolicy': (id) => [...scaledFacts(id), ...deletedFacts(id)],
  'spec.persistentVolumeClaimRetentionPolicy.whenScaled': (id) => scaledFacts(id),
  'spec.persistentVolumeClaimRetentionPolicy.whenDeleted': (id) => deletedFacts(id),
}));

function mountFacts(id: StatefulSetIdentity, ctx: FactContext): string[] {
  const name = ctx.value;
  if (name === undefined) return [];
  const refs = volumeRefsOf(ctx.pr);
  if (refs.claims.some((c) => c.name === name)) {
    const pvcs = id.pods.map((p) => p.pvcs.find((c) => c.template === name)?.name ?? '');
    return [`**Mounts** claim template ${code(name)}: each pod its own PVC${pvcs.length > 0 ? ` (${shortList(pvcs, id.replicas)})` : ''}.`];
  }
  const v = refs.volumes.find((x) => x.name === name);
  if (v) return [`**Mounts** pod volume ${code(name)}${v.source ? ` (${v.source})` : ''}, the same in every pod.`];
  return [`No claim template or pod volume named ${code(name)} in this StatefulSet.`];
}

function storageClassFacts(ctx: FactContext): string[] {
  const name = ctx.value;
  if (name === undefined) return [];
  if (name === '') return ['Empty: no class, so each claim binds only to an existing PersistentVolume without a class.'];
  const found = storageClassesNamed(ctx.index, name);
  if (found.length === 0) return [`No StorageClass ${code(name)} in the workspace; the cluster must have one, or the claims stay Pending.`];
  const s = found[0];
  const where = s.uri === ctx.analysis.uri ? 'this file' : linkTo(s.uri);
  const bits = [s.provisioner ? `provisioner ${code(s.provisioner)}` : undefined, s.isDefaultClass ? 'the default class' : undefined].filter(Boolean);
  return [`**StorageClass:** ${code(name)} in ${where}${bits.length > 0 ? ` (${bits.join(', ')})` : ''}.`];
}

/** On a pod, PVC or DNS name of a StatefulSet written in a value: what it names, and whether that exists now. */
function referenceHover(r: FileReference, clusterDomain: string): string {
  const f = r.facts;
  const ordinals = r.from === r.to ? [r.from] : [r.from, r.to];
  const pods = ordinals.map((o) => podNameOf(f.name, o));
  const names = r.target === 'pvc' && r.template ? ordinals.map((o) => claimNameOf(r.template!.name, f.name, o)) : pods;
  const what = r.target === 'pvc' ? (r.from === r.to ? 'PVC' : 'PVCs') : r.from === r.to ? 'Pod' : 'Pods';
  const lines = [`**${what} ${names.map(code).join(' … ')}** of StatefulSet ${code(f.name)} (namespace ${code(f.namespace)}), used in ${contextText(r.context)}`];
  if (r.target === 'pvc' && r.template) {
    lines.push(r.template.known ? `Claim template ${code(r.template.name)} of pod${r.from === r.to ? '' : 's'} ${pods.map(code).join(' … ')}.` : `The StatefulSet has no claim template ${code(r.template.name)}.`);
  }
  const count = `${f.replicas} replica${f.replicas === 1 ? '' : 's'}: ${podRun(f)}`;
  lines.push(existsNow(r) ? `Exists at the current replicas (${count}).` : `**Not there at the current replicas** (${count}).`);
  if (r.target === 'pod' && f.serviceName && r.from === r.to) lines.push(`DNS name: ${code(podFqdnOf(pods[0], f.serviceName, f.namespace, clusterDomain))}`);
  return lines.join('\n\n');
}
