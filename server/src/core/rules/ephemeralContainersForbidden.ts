import { asSeq, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, templateNote } from './util';

export const ephemeralContainersForbidden: Rule = {
  meta: {
    id: 'ephemeral-containers-forbidden',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'The pod template lists ephemeral containers.',
    docs: 'Ephemeral containers are debugging containers added to a running pod (`kubectl debug`), never created from a template. The API server rejects a pod template that lists any; to ship a helper with every pod, make it an init container with `restartPolicy: Always` (a sidecar) or a regular container. Since 1.34 the StatefulSet itself is rejected; older releases accept it, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      initContainers:\n        - name: debug-tools\n          image: busybox:1.36\n          restartPolicy: Always',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const pair = pairOf(v.podSpec, 'ephemeralContainers');
      if (!pair || (asSeq(pair.value)?.items.length ?? 0) === 0) return;
      ctx.report({
        span: pair.keySpan,
        message: `A pod template cannot have ephemeral containers: they are added to running pods for debugging. Use a sidecar (an init container with restartPolicy: Always) or a regular container.${templateNote(ctx)}`,
        path: `${v.prefix}spec.template.spec.ephemeralContainers`,
        fix: { kind: 'remove-pair' },
      });
    });
  },
};
