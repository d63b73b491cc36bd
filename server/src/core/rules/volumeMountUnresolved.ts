import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { podVolumes } from './podVolumes';
import { containersOf, eachStatefulSet, isAbsent, mapItems, q, suggestion, templateNote } from './util';

export const volumeMountUnresolved: Rule = {
  meta: {
    id: 'volume-mount-unresolved',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A volumeMount names no volume, or a volume the pod does not have.',
    docs: 'A container mounts volumes by name: the name must be one of the pod volumes in `spec.template.spec.volumes` or one of the `volumeClaimTemplates`, which the controller adds to every pod. A mount of a volume that is itself invalid fails too. Since 1.34 the API server rejects unresolved mounts; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/postgresql/data\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const volumes = podVolumes(v);
      const known = [...volumes.values()].filter((p) => p.valid).map((p) => p.name);
      for (const c of containersOf(v)) {
        for (const { map, index } of mapItems(pairOf(c.map, 'volumeMounts')?.value)) {
          const pair = pairOf(map, 'name');
          const name = strValue(pair?.value);
          const path = `${c.path}.volumeMounts[${index}].name`;
          if (isAbsent(pair?.value) || name === '') {
            ctx.report({ span: pair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `A volumeMount needs the name of the volume to mount.${note}`, path });
            continue;
          }
          if (name === undefined) continue;
          const volume = volumes.get(name);
          if (volume?.valid) continue;
          if (volume) {
            ctx.report({ span: pair.value.span, message: `Volume ${q(name)} is itself invalid (see its definition), so this mount cannot use it.${note}`, path });
            continue;
          }
          const hint = suggestion(name, known);
          const available = known.length > 0 ? `the pod has ${known.map(q).join(', ')}` : 'the pod has no volumes and no claim templates';
          ctx.report({
            span: pair.value.span,
            message: `No volume or claim template is named ${q(name)}; ${available}.${hint.text}${note}`,
            path,
            fix: hint.value !== undefined ? { kind: 'replace-value', value: hint.value } : { kind: 'add-claim-template', path: `${v.prefix}spec`, name },
          });
        }
      }
    });
  },
};
