import { pairOf } from '../yamlTree';
import type { Rule } from './types';
import { containersOf, eachStatefulSet, reportIfNotOneOf, templateNote } from './util';

export const terminationMessagePolicyInvalid: Rule = {
  meta: {
    id: 'termination-message-policy-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container terminationMessagePolicy is neither File nor FallbackToLogsOnError.',
    docs: 'terminationMessagePolicy says where the kubelet reads a container\'s last words: `File` (the default, the file at terminationMessagePath) or `FallbackToLogsOnError` (the end of the log when the file is empty and the container failed), exact case. Since 1.34 the API server rejects other values in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'containers:\n  - name: web\n    image: nginx:1.27\n    terminationMessagePolicy: FallbackToLogsOnError',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const c of containersOf(v)) {
        reportIfNotOneOf(ctx, pairOf(c.map, 'terminationMessagePolicy')?.value, ['File', 'FallbackToLogsOnError'], { path: `${c.path}.terminationMessagePolicy`, what: 'terminationMessagePolicy', emptyIsDefault: true, note: templateNote(ctx) });
      }
    });
  },
};
