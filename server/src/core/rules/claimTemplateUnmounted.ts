import { asMap, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { claimTemplatesOf, containersOf, eachStatefulSet, mapItems, q } from './util';

export const claimTemplateUnmounted: Rule = {
  meta: {
    id: 'claim-template-unmounted',
    defaultSeverity: 'info',
    scope: 'document',
    wholeObject: true,
    summary: 'No container mounts a volume claim template, so every pod gets a claim it never uses.',
    docs: 'The controller creates one PersistentVolumeClaim per pod for every claim template, and provisions its storage, whether or not a container uses it. A claim template that no container (or init container) mounts or attaches as a device is usually a name mismatch with the volumeMount that was meant to use it; the data then goes to the container\'s writable layer and is lost when the pod is replaced.',
    example: 'spec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/postgresql/data\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 10Gi',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const containers = containersOf(v);
      if (containers.length === 0) return;
      const used = new Set<string>();
      for (const c of containers) {
        for (const list of ['volumeMounts', 'volumeDevices']) {
          for (const { map } of mapItems(pairOf(c.map, list)?.value)) {
            const name = strValue(pairOf(map, 'name')?.value);
            if (name !== undefined) used.add(name);
          }
        }
      }
      const first = containers.find((c) => c.list === 'containers') ?? containers[0];
      for (const t of claimTemplatesOf(v)) {
        const namePair = pairOf(asMap(pairOf(t.map, 'metadata')?.value), 'name');
        const name = strValue(namePair?.value);
        if (!name || !namePair?.value || used.has(name)) continue;
        const block = strValue(pairOf(t.spec, 'volumeMode')?.value) === 'Block';
        ctx.report({
          span: namePair.value.span,
          message: `No container mounts claim template ${q(name)}: each pod still gets a claim ${q(`${name}-…`)} and its storage. Mount it (volumeMounts${block ? ' or, for a Block volume, volumeDevices' : ''}) or remove the template.`,
          path: `${t.path.replace(/\.spec$/, '')}.metadata.name`,
          fix: block ? undefined : { kind: 'add-volume-mount', path: first.path, name, mountPath: `/data/${name}` },
        });
      }
    });
  },
};
