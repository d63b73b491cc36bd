import { asMap, pairOf } from '../yamlTree';
import type { Rule } from './types';
import { checkLabelName, claimNote, eachStatefulSet, mapItems } from './util';

export const claimTemplateNameInvalid: Rule = {
  meta: {
    id: 'claim-template-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A volume claim template has no name, or a name that is not a DNS label.',
    docs: 'Each claim template becomes a pod volume of the same name (which containers mount) and a claim per pod named `<template>-<statefulset>-<ordinal>`, so its `metadata.name` is required and must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit. Since 1.34 the API server rejects bad names; older releases accept them, but the controller then fails to create the claims.',
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      for (const { map, index } of mapItems(pairOf(v.spec, 'volumeClaimTemplates')?.value)) {
        const metaPair = pairOf(map, 'metadata');
        checkLabelName(ctx, pairOf(asMap(metaPair?.value), 'name'), metaPair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, {
          what: 'Claim template name',
          path: `${v.prefix}spec.volumeClaimTemplates[${index}].metadata.name`,
          missing: 'Every volume claim template needs metadata.name; containers mount it by that name.',
          note: claimNote(ctx),
        });
      }
    });
  },
};
