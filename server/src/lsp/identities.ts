/**
 * `statefulset/identities`: the identity model of the StatefulSets in an open document, for the
 * preview, with the references to their pods and PVCs in the open documents (PreviewEntry.references);
 * `statefulset/identitiesChanged` tells the client when to ask again.
 */
import { previewReferencesOf, withReferences } from '../core';
import { previewEntries } from '../core/identities';
import {
  IdentitiesChangedNotificationMethod,
  IdentitiesRequestMethod,
  type IdentitiesChangedParams,
  type IdentitiesParams,
  type IdentitiesResult,
} from '../protocol';
import type { ServerContext } from './context';
import { offsetOf } from './convert';
import { openReferences } from './references';

export function register(ctx: ServerContext): void {
  const references = openReferences(ctx);
  ctx.connection.onRequest(
    IdentitiesRequestMethod,
    ctx.safe<IdentitiesParams, IdentitiesResult | null>(IdentitiesRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      const a = await ctx.analysisFor(uri);
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      // References from this file and the other open ones: the preview asks again on every edit, so no file is read from disk.
      let entries = withReferences(previewEntries(a, ctx.index), previewReferencesOf(references(a), (u) => (u === uri ? a : ctx.analysisOf(u))?.text));
      if (params.position) {
        const offset = offsetOf(doc, params.position);
        entries = entries.filter((e) => e.identity.span.start <= offset && offset <= e.identity.span.end);
      }
      return { uri, version: doc.version, statefulSets: entries, defaultNamespace: a.settings.defaultNamespace, clusterDomain: a.settings.clusterDomain };
    }),
  );

  // Documents whose last model had a StatefulSet: their preview must hear when it goes away too.
  const withModels = new Set<string>();
  ctx.onDidChangeAnalysis((change) => {
    const has = change.analysis.resources.some((r) => r.resource.kind === 'StatefulSet');
    if (!has && !withModels.delete(change.uri)) return;
    if (has) withModels.add(change.uri);
    const params: IdentitiesChangedParams = { uri: change.uri, version: change.version };
    void ctx.connection.sendNotification(IdentitiesChangedNotificationMethod, params);
  });
  ctx.documents.onDidClose((e) => withModels.delete(e.document.uri));
}
