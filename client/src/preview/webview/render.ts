/**
 * Draws one StatefulSet's identity model: the governing Service, a card per pod, creation and
 * termination order, the rolling-update plan with its partition line, storage and retention, the
 * scale preview and the findings. Every string from the model goes through dom.ts.
 */
import type { PlanStep, PodIdentity, PreviewEntry, PvcIdentity, RemovedPod, ScalePlan } from '../../../../server/src/core/identityModel';
import { button, h, type Child } from './dom';
import { referencesBlock } from './references';

export interface Actions {
  reveal(span: { readonly start: number; readonly end: number }): void;
  copy(text: string, from: HTMLButtonElement): void;
}

/** Cards drawn per StatefulSet; the rest are counted, so a typo like 5000 replicas stays responsive. */
export const MAX_CARDS = 60;
/** A sequence longer than this shows its head and tail around an ellipsis. */
const MAX_SEQUENCE = 8;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `block block-${id}`, attrs: { 'aria-labelledby': `h-${id}` } }, h('h2', { attrs: { id: `h-${id}` } }, title), ...children);
}

function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

function storageClassText(storageClassName: string | undefined): string {
  if (storageClassName === undefined) return 'default StorageClass';
  if (storageClassName === '') return 'no StorageClass (static binding)';
  return `StorageClass ${storageClassName}`;
}

function pvcItem(pvc: PvcIdentity, action?: 'kept' | 'deleted'): HTMLElement {
  const facts = [pvc.storage ?? 'no size requested', pvc.accessModes.length ? pvc.accessModes.join(', ') : 'no access mode', storageClassText(pvc.storageClassName)];
  if (pvc.volumeMode !== 'Filesystem') facts.push(`volumeMode ${pvc.volumeMode}`);
  return h(
    'li',
    { class: `pvc${action ? ` pvc-${action}` : ''}` },
    h('code', { class: 'pvc-name' }, pvc.name),
    h('span', { class: 'pvc-facts' }, facts.join(' · ')),
    action ? badge(action === 'kept' ? 'PVC kept' : 'PVC deleted', action) : null,
  );
}

/** A DNS name that wraps after its dots rather than inside a label. */
function breakable(name: string): Child[] {
  return name.split('.').flatMap((label, i) => (i === 0 ? [label] : [h('wbr'), `.${label}`]));
}

type PodState = 'current' | 'created' | 'removed';

/**
 * `scaling`: a scale is being previewed, and the badges say what the scale would do; what a
 * template change would do is the rollout's block, shown when no scale is.
 */
function podCard(pod: PodIdentity, state: PodState, actions: Actions, scaling: boolean, removal?: RemovedPod): HTMLElement {
  const badges: HTMLElement[] = [badge(`ordinal ${pod.ordinal}`, 'ordinal')];
  if (state === 'created') badges.push(badge('the scale-up would create it', 'created'));
  if (state === 'removed') badges.push(badge('the scale-down would remove it', 'removed'));
  if (state === 'current' && !scaling) badges.push(pod.updatedByRollingUpdate ? badge('a template change would update it', 'updated') : badge('a template change would leave it as is', 'stays'));

  const dns: Child[] = pod.fqdn
    ? [
        h('code', { class: 'fqdn' }, ...breakable(pod.fqdn)),
        button('Copy', (b) => actions.copy(pod.fqdn ?? '', b), {
          class: 'copy',
          key: `copy:${pod.name}`,
          attrs: { 'aria-label': `Copy the DNS name ${pod.fqdn}`, title: 'Copy the DNS name' },
        }),
      ]
    : [h('span', { class: 'muted' }, 'none: spec.serviceName is not set')];

  const actionOf = new Map(removal?.pvcs.map((p) => [p.name, p.action]) ?? []);
  return h(
    'li',
    { class: `pod pod-${state}`, attrs: { 'aria-label': `Pod ${pod.name}${state === 'current' ? '' : `, ${state === 'created' ? 'created' : 'removed'} by scaling`}` } },
    h('h3', { class: 'pod-name' }, pod.name),
    h('div', { class: 'badges' }, ...badges),
    h('dl', null, h('dt', null, 'Hostname'), h('dd', null, h('code', null, pod.hostname)), h('dt', null, 'DNS name'), h('dd', { class: 'dns' }, ...dns)),
    pod.pvcs.length
      ? h('ul', { class: 'pvcs', attrs: { 'aria-label': `PVCs of ${pod.name}` } }, ...pod.pvcs.map((c) => pvcItem(c, actionOf.get(c.name))))
      : h('p', { class: 'muted' }, 'No PVCs (no volumeClaimTemplates).'),
  );
}

