import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { containersOf, eachStatefulSet, reportIfNotOneOf, templateNote } from './util';

export const imagePullPolicyInvalid: Rule = {
  meta: {
    id: 'image-pull-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container imagePullPolicy is not Always, IfNotPresent or Never.',
    docs: 'imagePullPolicy tells the kubelet when to pull the image: `Always`, `IfNotPresent` or `Never`, exact case (left out, it defaults from the image tag). Since 1.34 the API server rejects other values in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'containers:\n  - name: web\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const c of containersOf(v)) {
        reportIfNotOneOf(ctx, pairOf(c.map, 'imagePullPolicy')?.value, ['Always', 'IfNotPresent', 'Never'], { path: `${c.path}.imagePullPolicy`, what: 'imagePullPolicy', emptyIsDefault: true, note: templateNote(ctx) });
      }
    });
  },
};
