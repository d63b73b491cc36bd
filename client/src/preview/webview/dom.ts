/**
 * The one way the preview makes DOM: elements by name, text by textContent or text nodes,
 * attributes by setAttribute. Nothing here parses HTML, so a document value such as
 * `<img src=x onerror=...>` stays text.
 */
export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  /** Identifies a focusable element across re-renders, so focus can be put back. */
  readonly key?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props?.class) el.className = props.class;
  if (props?.key) el.dataset.key = props.key;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) el.setAttribute(name, value);
  const kids = children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);
  if (kids.length === 1 && typeof kids[0] === 'string') {
    el.textContent = kids[0];
  } else {
    for (const c of kids) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** A button that runs `onClick` on click and on Enter/Space (a native button does both). */
export function button(label: string, onClick: (b: HTMLButtonElement) => void, props?: Props): HTMLButtonElement {
  const b = h('button', props, label);
  b.type = 'button';
  b.addEventListener('click', () => onClick(b));
  return b;
}

/** Replaces an element's children, keeping keyboard focus on the element with the same key. */
export function replaceChildren(parent: HTMLElement, ...children: Node[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && parent.contains(active) ? active.dataset.key : undefined;
  parent.replaceChildren(...children);
  if (key === undefined) return;
  for (const el of parent.querySelectorAll<HTMLElement>('[data-key]')) {
    if (el.dataset.key === key) {
      el.focus();
      return;
    }
  }
}

/** Bidirectional controls: embeddings, overrides, isolates and marks (Unicode's Bidi_Control). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A host message with every bidirectional control in its strings shown as `[U+202E]` rather than
 * obeyed: written into text, a right-to-left override in a name would reverse the text after it
 * on screen (the rest of the header, a neighbour's name), and a reader could not tell.
 */
export function visibleControls<T>(value: T): T {
  if (typeof value === 'string') return value.replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`) as T;
  if (Array.isArray(value)) return value.map(visibleControls) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleControls(v)])) as T;
  return value;
}
