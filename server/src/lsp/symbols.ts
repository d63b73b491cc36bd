/**
 * Document symbols: every Kubernetes object of a StatefulSet file (`Kind/name`), and under a
 * StatefulSet its containers and volume claim templates, so the outline and breadcrumbs follow
 * the objects rather than the YAML keys.
 */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type SymbolInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { asMap, asSeq, at, pairOf, relatesToStatefulSets, scalarText, strValue, type Analysis, type Span, type YMap, type YNode } from '../core';
import type { ServerContext } from './context';
import { rangeOf } from './convert';

const shift = (s: Span, by: number): Span => ({ start: s.start + by, end: s.end + by });
const within = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

interface Outline {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  readonly span: Span;
  readonly selection: Span;
  readonly children: readonly Outline[];
}

/** The outline of a file, absolute spans; empty for files we do not speak about. */
export function outlineOf(a: Analysis): Outline[] {
  if (!relatesToStatefulSets(a)) return [];
  const out: Outline[] = [];
  for (const placed of a.docs) {
    const { doc, offset } = placed;
    if (doc.resources.length > 0) {
      for (const r of doc.resources) out.push(objectOutline(r.root, r.kind, offset));
    } else {
      const root = asMap(doc.root);
      if (root && doc.kind) out.push(objectOutline(root, doc.kind, offset));
    }
  }
  return out;
}

function objectOutline(root: YMap, kind: string, offset: number): Outline {
  const namePair = pairOf(pairOf(root, 'metadata')?.value, 'name');
  const name = scalarText(namePair?.value);
  const namespace = strValue(at(root, 'metadata', 'namespace'));
  const span = shift(root.span, offset);
  const selection = shift(namePair?.value?.span ?? pairOf(root, 'kind')?.keySpan ?? root.span, offset);
  const children = kind === 'StatefulSet' ? statefulSetChildren(root, offset).filter((c) => within(c.span, span)) : [];
  return { name: `${kind}/${name ?? '(unnamed)'}`, detail: namespace, kind: SymbolKind.Class, span, selection: within(selection, span) ? selection : span, children };
}

function statefulSetChildren(root: YMap, offset: number): Outline[] {
  const podSpec = at(root, 'spec', 'template', 'spec');
  return [
    ...items(at(podSpec, 'initContainers'), (c) => at(c, 'name'), 'init container', SymbolKind.Object, offset),
    ...items(at(podSpec, 'containers'), (c) => at(c, 'name'), 'container', SymbolKind.Object, offset),
    ...items(at(root, 'spec', 'volumeClaimTemplates'), (t) => at(t, 'metadata', 'name'), 'volume claim template', SymbolKind.Field, offset),
  ];
}

function items(seq: YNode | null | undefined, nameOf: (item: YNode) => YNode | null | undefined, detail: string, kind: SymbolKind, offset: number): Outline[] {
  const out: Outline[] = [];
  for (const item of asSeq(seq)?.items ?? []) {
    if (!item) continue;
    const nameNode = nameOf(item);
    const span = shift(item.span, offset);
    const selection = nameNode ? shift(nameNode.span, offset) : span;
    out.push({ name: scalarText(nameNode) ?? '(unnamed)', detail, kind, span, selection: within(selection, span) ? selection : span, children: [] });
  }
  return out;
}

function toDocumentSymbol(doc: TextDocument, o: Outline): DocumentSymbol {
  return { name: o.name, detail: o.detail, kind: o.kind, range: rangeOf(doc, o.span), selectionRange: rangeOf(doc, o.selection), children: o.children.map((c) => toDocumentSymbol(doc, c)) };
}

function toSymbolInformation(doc: TextDocument, list: readonly Outline[], container?: string): SymbolInformation[] {
  return list.flatMap((o) => [
    { name: o.name, kind: o.kind, location: { uri: doc.uri, range: rangeOf(doc, o.span) }, containerName: container },
    ...toSymbolInformation(doc, o.children, o.name),
  ]);
}

export function register(ctx: ServerContext): void {
  const hierarchical = Boolean(ctx.clientCapabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport);
  ctx.connection.onDocumentSymbol(
    ctx.safe('textDocument/documentSymbol', [], async (params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[]> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return [];
      const outline = outlineOf(a);
      return hierarchical ? outline.map((o) => toDocumentSymbol(doc, o)) : toSymbolInformation(doc, outline);
    }),
  );
}
