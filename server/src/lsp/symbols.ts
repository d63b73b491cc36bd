/**
 * Document symbols: every Kubernetes object of a StatefulSet file (`Kind/name`), and under a
 * StatefulSet its containers and volume claim templates, so the outline and breadcrumbs follow
 * the objects rather than the YAML keys.
 */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { asMap, asSeq, at, pairOf, relatesToStatefulSets, scalarText, strValue, type Analysis, type PlacedDoc, type Span, type YMap, type YNode } from '../core';
import type { ParsedDoc } from '../core/parse';
import type { ServerContext } from './context';
import { positionOf, rangeOf } from './convert';

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

/** The outline of one YAML document, spans relative to its chunk. */
function docOutline(placed: PlacedDoc): Outline[] {
  const { doc } = placed;
  if (doc.resources.length > 0) return doc.resources.map((r) => objectOutline(r.root, r.kind, 0));
  const root = asMap(doc.root);
  return root && doc.kind ? [objectOutline(root, doc.kind, 0)] : [];
}

/** The symbols of one chunk, and the line its chunk started on when they were made. */
interface ChunkSymbols {
  readonly line: number;
  readonly character: number;
  readonly symbols: readonly DocumentSymbol[];
}

const moved = (r: Range, by: number): Range => ({ start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } });

function movedSymbol(s: DocumentSymbol, by: number): DocumentSymbol {
  return { ...s, range: moved(s.range, by), selectionRange: moved(s.selectionRange, by), children: s.children?.map((c) => movedSymbol(c, by)) };
}

/**
 * Document symbols made per chunk and reused while the chunk's parse is: an edit remakes the
 * edited chunk's only, and moves the ones below it when lines were added or removed (a chunk
 * starts a line, so only lines move; one that does not is remade when its column changes). Keyed by the parse, so a closed document's entries go with it.
 */
function symbolCache(): (doc: TextDocument, a: Analysis) => DocumentSymbol[] {
  const cache = new WeakMap<ParsedDoc, ChunkSymbols>();
  return (doc, a) => {
    if (!relatesToStatefulSets(a)) return [];
    const out: DocumentSymbol[] = [];
    for (const placed of a.docs) {
      const { line, character } = positionOf(doc, placed.offset);
      let entry = cache.get(placed.doc);
      if (!entry || entry.character !== character) {
        entry = { line, character, symbols: docOutline(placed).map((o) => toDocumentSymbol(doc, shifted(o, placed.offset))) };
        cache.set(placed.doc, entry);
      } else if (entry.line !== line) {
        const by = line - entry.line;
        entry = { line, character, symbols: entry.symbols.map((s) => movedSymbol(s, by)) };
        cache.set(placed.doc, entry);
      }
      out.push(...entry.symbols);
    }
    return out;
  };
}

/** The outline of a file, absolute spans; empty for files we do not speak about. */
function outlineOf(a: Analysis): Outline[] {
  if (!relatesToStatefulSets(a)) return [];
  return a.docs.flatMap((placed) => docOutline(placed).map((o) => shifted(o, placed.offset)));
}

function shifted(o: Outline, by: number): Outline {
  return { ...o, span: shift(o.span, by), selection: shift(o.selection, by), children: o.children.map((c) => shifted(c, by)) };
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
  const symbolsOf = symbolCache();
  ctx.connection.onDocumentSymbol(
    ctx.safe('textDocument/documentSymbol', [], async (params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[]> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return [];
      return hierarchical ? symbolsOf(doc, a) : toSymbolInformation(doc, outlineOf(a));
    }),
  );
}
