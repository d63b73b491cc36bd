import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { claimSpecNote, claimSpecsOf, eachStatefulSet, isAbsent } from './util';

export const storageRequestMissing: Rule = {
  meta: {
    id: 'storage-request-missing',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A volume claim template does not request storage.',
    docs: 'A claim must ask for a size with `spec.resources.requests.storage`, such as 10Gi; a limit alone does not count. Since 1.34 the API server rejects a claim template without it; older releases accept the StatefulSet, but the controller then fails to create the claims.',
    example: 'spec:\n  resources:\n    requests:\n      storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const t of claimSpecsOf(v)) {
        const resourcesPair = pairOf(t.spec, 'resources');
        const requestsPair = pairOf(asMap(resourcesPair?.value), 'requests');
        const storagePair = pairOf(asMap(requestsPair?.value), 'storage');
        if (!isAbsent(storagePair?.value)) continue;
        if (resourcesPair?.value && resourcesPair.value.kind !== 'map') continue;
        if (requestsPair?.value && requestsPair.value.kind !== 'map') continue;
        ctx.report({
          span: storagePair?.keySpan ?? requestsPair?.keySpan ?? resourcesPair?.keySpan ?? t.anchor,
          message: `The claim template must request storage under resources.requests.storage, for example 10Gi.${claimSpecNote(ctx, t)}`,
          path: `${t.path}.resources[storage]`,
          fix: storagePair
            ? { kind: 'replace-value', value: '1Gi' }
            : requestsPair
              ? { kind: 'add-field', path: `${t.path}.resources.requests`, key: 'storage', value: '1Gi' }
              : resourcesPair
                ? { kind: 'add-field', path: `${t.path}.resources`, key: 'requests', value: { storage: '1Gi' } }
                : t.spec
                  ? { kind: 'add-field', path: t.path, key: 'resources', value: { requests: { storage: '1Gi' } } }
                  : undefined,
        });
      }
    });
  },
};
