import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { claimTemplateNames, volumeEntryProblem } from './podVolumes';
import { checkLabelName, eachStatefulSet, mapItems, q, templateNote } from './util';

export const volumeNameInvalid: Rule = {
  meta: {
    id: 'volume-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A pod volume has no name, a name that is not a DNS label, or the name of another volume.',
    docs: 'Each entry of `spec.template.spec.volumes` needs a unique name that is a DNS label (at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit); mounts refer to volumes by it. A volume named like a claim template is replaced by that template. Since 1.34 the API server rejects bad names; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      volumes:\n        - name: config\n          configMap:\n            name: web-config',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const fromClaims = claimTemplateNames(v);
      const taken = new Set<string>();
      for (const { map, index } of mapItems(pairOf(v.podSpec, 'volumes')?.value)) {
        const pair = pairOf(map, 'name');
        const raw = strValue(pair?.value);
        if (raw !== undefined && fromClaims.has(raw)) continue;
        const path = `${v.prefix}spec.template.spec.volumes[${index}].name`;
        const name = checkLabelName(ctx, pair, map.pairs[0]?.keySpan ?? map.span, { what: 'Volume name', path, missing: 'Every volume needs a name.', note });
        if (name === undefined || !pair?.value) continue;
        if (taken.has(name)) {
          ctx.report({ span: pair.value.span, message: `Volume name ${q(name)} is used by another volume; volume names must be unique.${note}`, path });
        } else if (volumeEntryProblem(map) === undefined) {
          taken.add(name);
        }
      }
    });
  },
};
