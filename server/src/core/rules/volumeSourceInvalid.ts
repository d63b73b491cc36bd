import { asMap, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, mapItems, missingSourceField, podVolumes, templateNote, VOLUME_SOURCES } from './util';


export const volumeSourceInvalid: Rule = {
  meta: {
    id: 'volume-source-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A pod volume has no source, more than one source, or a source without the field it needs.',
    docs: 'Each pod volume says where its data comes from with exactly one source field, such as `emptyDir`, `configMap`, `secret` or `persistentVolumeClaim`, and common sources need their reference: `persistentVolumeClaim.claimName`, `secret.secretName`, `configMap.name`, `hostPath.path`. Since 1.34 the API server rejects volumes that break this; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      volumes:\n        - name: scratch\n          emptyDir: {}',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const fromClaims = new Set([...podVolumes(v).values()].filter((p) => p.origin === 'claim-template').map((p) => p.name));
      for (const { map, index } of mapItems(pairOf(v.podSpec, 'volumes')?.value)) {
        const name = strValue(pairOf(map, 'name')?.value);
        if (name !== undefined && fromClaims.has(name)) continue;
        const path = `${v.prefix}spec.template.spec.volumes[${index}]`;
        const present = VOLUME_SOURCES.filter((s) => pairOf(map, s) !== undefined);
        const set = present.filter((s) => !isAbsent(pairOf(map, s)?.value));
        const anchor = pairOf(map, 'name')?.keySpan ?? map.pairs[0]?.keySpan ?? map.span;
        if (present.length === 0) {
          ctx.report({ span: anchor, message: `Volume${name ? ` "${name}"` : ''} has no source: give exactly one of emptyDir, configMap, secret, persistentVolumeClaim, hostPath and the like.${note}`, path });
          continue;
        }
        if (set.length > 1) {
          for (const extra of set.slice(1)) {
            ctx.report({ span: pairOf(map, extra)?.keySpan ?? anchor, message: `Volume${name ? ` "${name}"` : ''} already takes its data from ${set[0]}; a volume has exactly one source.${note}`, path: `${path}.${extra}` });
          }
        }
        const source = set[0];
        const field = source === undefined ? undefined : missingSourceField(map, source);
        if (source !== undefined && field !== undefined) {
          const sourcePair = pairOf(map, source);
          const valuePair = pairOf(asMap(sourcePair?.value), field);
          ctx.report({ span: valuePair?.keySpan ?? sourcePair?.keySpan ?? anchor, message: `${source} needs ${field}.${note}`, path: `${path}.${source}.${field}` });
        }
      }
    });
  },
};
