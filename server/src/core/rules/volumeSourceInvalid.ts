import { pairOf, strValue } from '../yamlTree';
import { claimTemplateNames, sourceProblems } from './podVolumes';
import type { Rule } from './types';
import { eachStatefulSet, mapItems, templateNote } from './util';

export const volumeSourceInvalid: Rule = {
  meta: {
    id: 'volume-source-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A pod volume has no source, more than one source, or a source the API server rejects (a missing reference, a bad file mode or path).',
    docs: 'Each pod volume says where its data comes from with exactly one source field, such as `emptyDir`, `configMap`, `secret` or `persistentVolumeClaim`; a source written with no value (`emptyDir:`) is null and does not count, so write `emptyDir: {}`. Sources need their reference (`persistentVolumeClaim.claimName`, `secret.secretName`, `configMap.name`, `hostPath.path`, `nfs.server` and an absolute `nfs.path`, `csi.driver` ...); file modes are 0 to 0777; projected and downward API paths stay inside the volume; a hostPath type is one of the known kinds. A volume rejected for any of these is not there for its mounts either. Since 1.34 the API server rejects such volumes; older releases accept them, but the controller then fails to create the pods.',
    example: 'spec:\n  template:\n    spec:\n      volumes:\n        - name: scratch\n          emptyDir: {}\n        - name: config\n          configMap:\n            name: web-config\n            defaultMode: 0644',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const fromClaims = claimTemplateNames(v);
      for (const { map, index } of mapItems(pairOf(v.podSpec, 'volumes')?.value)) {
        const name = strValue(pairOf(map, 'name')?.value);
        if (name !== undefined && fromClaims.has(name)) continue;
        for (const p of sourceProblems(map, `${v.prefix}spec.template.spec.volumes[${index}]`)) ctx.report({ span: p.span, message: `${p.message}${note}`, path: p.path });
      }
    });
  },
};
