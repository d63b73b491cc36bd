/**
 * `statefulset/identities`: the identity model of the StatefulSets in an open document, for the
 * preview, with the references to their pods and PVCs in the open documents
 * (PreviewEntry.references); `statefulset/identitiesSummary` and the summary sent with `statefulset/identitiesChanged`,
 * for the status bar. Line numbers come from the open document, so no answer joins its text.
 */
import { previewReferencesOf, withReferences } from '../core';
import { withBaseDiffs } from '../core/baseDiff';
import { identitiesSummary, MAX_ANSWER_PODS, MAX_ANSWER_STATEFULSETS, previewEntries, statefulSetChoices, type ReplicasMemo, type StatefulSetChoice } from '../core/identities';
import {
  IdentitiesChangedNotificationMethod,
  IdentitiesRequestMethod,
  IdentitiesSummaryRequestMethod,
  type IdentitiesChangedParams,
  type IdentitiesParams,
  type IdentitiesResult,
  type IdentitiesSummaryParams,
  type IdentitiesSummaryResult,
} from '../protocol';
import type { PreviewEntry } from '../core/identityModel';
import type { ServerContext } from './context';
import type { BuiltOverlay } from './overlays';
import { offsetOf, positionOf } from './convert';
import { openReferences } from './references';

/** The set asked for: at its index, unless a set of that name moved elsewhere (as the preview follows a name). */
function located(choices: readonly StatefulSetChoice[], wanted: { readonly index: number; readonly name?: string }): number | undefined {
  const atIndex = choices[wanted.index];
  if (wanted.name !== undefined && atIndex?.name !== wanted.name) {
    const byName = choices.find((c) => c.name === wanted.name);
    if (byName) return byName.index;
  }
  return atIndex ? atIndex.index : choices.length > 0 ? Math.min(Math.max(0, wanted.index), choices.length - 1) : undefined;
}

export function register(ctx: ServerContext): void {
  // Every keystroke sends a summary: a chunk's parse reused is its replicas reused.
  const memo: ReplicasMemo = new WeakMap();
  const references = openReferences(ctx);
  ctx.connection.onRequest(
    IdentitiesRequestMethod,
    ctx.safe<IdentitiesParams, IdentitiesResult | null>(IdentitiesRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      // A kustomization's model is what its overlay builds.
      const overlay = ctx.kustomize.isKustomization(uri) ? await ctx.builtOverlay(uri) : undefined;
      const a = overlay?.analysis ?? (await ctx.analysisFor(uri));
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      const wanted = params.statefulSet;
      let choices: StatefulSetChoice[] | undefined;
      let only: number[] | undefined;
      if (wanted && Number.isInteger(wanted.index)) {
        choices = statefulSetChoices(a, memo);
        const i = located(choices, wanted);
        only = i === undefined ? [] : [i];
      } else if (params.position && !overlay) {
        const offset = offsetOf(doc, params.position);
        only = statefulSetChoices(a, memo).filter((c) => c.span.start <= offset && offset <= c.span.end).map((c) => c.index);
      } else {
        const all = statefulSetChoices(a, memo);
        if (all.length > MAX_ANSWER_STATEFULSETS) {
          choices = all;
          only = all.slice(0, MAX_ANSWER_STATEFULSETS).map((c) => c.index);
        }
      }
      const own = previewEntries(a, overlay?.index ?? ctx.index, { only, maxPods: MAX_ANSWER_PODS, positionAt: (offset) => positionOf(doc, offset) });
      // References from this file and the other open ones (never read from disk: the preview asks again on every edit); an overlay's built text has none of its own.
      // Only the references to the sets answered are placed in lines (which reads their files' text).
      const shown = new Set(own.map((e) => e.identity.name));
      const referenced = overlay || own.length === 0 ? own : withReferences(own, previewReferencesOf(references(a).filter((r) => shown.has(r.facts.name)), (u) => ctx.documents.get(u)));
      const entries = withBaseDiffs(referenced, a, a.base);
      return {
        uri,
        version: doc.version,
        statefulSets: overlay ? asBuilt(entries, overlay) : entries,
        defaultNamespace: a.settings.defaultNamespace,
        clusterDomain: a.settings.clusterDomain,
        ...(choices ? { choices } : {}),
        maxPods: MAX_ANSWER_PODS,
        ...(overlay ? { overlay: { label: overlay.label } } : {}),
      };
    }),
  );

  ctx.connection.onRequest(
    IdentitiesSummaryRequestMethod,
    ctx.safe<IdentitiesSummaryParams, IdentitiesSummaryResult | null>(IdentitiesSummaryRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      const overlay = ctx.kustomize.isKustomization(uri) ? await ctx.builtOverlay(uri) : undefined;
      const a = overlay?.analysis ?? (await ctx.analysisFor(uri));
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      return { uri, version: doc.version, ...identitiesSummary(a, memo) };
    }),
  );

  // Documents whose last model had a StatefulSet: their preview must hear when it goes away too.
  const withModels = new Set<string>();
  ctx.onDidChangeAnalysis((change) => {
    // A kustomization's model is its overlay's, which changes with other files too.
    const has = change.analysis.resources.some((r) => r.resource.kind === 'StatefulSet') || ctx.kustomize.isKustomization(change.uri);
    if (!has && !withModels.delete(change.uri)) return;
    if (has) withModels.add(change.uri);
    // A kustomization's summary is its overlay's: the client asks for it (identitiesSummary), off the keystroke path.
    const summary = ctx.kustomize.isKustomization(change.uri) ? undefined : identitiesSummary(change.analysis, memo);
    const params: IdentitiesChangedParams = { uri: change.uri, version: change.version, ...(summary ? { summary } : {}) };
    void ctx.connection.sendNotification(IdentitiesChangedNotificationMethod, params);
  });
  ctx.documents.onDidClose((e) => withModels.delete(e.document.uri));
}

/**
 * The entries of a built overlay: names as kustomize writes them (a namePrefix renames every pod,
 * claim and DNS name). Findings and spans are left out: spans in the built text mean nothing in
 * the editor, and the findings are diagnostics in the files where they can be fixed.
 */
function asBuilt(entries: readonly PreviewEntry[], overlay: BuiltOverlay): PreviewEntry[] {
  const note = `The overlay ${overlay.label} as built: names carry its namePrefix, nameSuffix and namespace.`;
  const missing = overlay.notBuilt.length > 0 ? [`Not built in-process: ${overlay.notBuilt.join(', ')}; what is shown may differ from kustomize's output.`] : [];
  return entries.map((e) => ({
    ...e,
    identity: { ...e.identity, span: { start: 0, end: 0 }, nameSpan: undefined, notes: [note, ...missing, ...e.identity.notes] },
    findings: [],
  }));
}
