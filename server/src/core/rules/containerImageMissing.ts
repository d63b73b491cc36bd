import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { containersOf, eachStatefulSet, isAbsent, templateNote } from './util';

export const containerImageMissing: Rule = {
  meta: {
    id: 'container-image-missing',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A container has no image.',
    docs: 'Every container and init container must name the image it runs. Since 1.34 the API server rejects a StatefulSet whose pod template has a container without `image`; older releases accept it, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const c of containersOf(v)) {
        const pair = pairOf(c.map, 'image');
        if (!isAbsent(pair?.value) && strValue(pair.value) !== '') continue;
        const namePair = pairOf(c.map, 'name');
        const label = strValue(namePair?.value);
        ctx.report({
          // A missing image belongs to the container: its entry starts on the line of its first key.
          span: pair?.keySpan ?? c.map.pairs[0]?.keySpan ?? c.map.span,
          message: `Container${label ? ` "${label}"` : ''} needs an image.${templateNote(ctx)}`,
          path: `${c.path}.image`,
        });
      }
    });
  },
};
