import { dns1123SubdomainProblem } from '../names';
import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { claimNote, claimTemplatesOf, eachStatefulSet, q } from './util';

export const storageClassNameInvalid: Rule = {
  meta: {
    id: 'storage-class-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A claim template storageClassName is not a valid StorageClass name.',
    docs: 'storageClassName names a StorageClass, whose names are DNS subdomains: lowercase letters, digits, "-" and ".", at most 253 characters, each dot-separated part starting and ending with a letter or digit. An empty string is allowed and means "no class". Since 1.34 the API server rejects other names; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  storageClassName: fast-ssd',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimTemplatesOf(v)) {
        const node = pairOf(t.spec, 'storageClassName')?.value;
        const name = strValue(node);
        const problem = name ? dns1123SubdomainProblem(name) : undefined;
        if (!node || !problem) continue;
        ctx.report({ span: node.span, message: `storageClassName ${q(name as string)} is not a valid StorageClass name: ${problem}.${claimNote(ctx)}`, path: `${t.path}.storageClassName` });
      }
    });
  },
};
