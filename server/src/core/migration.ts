/**
 * The migration plan for a StatefulSet change the API server will not take: the exact commands
 * that get the running object to the new spec, and what each step does to pods and PVCs. The
 * way out is always the same (delete the StatefulSet, leaving its pods and claims, and create it
 * again, which adopts them); a storage increase first grows each existing claim, which the
 * StatefulSet would never do (its claim templates only shape claims it creates later).
 */
import type { FieldChange } from './baseCompare';
import type { Resource } from './parse';
import { parseQuantity } from './quantity';
import { claimNameOf } from './identities';
import { claimTemplatesOf, replicasOf, startOrdinalOf } from './rules/statefulSetParts';
import type { ResolvedSettings } from './settings';
import { inNamespace, type WorkspaceIndex } from './workspace';
import { at, strValue } from './yamlTree';

export interface StorageGrowth {
  readonly template: string;
  readonly from: string;
  readonly to: string;
  /** The claims that exist now (from the base's replicas), which must be patched one by one. */
  readonly claims: readonly string[];
  /** `undefined`: the cluster's default class. */
  readonly storageClassName?: string;
  /** What the workspace says of the class: true, false, or not known (the class is not in the workspace). */
  readonly expandable: boolean | undefined;
}

export interface MigrationPlan {
  readonly name: string;
  readonly namespace: string;
  readonly growth: readonly StorageGrowth[];
  /** The plan as shell lines: `#` comments say what each command does. */
  readonly text: string;
}

const STORAGE = /^(?:items\[\d+\]\.)?spec\.volumeClaimTemplates\[(\d+)\]\.spec\.resources\.requests\.storage$/;

/** Turns a `file://` URI into a path for `kubectl apply -f`; other sources are used as they are. */
export function applyTarget(source: string): string {
  if (!source.startsWith('file://')) return source;
  try {
    return decodeURIComponent(source.slice('file://'.length)).replace(/^\/([A-Za-z]:)/, '$1');
  } catch {
    return source;
  }
}

/**
 * The plan for `current`, whose `changes` against `base` are forbidden. `index` knows the
 * StorageClasses of the workspace; `source` is the file to apply.
 */
