/**
 * `statefulset/identities`: the identity model of the StatefulSets in an open document, for the
 * preview; `statefulset/identitiesChanged` tells the client when to ask again.
 */
import { withBaseDiffs } from '../core/baseDiff';
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

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(
    IdentitiesRequestMethod,
    ctx.safe<IdentitiesParams, IdentitiesResult | null>(IdentitiesRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      if (ctx.kustomize.isKustomization(uri)) {
        const overlay = await overlayIdentities(ctx, uri);
        if (overlay) return overlay;
      }
      const a = await ctx.analysisFor(uri);
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      let entries = withBaseDiffs(previewEntries(a, ctx.index), a, a.base);
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
    // A kustomization's model is its overlay's, which changes with other files too.
    const has = change.analysis.resources.some((r) => r.resource.kind === 'StatefulSet') || ctx.kustomize.isKustomization(change.uri);
    if (!has && !withModels.delete(change.uri)) return;
    if (has) withModels.add(change.uri);
    const params: IdentitiesChangedParams = { uri: change.uri, version: change.version };
    void ctx.connection.sendNotification(IdentitiesChangedNotificationMethod, params);
  });
  ctx.documents.onDidClose((e) => withModels.delete(e.document.uri));
}

/**
 * The model of what a kustomization builds: names as kustomize writes them (a namePrefix renames
 * every pod, claim and DNS name). Its findings are left out: they are placed, as diagnostics, in
 * the files where they can be fixed, and spans in the built text mean nothing in the editor.
 */
async function overlayIdentities(ctx: ServerContext, uri: string): Promise<IdentitiesResult | undefined> {
  const doc = ctx.documents.get(uri);
  const built = doc && (await ctx.builtOverlay(uri));
  if (!doc || !built) return undefined;
  const note = `The overlay ${built.label} as built: names carry its namePrefix, nameSuffix and namespace.`;
  const missing = built.notBuilt.length > 0 ? [`Not built in-process: ${built.notBuilt.join(', ')}; what is shown may differ from kustomize's output.`] : [];
  const statefulSets = previewEntries(built.analysis, built.index).map((e) => ({
    ...e,
    identity: { ...e.identity, span: { start: 0, end: 0 }, nameSpan: undefined, notes: [note, ...missing, ...(e.identity.notes ?? [])] },
    findings: [],
  }));
  const s = built.analysis.settings;
  return { uri, version: doc.version, statefulSets, defaultNamespace: s.defaultNamespace, clusterDomain: s.clusterDomain, overlay: { label: built.label } };
}
