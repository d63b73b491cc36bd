/** textDocument/hover: field docs and computed facts (core/hover.ts), as markdown or plain text. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { Analysis, Span } from '../core';
import { configHoverAt, isConfigFileName, patchNameAt } from '../core';
import { hoverAt } from '../core/hover';
import type { ServerContext } from './context';
import { offsetOf, positionOf, rangeOf } from './convert';
import { pathKeyOf, relativeTo } from './kustomize';

/** Markdown as readable plain text, for clients that ask for it (eglot without markdown-mode). */
export function markdownToPlain(md: string): string {
  return md
    .replace(/^```[^\n]*\n?/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/^#+\s*/gm, '')
    .replace(/^\s*---+\s*$/gm, '');
}

export function register(ctx: ServerContext): void {
  const formats = ctx.clientCapabilities.textDocument?.hover?.contentFormat;
  const markdown = !formats || formats.length === 0 || formats.includes(MarkupKind.Markdown);
  ctx.connection.onHover(
    ctx.safe('textDocument/hover', null, async (params: HoverParams): Promise<Hover | null> => {
      const a = await ctx.analysisFor(params.textDocument.uri);
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!a || !doc) return null;
      const offset = offsetOf(doc, params.position);
      const patched = a.patch ? await patchHover(ctx, params.textDocument.uri, a, offset) : undefined;
      const h = isConfigFileName(doc.uri) ? configHoverAt(a, offset) : hoverAt(a, offset, ctx.index);
      const value = [patched?.contents, h?.contents].filter((c) => c !== undefined).join('\n\n---\n\n');
      const span = patched?.span ?? h?.span;
      if (!span) return null;
      const contents = markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: markdownToPlain(value) };
      return { contents, range: rangeOf(doc, span) };
    }),
  );
}

/**
 * On a patch's `metadata.name`: the object it patches (kind and name in the resources of the
 * kustomizations naming the file), with its file and line.
 */
async function patchHover(ctx: ServerContext, uri: string, a: Analysis, offset: number): Promise<{ contents: string; span: Span } | undefined> {
  const hit = patchNameAt(a, offset);
  if (!hit) return undefined;
  const here = pathKeyOf(uri);
  const naming = ctx.kustomize.namingOf(uri).map((k) => `\`${k}\``).join(', ');
  const lines: string[] = [];
  for (const { target } of ctx.kustomize.targetsOf(uri, hit.kind, hit.name, ctx.index)) {
    const doc = await ctx.documentFor(target.uri);
    const line = doc ? positionOf(doc, target.nameSpan.start).line + 1 : undefined;
    const file = relativeTo(here, pathKeyOf(target.uri));
    lines.push(`Patches ${hit.kind} \`${hit.name}\` in [${file}](${target.uri}${line ? `#L${line}` : ''})${line ? `, line ${line}` : ''}.`);
  }
  if (lines.length === 0) lines.push(`Patches ${hit.kind} \`${hit.name}\`; no ${hit.kind} of that name is among the resources of ${naming || 'its kustomization'} in the workspace.`);
  return { contents: `**Kustomize patch** (named by ${naming})\n\n${lines.join('\n\n')}`, span: hit.span };
}
