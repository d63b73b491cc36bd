import { baseDiffOf, nameList as names } from '../baseDiff';
import { FEATURE_SINCE } from '../identities';
import { atLeast } from '../settings';
import { at, pairOf } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { specOf, startOrdinalOf } from './statefulSetParts';
import type { Rule } from './types';

export const ordinalsStartChanged: Rule = {
  meta: {
    id: 'ordinals-start-changed',
    defaultSeverity: 'warning',
    summary: '`ordinals.start` differs from what is deployed: applying renames pods, and their claims do not follow.',
    docs:
      "A pod's name is its ordinal, and so is the name of each of its claims. Changing `spec.ordinals.start` on a deployed StatefulSet (the git base: `statefulset.compareWith`, `--base REF`) makes the controller delete the pods whose ordinals fall out of the new range and create pods with the new ordinals, on new, empty claims; the old claims stay behind, unused (or are deleted under `whenScaled: Delete`). This warning lists the pods that go and come. Honoured by default from Kubernetes 1.27.",
    example: 'spec:\n  ordinals:\n    start: 0   # as deployed\n',
    versions: { since: '1.27' },
    scope: 'base',
  },
  check(ctx) {
    if (!atLeast(ctx.settings.version, FEATURE_SINCE.startOrdinal)) return;
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      const was = startOrdinalOf(base.resource);
      const now = startOrdinalOf(current);
      if (was === undefined || now === undefined || was === now) continue;
      // The identity model's pods and claims on both sides.
      const d = baseDiffOf(base, current, 0, ctx.settings, ref);
      const before = [...d.pods.kept, ...d.pods.removed].sort(byOrdinal);
      const after = [...d.pods.kept, ...d.pods.added].sort(byOrdinal);
      let message = `ordinals.start was ${was} at ${ref}: the pods ${names(before) || 'none'} become ${names(after) || 'none'}.`;
      if (d.pods.removed.length > 0) message += ` The controller deletes ${names(d.pods.removed)}`;
      if (d.pods.added.length > 0) message += `${d.pods.removed.length > 0 ? ' and creates' : ' The controller creates'} ${names(d.pods.added)}`;
      if (d.pvcs.created.length > 0) message += ` on new, empty claims (${names(d.pvcs.created)})`;
      if (d.pods.removed.length > 0 || d.pods.added.length > 0) message += '.';
      if (d.pvcs.deleted.length > 0) message += ` The claims ${names(d.pvcs.deleted)} are deleted (whenScaled: Delete).`;
      else if (d.pvcs.unused.length > 0) message += ` The claims ${names(d.pvcs.unused)} stay behind, unused.`;
      const node = at(specOf(current), 'ordinals', 'start');
      ctx.report({ span: node?.span ?? pairOf(specOf(current), 'ordinals')?.keySpan ?? pairOf(current.root, 'spec')?.keySpan ?? current.root.span, message, path: `${current.pathPrefix}spec.ordinals.start` });
    }
  },
};

function byOrdinal(a: string, b: string): number {
  return Number(/\d+$/.exec(a)?.[0] ?? 0) - Number(/\d+$/.exec(b)?.[0] ?? 0);
}
