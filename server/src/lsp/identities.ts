/**
 * `statefulset/identities`: the identity model of the StatefulSets in an open document, for the
 * preview; `statefulset/identitiesSummary` and the summary sent with `statefulset/identitiesChanged`,
 * for the status bar. Line numbers come from the open document, so no answer joins its text.
 */
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
import type { ServerContext } from './context';
import { offsetOf, positionOf } from './convert';

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
  ctx.connection.onRequest(
    IdentitiesRequestMethod,
    ctx.safe<IdentitiesParams, IdentitiesResult | null>(IdentitiesRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      const a = await ctx.analysisFor(uri);
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      const wanted = params.statefulSet;
      let choices: StatefulSetChoice[] | undefined;
      let only: number[] | undefined;
      if (wanted && Number.isInteger(wanted.index)) {
        choices = statefulSetChoices(a, memo);
        const i = located(choices, wanted);
        only = i === undefined ? [] : [i];
      } else if (params.position) {
        const offset = offsetOf(doc, params.position);
        only = statefulSetChoices(a, memo).filter((c) => c.span.start <= offset && offset <= c.span.end).map((c) => c.index);
      } else {
        const all = statefulSetChoices(a, memo);
        if (all.length > MAX_ANSWER_STATEFULSETS) {
          choices = all;
          only = all.slice(0, MAX_ANSWER_STATEFULSETS).map((c) => c.index);
        }
      }
      const entries = withBaseDiffs(previewEntries(a, ctx.index, { only, maxPods: MAX_ANSWER_PODS, positionAt: (offset) => positionOf(doc, offset) }), a, a.base);
      return {
        uri,
        version: doc.version,
        statefulSets: entries,
        defaultNamespace: a.settings.defaultNamespace,
        clusterDomain: a.settings.clusterDomain,
        ...(choices ? { choices } : {}),
        maxPods: MAX_ANSWER_PODS,
      };
    }),
  );

  ctx.connection.onRequest(
    IdentitiesSummaryRequestMethod,
    ctx.safe<IdentitiesSummaryParams, IdentitiesSummaryResult | null>(IdentitiesSummaryRequestMethod, null, async (params) => {
      const uri = params.textDocument.uri;
      const a = await ctx.analysisFor(uri);
      const doc = ctx.documents.get(uri);
      if (!a || !doc) return null;
      return { uri, version: doc.version, ...identitiesSummary(a, memo) };
    }),
  );

  // Documents whose last model had a StatefulSet: their preview must hear when it goes away too.
  const withModels = new Set<string>();
  ctx.onDidChangeAnalysis((change) => {
    const has = change.analysis.resources.some((r) => r.resource.kind === 'StatefulSet');
    if (!has && !withModels.delete(change.uri)) return;
    if (has) withModels.add(change.uri);
    const params: IdentitiesChangedParams = { uri: change.uri, version: change.version, summary: identitiesSummary(change.analysis, memo) };
    void ctx.connection.sendNotification(IdentitiesChangedNotificationMethod, params);
  });
  ctx.documents.onDidClose((e) => withModels.delete(e.document.uri));
}
