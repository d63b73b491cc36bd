/**
 * The preview page's script. It gets the file's model by postMessage, draws the selected
 * StatefulSet, and previews a scale to another replica count with the core's own `scalePlan`.
 * It keeps its place (StatefulSet, previewed replicas) with setState, so a restored panel
 * comes back as it was.
 */
import { scalePlan } from '../../../../server/src/core/identities';
import type { PreviewEntry } from '../../../../server/src/core/identityModel';
import { MAX_REPLICAS, parseHostMessage, parsePreviewState, type FromWebview, type ModelMessage, type PreviewState } from '../messages';
import { button, h, replaceChildren, visibleControls } from './dom';
import { renderEntry, scaleBlock, type Actions } from './render';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview): void => vscode.postMessage(message);

let model: ModelMessage | undefined;
let saved: PreviewState | undefined = parsePreviewState(vscode.getState());
/** The replica count being previewed; undefined shows the StatefulSet as written. */
let target: number | undefined;

const app = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;

const title = h('h1', { class: 'title' });
const meta = h('p', { class: 'meta muted' });
const picker = h('select', { key: 'picker', attrs: { id: 'picker' } });
const pickerRow = h('div', { class: 'picker' }, h('label', { attrs: { for: 'picker' } }, 'StatefulSet'), picker);
const replicasInput = h('input', {
  class: 'replicas-input',
  attrs: { id: 'replicas', type: 'number', min: '0', max: String(MAX_REPLICAS), step: '1', inputmode: 'numeric' },
});
const fewer = button('−', () => setTarget(shownReplicas() - 1, true), { class: 'icon', attrs: { 'aria-label': 'One replica fewer' } });
const more = button('+', () => setTarget(shownReplicas() + 1, true), { class: 'icon', attrs: { 'aria-label': 'One replica more' } });
const reset = button('Reset', () => setTarget(undefined, true), { class: 'secondary', attrs: { 'aria-label': 'Back to spec.replicas' } });
const scaleInfo = h('div', { class: 'scale-info', attrs: { 'aria-live': 'polite' } });
const controls = h(
  'section',
  { class: 'block block-scale', attrs: { 'aria-labelledby': 'h-scale' } },
  h('h2', { attrs: { id: 'h-scale' } }, 'Replicas'),
  h('div', { class: 'scale-controls' }, h('label', { attrs: { for: 'replicas' } }, 'Preview scaling to'), fewer, replicasInput, more, reset),
  scaleInfo,
);
const header = h('header', { class: 'header' }, title, meta, pickerRow);
const content = h('div', { class: 'content' });

const actions: Actions = {
  reveal: (span) => post({ type: 'reveal', start: span.start, end: span.end }),
  copy: (text, from) => {
    const done = (): void => {
      announce(`Copied ${text}`);
      from.textContent = 'Copied';
      from.classList.add('copied');
      setTimeout(() => {
        from.textContent = 'Copy';
        from.classList.remove('copied');
      }, 1500);
    };
    // The host writes the clipboard when the page may not (no focus, no permission).
    const viaHost = (): void => {
      post({ type: 'copy', text });
      done();
    };
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard && typeof clipboard.writeText === 'function') clipboard.writeText(text).then(done, viaHost);
    else viaHost();
  },
};

function announce(text: string): void {
  announcer.textContent = text;
}

function entry(): PreviewEntry | undefined {
  return model?.entries[model.selected];
}

function shownReplicas(): number {
  return target ?? entry()?.identity.replicas ?? 0;
}

function clamp(n: number): number {
  return Math.max(0, Math.min(MAX_REPLICAS, Math.trunc(n)));
}

function saveState(): void {
  const e = entry();
  if (!model || !e) return;
  saved = { uri: model.uri, index: e.identity.index, name: e.identity.name, ...(target !== undefined ? { replicas: target } : {}) };
  vscode.setState(saved);
}

/** `syncInput`: also write the number into the field (not while the user is typing in it). */
function setTarget(n: number | undefined, syncInput: boolean): void {
  const e = entry();
  if (!e) return;
  const next = n === undefined ? undefined : clamp(n);
  target = next === e.identity.replicas ? undefined : next;
  if (syncInput) replicasInput.value = String(shownReplicas());
  drawEntry();
  saveState();
}

replicasInput.addEventListener('input', () => {
  const text = replicasInput.value.trim();
  if (!/^\d+$/.test(text)) return;
  setTarget(Number(text), false);
});
replicasInput.addEventListener('change', () => {
  replicasInput.value = String(shownReplicas());
});
picker.addEventListener('change', () => {
  const index = Number(picker.value);
  if (Number.isInteger(index)) post({ type: 'select', index });
});

function drawEntry(): void {
  const e = entry();
  if (!e) return;
  const plan = target === undefined ? undefined : scalePlan(e.identity, target);
  replaceChildren(scaleInfo, scaleBlock(plan));
  replaceChildren(content, ...renderEntry(e, plan, actions));
  reset.disabled = target === undefined;
  fewer.disabled = shownReplicas() <= 0;
  more.disabled = shownReplicas() >= MAX_REPLICAS;
}

function drawModel(m: ModelMessage): void {
  const previous = entry();
  model = m;
  const e = m.entries[m.selected];
  // A preview of a scale survives edits and restarts, but not a switch to another StatefulSet.
  if (previous === undefined) target = saved?.name === e.identity.name && saved.uri === m.uri ? saved.replicas : undefined;
  else if (previous.identity.name !== e.identity.name) target = undefined;
  if (target === e.identity.replicas) target = undefined;

  title.textContent = e.identity.name || '(unnamed StatefulSet)';
  meta.textContent = `namespace ${e.identity.namespace} · ${m.fileName} · Kubernetes ${e.identity.kubernetesVersion ?? 'latest'} · cluster domain ${m.clusterDomain}`;
  const choices = m.choices ?? m.entries.map((x) => ({ index: x.identity.index, name: x.identity.name, replicas: x.identity.replicas }));
  pickerRow.hidden = choices.length < 2;
  picker.replaceChildren(
    ...choices.map((x) => {
      const option = h('option', { attrs: { value: String(x.index) } }, `${x.name} (${x.replicas} ${x.replicas === 1 ? 'replica' : 'replicas'})`);
      option.selected = x.index === e.identity.index;
      return option;
    }),
  );
  if (document.activeElement !== replicasInput) replicasInput.value = String(shownReplicas());
  if (!app.contains(content)) app.replaceChildren(header, controls, content);
  app.setAttribute('aria-busy', 'false');
  drawEntry();
  saveState();
}

function drawStatus(text: string): void {
  model = undefined;
  app.replaceChildren(h('p', { class: 'status' }, text));
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  const message = parsed && visibleControls(parsed);
  if (!message) return;
  if (message.type === 'status') drawStatus(message.text);
  else drawModel(message);
});

post({ type: 'ready' });