/** `a → b → c`, or for Parallel one group; long runs keep the ends. */
export function sequence(steps: readonly PlanStep[], label: string): HTMLElement {
  const list = h('ol', { class: 'sequence', attrs: { 'aria-label': label } });
  const shown: (PlanStep | null)[] = steps.length <= MAX_SEQUENCE ? [...steps] : [...steps.slice(0, MAX_SEQUENCE - 3), null, ...steps.slice(-2)];
  for (const step of shown) {
    if (step === null) {
      list.appendChild(h('li', { class: 'step step-gap', attrs: { 'aria-label': `${steps.length - (MAX_SEQUENCE - 1)} more steps` } }, '…'));
      continue;
    }
    const pods = step.pods.length <= MAX_SEQUENCE ? step.pods : [...step.pods.slice(0, MAX_SEQUENCE - 3), '…', ...step.pods.slice(-2)];
    list.appendChild(h('li', { class: `step${step.pods.length > 1 ? ' step-group' : ''}` }, ...pods.map((p) => h('span', { class: 'step-pod' }, p))));
  }
  if (steps.length === 0) list.appendChild(h('li', { class: 'step step-empty' }, 'no pods'));
  return list;
}

function serviceBlock(entry: PreviewEntry): HTMLElement {
  const id = entry.identity;
  const svc = entry.service;
  let line: HTMLElement;
  if (!id.serviceName) {
    line = h('p', { class: 'warn' }, 'spec.serviceName is not set: the pods get no stable DNS names.');
  } else if (!svc || !svc.found) {
    line = h('p', { class: 'warn' }, 'No Service named ', h('code', null, id.serviceName), ` was found in namespace ${id.namespace} in the workspace: create a headless Service (clusterIP: None) with this name.`);
  } else if (svc.headless) {
    line = h('p', { class: 'ok' }, h('code', null, svc.name), ' is headless (clusterIP: None): each pod gets its own DNS name.');
  } else {
    line = h('p', { class: 'warn' }, h('code', null, svc.name), ' has a cluster IP, so it is not headless: the per-pod DNS names below do not resolve.');
  }
  return section('service', 'Governing Service', line);
}

function podsBlock(entry: PreviewEntry, plan: ScalePlan | undefined, actions: Actions): HTMLElement {
  const id = entry.identity;
  const removed = new Map(plan?.removed.map((r) => [r.ordinal, r]) ?? []);
  const cards: HTMLElement[] = [];
  const all: [PodIdentity, PodState][] = [
    ...id.pods.map((p): [PodIdentity, PodState] => [p, removed.has(p.ordinal) ? 'removed' : 'current']),
    ...(plan?.created ?? []).map((p): [PodIdentity, PodState] => [p, 'created']),
  ];
  for (const [pod, state] of all.slice(0, MAX_CARDS)) cards.push(podCard(pod, state, actions, plan !== undefined && plan.to !== plan.from, removed.get(pod.ordinal)));
  const total = id.replicas + (plan?.createdCount ?? 0);
  const hidden = total - Math.min(all.length, MAX_CARDS);
  const title = plan && plan.to !== plan.from ? `Pods (${id.replicas} → ${plan.to})` : `Pods (${id.replicas})`;
  return section(
    'pods',
    title,
    cards.length ? h('ol', { class: 'pods', attrs: { 'aria-label': 'Pods in ordinal order' } }, ...cards) : h('p', { class: 'muted' }, 'replicas is 0: no pods.'),
    hidden > 0 ? h('p', { class: 'muted' }, `${plural(hidden, 'more pod')} not drawn.`) : null,
  );
}

function orderBlock(entry: PreviewEntry): HTMLElement {
  const id = entry.identity;
  const ordered = id.podManagementPolicy === 'OrderedReady';
  return section(
    'order',
    `Order (${id.podManagementPolicy})`,
    h('h3', null, 'Creation'),
    h('p', { class: 'muted' }, ordered ? 'One pod at a time, lowest ordinal first; each waits until the one before is Running and Ready.' : 'All pods at once, without waiting for each other.'),
    sequence(id.creationOrder, 'Creation order'),
    h('h3', null, 'Termination (scale-down)'),
    h('p', { class: 'muted' }, ordered ? 'One pod at a time, highest ordinal first; each waits until the one after it is gone.' : 'All pods at once.'),
    sequence(id.terminationOrder, 'Termination order'),
  );
}

function updateBlock(entry: PreviewEntry): HTMLElement {
  const u = entry.identity.update;
  const children: Child[] = [h('p', null, u.summary)];
  if (u.strategy === 'RollingUpdate') {
    const rows: HTMLElement[] = u.updated.map((pod, i) => h('li', { class: 'rollout-pod rollout-updated' }, h('span', { class: 'rollout-step' }, String(i + 1)), h('span', null, pod), badge('updated', 'updated')));
    rows.push(
      h('li', { class: 'partition-line', attrs: { role: 'separator', 'aria-label': `partition ${u.partition}: pods below stay on the old template` } }, h('span', null, `partition: ${u.partition}`)),
    );
    for (const pod of [...u.unchanged].reverse()) rows.push(h('li', { class: 'rollout-pod rollout-stays' }, h('span', { class: 'rollout-step' }, '–'), h('span', null, pod), badge('stays', 'stays')));
    children.push(h('ol', { class: 'rollout', attrs: { 'aria-label': 'Rolling update, highest ordinal first' } }, ...rows));
    if (u.maxUnavailable !== undefined) children.push(h('p', { class: 'muted' }, `maxUnavailable: ${String(u.maxUnavailable)}`));
  }
  return section('update', `Rolling update (${u.strategy})`, ...children);
}

