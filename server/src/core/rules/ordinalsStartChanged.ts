import { FEATURE_SINCE } from '../identities';
import { atLeast } from '../settings';
import { at, pairOf } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { claimName, claimTemplatesOf, nameRun, replicasOf, specOf, startOrdinalOf } from './statefulSetParts';
import type { Rule } from './types';

export const ordinalsStartChanged: Rule = {
  meta: {
    id: 'ordinals-start-changed',
    defaultSeverity: 'warning',
    summary: '`ordinals.start` differs from what is deployed: applying renames pods, and their claims do not follow.',
    docs:
      "A pod's name is its ordinal, and so is the name of each of its claims. Changing `spec.ordinals.start` on a deployed StatefulSet (the git base: `statefulset.compareWith`, `--base REF`) makes the controller delete the pods whose ordinals fall out of the new range and create pods with the new ordinals, on new, empty claims; the old claims stay behind, unused. This warning lists the pods that go and come. Honoured by default from Kubernetes 1.27.",
    example: 'spec:\n  ordinals:\n    start: 0   # as deployed\n',
    versions: { since: '1.27' },
    scope: 'base',
  },
  check(ctx) {
    if (!atLeast(ctx.settings.version, FEATURE_SINCE.startOrdinal)) return;
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      const was = startOrdinalOf(base.resource);
      const now = startOrdinalOf(current);
      const oldCount = replicasOf(base.resource);
      const newCount = replicasOf(current);
      if (was === undefined || now === undefined || was === now || oldCount === undefined || newCount === undefined) continue;
      const set = current.name as string;
      const pods = (first: number, count: number) => (count > 0 ? nameRun((o) => `${set}-${o}`, first, first + count - 1) : 'none');
      const removed: number[] = [];
      const added: number[] = [];
      for (let o = was; o < was + Math.min(oldCount, 1000); o++) if (o < now || o >= now + newCount) removed.push(o);
      for (let o = now; o < now + Math.min(newCount, 1000); o++) if (o < was || o >= was + oldCount) added.push(o);
      const list = (os: number[]) => (os.length > 3 ? `${set}-${os[0]} … ${set}-${os[os.length - 1]}` : os.map((o) => `${set}-${o}`).join(', '));
      let message = `ordinals.start was ${was} at ${ref}: the pods ${pods(was, oldCount)} become ${pods(now, newCount)}.`;
      if (removed.length > 0) message += ` The controller deletes ${list(removed)}`;
      if (added.length > 0) message += `${removed.length > 0 ? ' and creates' : ' The controller creates'} ${list(added)}`;
      const templates = claimTemplatesOf(current).flatMap((t) => (t.name === undefined ? [] : [t.name]));
      if (added.length > 0 && templates.length > 0) message += ` on new, empty claims (${templates.map((t) => claimName(t, set, added[0])).join(', ')}${added.length > 1 ? ', …' : ''}); the claims of the removed pods stay behind, unused`;
      if (removed.length > 0 || added.length > 0) message += '.';
      const node = at(specOf(current), 'ordinals', 'start');
      ctx.report({ span: node?.span ?? pairOf(specOf(current), 'ordinals')?.keySpan ?? pairOf(current.root, 'spec')?.keySpan ?? current.root.span, message, path: `${current.pathPrefix}spec.ordinals.start` });
    }
  },
};
