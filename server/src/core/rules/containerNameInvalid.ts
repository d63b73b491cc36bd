import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { checkLabelName, containersOf, eachStatefulSet, q, templateNote } from './util';

export const containerNameInvalid: Rule = {
  meta: {
    id: 'container-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container has no name, a name that is not a DNS label, or the name of another container.',
    docs: 'Every container and init container needs a name that is a DNS label (at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit), unique across both lists. Since 1.34 the API server rejects a StatefulSet that breaks this; older releases accept it, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      initContainers:\n        - name: init-db\n          image: busybox:1.36\n      containers:\n        - name: db\n          image: postgres:16',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const seen = new Set<string>();
      for (const c of containersOf(v)) {
        const pair = pairOf(c.map, 'name');
        const path = `${c.path}.name`;
        const name = checkLabelName(ctx, pair, c.map.pairs[0]?.keySpan ?? c.map.span, { what: 'Container name', path, missing: 'Every container needs a name.', note });
        if (name === undefined || !pair?.value) continue;
        if (seen.has(name)) {
          ctx.report({ span: pair.value.span, message: `Container name ${q(name)} is already used by another container of this pod; names must be unique across containers and initContainers.${note}`, path });
        }
        seen.add(name);
      }
    });
  },
};