function storageBlock(entry: PreviewEntry): HTMLElement {
  const id = entry.identity;
  const templates = id.claimTemplates.map((t) =>
    h(
      'li',
      null,
      h('code', null, t.name),
      h('span', { class: 'pvc-facts' }, [t.storageText ?? t.storage ?? 'no size requested', t.accessModes.join(', ') || 'no access mode', storageClassText(t.storageClassName), `volumeMode ${t.volumeMode}`].join(' · ')),
    ),
  );
  return section(
    'storage',
    'Storage',
    templates.length ? h('ul', { class: 'templates', attrs: { 'aria-label': 'Volume claim templates' } }, ...templates) : h('p', { class: 'muted' }, 'No volumeClaimTemplates.'),
    h(
      'dl',
      { class: 'retention' },
      h('dt', null, 'whenScaled'),
      h('dd', null, id.retention.whenScaled),
      h('dt', null, 'whenDeleted'),
      h('dd', null, id.retention.whenDeleted),
    ),
    h('p', null, id.deletion.summary),
  );
}

function findingsBlock(entry: PreviewEntry, actions: Actions): HTMLElement {
  const items = entry.findings.map((f, i) =>
    h(
      'li',
      { class: `finding finding-${f.severity}` },
      badge(f.severity, f.severity),
      h('span', { class: 'finding-message' }, f.message),
      h('code', { class: 'finding-code' }, f.code),
      button(`Line ${f.line + 1}`, () => actions.reveal(f.span), {
        class: 'link',
        key: `finding:${i}:${f.code}`,
        attrs: { 'aria-label': `Go to line ${f.line + 1}, column ${f.character + 1}: ${f.message}` },
      }),
    ),
  );
  return section(
    'findings',
    `Findings (${entry.findings.length})`,
    items.length ? h('ul', { class: 'findings' }, ...items) : h('p', { class: 'ok' }, 'No findings for this StatefulSet.'),
  );
}

export function scaleBlock(plan: ScalePlan | undefined): HTMLElement {
  if (!plan || plan.to === plan.from) return h('p', { class: 'muted scale-summary' }, 'Change the replicas to preview a scale-up or scale-down.');
  const children: Child[] = [h('p', { class: 'scale-summary' }, plan.summary)];
  if (plan.createdCount > 0) children.push(h('h3', null, 'Created'), sequence(plan.createdSteps, 'Pods created by the scale-up'));
  // What happens to each removed pod's PVCs is on its card below.
  if (plan.removedCount > 0) children.push(h('h3', null, 'Removed'), sequence(plan.removedSteps, 'Pods removed by the scale-down'));
  return h('div', { class: 'scale-plan' }, ...children);
}

/** What applying does over the deployed version (the base: `statefulset.compareWith`), when the server compared. */
function baseBlock(entry: PreviewEntry): HTMLElement | null {
  const b = entry.base;
  if (!b) return null;
  const rows: [string, readonly string[]][] = [
    ['Pods renamed', b.pods.renamed.map((r) => `${r.from} → ${r.to}`)],
    ['Pods added', b.pods.renamed.length ? [] : b.pods.added],
    ['Pods removed', b.pods.renamed.length ? [] : b.pods.removed],
    ['PVCs created', b.pvcs.created],
    ['PVCs deleted', b.pvcs.deleted],
    ['PVCs left unused', b.pvcs.unused],
    ['PVCs resized', b.pvcs.resized.map((r) => `${r.name}: ${r.from} → ${r.to}`)],
    ['PVCs kept', b.pvcs.kept.filter((k) => !b.pvcs.resized.some((r) => r.name === k))],
    ['Left dangling', (b.dangling ?? []).map((r) => `${r.text} (${r.context})`)],
  ];
  const shown = rows.filter(([, names]) => names.length > 0);
  return section(
    'base',
    `Compared with ${b.ref}`,
    h('p', null, b.summary),
    shown.length ? h('dl', { class: 'base-diff' }, ...shown.flatMap(([title, names]) => [h('dt', null, title), h('dd', null, names.join(', '))])) : null,
    h('p', { class: 'muted' }, `The deployed version: ${b.source} at ${b.ref}.`),
  );
}

/** Everything below the header and controls, for one StatefulSet. */
export function renderEntry(entry: PreviewEntry, plan: ScalePlan | undefined, actions: Actions): HTMLElement[] {
  const notes = entry.identity.notes ?? [];
  const base = baseBlock(entry);
  return [
    ...(base ? [base] : []),
    serviceBlock(entry),
    podsBlock(entry, plan, actions),
    orderBlock(entry),
    updateBlock(entry),
    storageBlock(entry),
    ...referencesBlock(entry, plan),
    findingsBlock(entry, actions),
    ...(notes.length ? [section('notes', 'Notes', h('ul', null, ...notes.map((n) => h('li', null, n))))] : []),
  ];
}
