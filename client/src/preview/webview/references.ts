/**
 * The references to a StatefulSet's pods and PVCs (PreviewEntry.references): what uses each name,
 * where, whether it exists at the current replicas, and which ones the scale being previewed
 * would leave dangling. Every string from the model goes through dom.ts.
 */
import type { PreviewEntry, ScalePlan } from '../../../../server/src/core/identityModel';
import { danglingAfterScale } from '../../../../server/src/core/references';
import { h } from './dom';

/** The last path segment of a URI, for a short location. */
function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

export function referencesBlock(entry: PreviewEntry, plan: ScalePlan | undefined): HTMLElement[] {
  const refs = entry.references ?? [];
  if (refs.length === 0) return [];
  const dangling = new Set(plan && plan.to < plan.from ? danglingAfterScale(entry, plan.to) : []);
  const items = refs.map((r) =>
    h(
      'li',
      { class: `reference${dangling.has(r) ? ' reference-dangling' : ''}` },
      h('code', null, r.names.join(', ')),
      ' ',
      h('span', { class: 'muted' }, `${r.context}, ${fileName(r.uri)} line ${r.line + 1}: `),
      h('code', null, r.text),
      ...(r.exists ? [] : [' ', h('span', { class: 'badge badge-warning' }, 'not there at the current replicas')]),
      ...(dangling.has(r) ? [' ', h('span', { class: 'badge badge-warning' }, `dangling at ${plan?.to} replicas`)] : []),
    ),
  );
  const title = dangling.size > 0 ? `Referenced elsewhere (${refs.length}; ${dangling.size} left dangling by the scale-down)` : `Referenced elsewhere (${refs.length})`;
  return [h('section', { class: 'block block-references', attrs: { 'aria-labelledby': 'h-references' } }, h('h2', { attrs: { id: 'h-references' } }, title), h('ul', { class: 'references' }, ...items))];
}