export function migrationPlanFor(base: Resource, current: Resource, changes: readonly FieldChange[], settings: ResolvedSettings, index: WorkspaceIndex, source: string): MigrationPlan {
  const name = current.name ?? '<name>';
  const namespace = current.namespace ?? settings.defaultNamespace;
  const ns = `-n ${namespace}`;
  const replicas = replicasOf(base) ?? 1;
  const start = startOrdinalOf(base) ?? 0;
  const ordinals = Array.from({ length: Math.min(replicas, 1000) }, (_, i) => start + i);
  const templates = claimTemplatesOf(current);

  const growth: StorageGrowth[] = [];
  const shrink: string[] = [];
  const other: FieldChange[] = [];
  for (const c of changes) {
    const m = STORAGE.exec(c.path);
    const template = m ? templates[Number(m[1])] : undefined;
    const before = parseQuantity(c.was);
    const after = parseQuantity(c.now);
    if (!template?.name || !before || !after) {
      other.push(c);
      continue;
    }
    if (after.value < before.value) {
      shrink.push(`${template.name}: ${c.was} to ${c.now}`);
      continue;
    }
    const className = strValue(at(template.node, 'spec', 'storageClassName'));
    growth.push({ template: template.name, from: c.was, to: c.now, claims: ordinals.map((o) => claimNameOf(template.name as string, name, o)), storageClassName: className, expandable: expandable(className, namespace, settings, index) });
  }

  const lines: string[] = [`# Migration plan for StatefulSet ${name} (namespace ${namespace}): the API server will not update`];
  lines.push(`# ${[...new Set(changes.map((c) => c.path))].join(', ')} on the running object.`);
  if (shrink.length > 0) lines.push('#', `# A PersistentVolumeClaim never shrinks (${shrink.join('; ')}): keep the old size, or move the data to new, smaller claims yourself.`);
  let step = 1;
  for (const g of growth) {
    const cls = g.storageClassName === undefined ? 'the default StorageClass' : g.storageClassName === '' ? 'no StorageClass (statically bound volumes)' : `StorageClass ${g.storageClassName}`;
    lines.push('#');
    if (g.expandable === false) {
      lines.push(`# ${step++}. ${cls} does not allow volume expansion (allowVolumeExpansion is not true), so the claims of ${g.template} cannot grow from ${g.from} to ${g.to} in place.`);
      lines.push('#    Either enable expansion on the class (if its provisioner supports it) and patch the claims as below, or copy the data to new claims.');
      continue;
    }
    if (g.expandable === undefined) {
      lines.push(`# ${step++}. Grow each existing claim of ${g.template} from ${g.from} to ${g.to}. First check that ${cls} allows expansion (it is not in the workspace):`);
      lines.push(g.storageClassName ? `kubectl get storageclass ${g.storageClassName} -o jsonpath='{.allowVolumeExpansion}'   # must print true` : `kubectl get storageclass   # the (default) class must show ALLOWVOLUMEEXPANSION true`);
    } else {
      lines.push(`# ${step++}. Grow each existing claim of ${g.template} from ${g.from} to ${g.to} (${cls} allows volume expansion):`);
    }
    const patch = JSON.stringify({ spec: { resources: { requests: { storage: g.to } } } });
    for (const claim of g.claims) lines.push(`kubectl patch pvc ${claim} ${ns} -p '${patch}'`);
    if (g.claims.length === 0) lines.push('#    (no claims exist: the StatefulSet has no replicas at the base)');
  }
  lines.push('#', `# ${step++}. Delete the StatefulSet but leave its pods and claims running (no pod restarts, no data touched):`);
  lines.push(`kubectl delete statefulset ${name} ${ns} --cascade=orphan`);
  lines.push('#', `# ${step++}. Create it again from the new manifest; it adopts the running pods and their claims by name:`);
  lines.push(`kubectl apply -f ${shellWord(applyTarget(source))}`);
  const notes = consequences(other, growth, name, ns);
  if (notes.length > 0) lines.push('#', '# What happens then:', ...notes.map((n) => `#  - ${n}`));
  return { name, namespace, growth, text: lines.join('\n') + '\n' };
}

function expandable(className: string | undefined, namespace: string, settings: ResolvedSettings, index: WorkspaceIndex): boolean | undefined {
  if (className === '') return false;
  const classes = index.find('StorageClass');
  const cls = className === undefined ? classes.find((c) => c.isDefaultClass) : inNamespace(classes, namespace, settings.defaultNamespace).concat(classes).find((c) => c.name === className);
  return cls ? cls.allowVolumeExpansion === true : undefined;
}

/** What the re-created StatefulSet does with the running pods and claims, per kind of change. */
function consequences(changes: readonly FieldChange[], growth: readonly StorageGrowth[], name: string, ns: string): string[] {
  const out: string[] = [];
  const field = (c: FieldChange) => c.path.replace(/^items\[\d+\]\./, '').replace(/\[\d+\]/g, '[]');
  const has = (p: RegExp) => changes.some((c) => p.test(field(c)));
  if (growth.length > 0) out.push('The claims keep their data; most volume plugins grow the file system while the pod runs, some only when the pod restarts. The claim templates only size the claims made from now on.');
  if (has(/^spec\.selector/)) out.push(`The new selector decides which running pods are adopted: pods it does not match keep running, unmanaged; delete them (kubectl delete pod POD ${ns}) once the new pods are Ready.`);
  if (has(/^spec\.serviceName/)) out.push(`Running pods keep their old DNS subdomain until they are replaced: kubectl rollout restart statefulset ${name} ${ns}`);
  if (has(/^spec\.podManagementPolicy/)) out.push('The new pod management policy applies from the next scale or replacement; running pods are not touched.');
  if (has(/^spec\.volumeClaimTemplates/) && changes.some((c) => /^spec\.volumeClaimTemplates/.test(field(c)) && !STORAGE.test(c.path)))
    out.push('Existing claims are kept and used again by name; a changed claim template shapes only the claims created from now on (new ordinals, or a claim you delete). A new claim template gets its claims when each pod is created again; a removed one leaves its claims in place, unused.');
  if (has(/^spec\.revisionHistoryLimit/)) out.push('The revision history is kept; the new limit applies from the next rollout.');
  return out;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
