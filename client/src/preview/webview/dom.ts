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
