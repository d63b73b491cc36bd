import { templateChanged } from '../baseCompare';
import { identityOf } from '../identities';
import { at, pairOf } from '../yamlTree';
import { statefulSetsWithBase } from './baseParts';
import { specOf } from './statefulSetParts';
import type { Rule } from './types';

export const rolloutHeld: Rule = {
  meta: {
    id: 'rollout-held',
    defaultSeverity: 'warning',
    summary: 'The pod template changed, but a partition (or OnDelete) keeps some pods on the deployed version.',
    docs:
      "A rolling update replaces only the pods whose ordinal is at or above `updateStrategy.rollingUpdate.partition`; the pods below it keep the old template until the partition is lowered. With `updateStrategy.type: OnDelete` no pod is replaced until you delete it. That is how canaries are done, and also how a fix silently reaches only some pods. When the pod template differs from what is deployed (the git base: `statefulset.compareWith`, `--base REF`), this warning names the pods that get the change and the ones that keep the old template.",
    example: 'spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 0\n',
    scope: 'base',
  },
  check(ctx) {
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      if (!templateChanged(base.resource, current)) continue;
      const update = identityOf(current, 0, ctx.settings, 0).update;
      if (update.unchanged.length === 0) continue;
      const names = (pods: readonly string[]) => (pods.length === 0 ? 'none' : pods.length > 4 ? `${pods[0]} … ${pods[pods.length - 1]} (${pods.length})` : pods.join(', '));
      const strategy = pairOf(at(specOf(current), 'updateStrategy'), 'type');
      const partition = at(specOf(current), 'updateStrategy', 'rollingUpdate', 'partition');
      const message =
        update.strategy === 'OnDelete'
          ? `The pod template differs from ${ref}, but with OnDelete no pod gets it until you delete it: ${names(update.unchanged)} keep the old template.`
          : `The pod template differs from ${ref}, but partition ${update.partition} holds the rollout: ${names(update.updated)} get the new template, ${names([...update.unchanged].sort())} keep the old one until the partition is lowered.`;
      const span = update.strategy === 'OnDelete' ? (strategy?.value?.span ?? strategy?.keySpan) : partition?.span;
      ctx.report({ span: span ?? pairOf(current.root, 'spec')?.keySpan ?? current.root.span, message, path: `${current.pathPrefix}spec.updateStrategy` });
    }
  },
};
