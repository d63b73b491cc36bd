/**
 * The identity references of open documents, for the features that gather them from every open
 * file on each request (inlay hints, the preview): kept per analysis while the index says the
 * same, so only a document that changed (or a change of what it names) is read again.
 */
import { referencesInFile, type Analysis, type FileReference } from '../core';
import type { ServerContext } from './context';

export type OpenReferences = (current: Analysis) => FileReference[];

export function openReferences(ctx: ServerContext): OpenReferences {
  const memo = new WeakMap<Analysis, { readonly version: number; readonly refs: FileReference[] }>();
  const of = (a: Analysis): FileReference[] => {
    const known = memo.get(a);
    if (known && known.version === ctx.index.contentVersion) return known.refs;
    const refs = referencesInFile(a, ctx.index);
    memo.set(a, { version: ctx.index.contentVersion, refs });
    return refs;
  };
  return (current) => {
    const out = [...of(current)];
    for (const d of ctx.documents.all()) {
      const other = d.uri === current.uri ? undefined : ctx.analysisOf(d.uri);
      if (other) out.push(...of(other));
    }
    return out;
  };
}
