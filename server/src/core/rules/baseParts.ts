/**
 * What the rules that compare with a base share: each served StatefulSet of the document with
 * the object of the same namespace and name in the base, when the base has one.
 */
import type { SourcedResource } from '../baseCompare';
import type { Resource } from '../parse';
import { namespaceOf } from './statefulSetParts';
import { statefulSets, type RuleContext } from './types';

export interface WithBase {
  readonly current: Resource;
  readonly base: SourcedResource;
  readonly namespace: string;
  /** `HEAD`, `origin/main`: for messages. */
  readonly ref: string;
}

/** A new object (none in the base), one without a name, or no base at all: nothing to compare. */
export function statefulSetsWithBase(ctx: RuleContext): WithBase[] {
  const base = ctx.base;
  if (!base) return [];
  const out: WithBase[] = [];
  for (const current of statefulSets(ctx)) {
    if (current.name === undefined) continue;
    const namespace = namespaceOf(current, ctx.settings);
    const found = base.find('StatefulSet', namespace, current.name);
    if (found) out.push({ current, base: found, namespace, ref: base.ref });
  }
  return out;
}
