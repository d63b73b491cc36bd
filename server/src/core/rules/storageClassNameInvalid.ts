import { dns1123SubdomainProblem } from '../names';
import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, q } from './util';

export const storageClassNameInvalid: Rule = {
  meta: {
    id: 'storage-class-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A claim template storageClassName or volumeAttributesClassName is not a valid class name.',
    docs: 'storageClassName names a StorageClass, whose names are DNS subdomains: lowercase letters, digits, "-" and ".", at most 253 characters, each dot-separated part starting and ending with a letter or digit. An empty string is allowed and means "no class". volumeAttributesClassName names a VolumeAttributesClass by the same grammar. Since 1.34 the API server rejects other names; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  storageClassName: fast-ssd',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        for (const [key, kind] of [['storageClassName', 'StorageClass'], ['volumeAttributesClassName', 'VolumeAttributesClass']]) {
          const node = pairOf(t.spec, key)?.value;
          const name = strValue(node);
          const problem = name ? dns1123SubdomainProblem(name) : undefined;
          if (!node || !problem) continue;
          ctx.report({ span: node.span, message: `${key} ${q(name as string)} is not a valid ${kind} name: ${problem}.${claimSpecNote(ctx, t)}`, path: `${t.path}.${key}` });
        }
      }
    });
  },
};
