import { pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { podVolumes } from './podVolumes';
import { containersOf, eachStatefulSet, isAbsent, mapItems, q, templateNote } from './util';

export const volumeDeviceInvalid: Rule = {
  meta: {
    id: 'volume-device-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A volumeDevice is unnamed, names a missing or non-claim volume, repeats a name or path, or clashes with a volumeMount.',
    docs: 'volumeDevices hand a container a raw block device from a claim: the name must be a claim template or a pod volume of type persistentVolumeClaim or ephemeral, and the devicePath must be set, free of "..", and unique. A volume cannot be both mounted and attached as a device in one container, and a device path cannot equal a mount path. Since 1.34 the API server rejects violations; older releases accept them, but the controller then fails to create the pods.',
    example: 'volumeDevices:\n  - name: data\n    devicePath: /dev/xvda',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const volumes = podVolumes(v);
      for (const c of containersOf(v)) {
        const mounts = mapItems(pairOf(c.map, 'volumeMounts')?.value).map(({ map, index }) => ({ map, index, name: strValue(pairOf(map, 'name')?.value), path: strValue(pairOf(map, 'mountPath')?.value) }));
        const mountNames = new Set(mounts.map((m) => m.name).filter((n): n is string => !!n));
        const mountPaths = new Set(mounts.map((m) => m.path).filter((p): p is string => !!p));
        const names = new Set<string>();
        const paths = new Set<string>();
        const devices = mapItems(pairOf(c.map, 'volumeDevices')?.value);
        for (const { map, index } of devices) {
          const base = `${c.path}.volumeDevices[${index}]`;
          const namePair = pairOf(map, 'name');
          const name = strValue(namePair?.value);
          if (isAbsent(namePair?.value) || name === '') {
            ctx.report({ span: namePair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `A volumeDevice needs the name of a claim volume.${note}`, path: `${base}.name` });
          } else if (name !== undefined) {
            const volume = volumes.get(name);
            let problem: string | undefined;
            if (names.has(name)) problem = `${q(name)} is already attached as a device in this container`;
            else if (!volume || !volume.valid) problem = `no valid claim template or volume is named ${q(name)}`;
            else if (!volume.claimBacked) problem = `volume ${q(name)} is not backed by a claim; block devices come only from claim templates and persistentVolumeClaim or ephemeral volumes`;
            else if (mountNames.has(name)) problem = `${q(name)} is also in volumeMounts; a volume is either mounted or attached as a device`;
            if (problem) ctx.report({ span: namePair.value.span, message: `${problem[0].toUpperCase()}${problem.slice(1)}.${note}`, path: `${base}.name` });
            names.add(name);
          }
          const dpPair = pairOf(map, 'devicePath');
          const dp = strValue(dpPair?.value);
          if (isAbsent(dpPair?.value) || dp === '') {
            ctx.report({ span: dpPair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `A volumeDevice needs a devicePath.${note}`, path: `${base}.devicePath` });
          } else if (dp !== undefined) {
            let problem: string | undefined;
            if (paths.has(dp)) problem = `devicePath ${q(dp)} is used by another device of this container`;
            else if (dp.replace(/\\/g, '/').split('/').includes('..')) problem = `devicePath ${q(dp)} must not contain ".."`;
            else if (mountPaths.has(dp)) problem = `devicePath ${q(dp)} is also a mountPath of this container`;
            if (problem) ctx.report({ span: dpPair.value.span, message: `${problem}.${note}`, path: `${base}.devicePath` });
            paths.add(dp);
          }
        }
        if (devices.length === 0) continue;
        const deviceNames = new Set(devices.map(({ map }) => strValue(pairOf(map, 'name')?.value)).filter((n): n is string => !!n));
        const devicePaths = new Set(devices.map(({ map }) => strValue(pairOf(map, 'devicePath')?.value)).filter((p): p is string => !!p));
        for (const m of mounts) {
          const base = `${c.path}.volumeMounts[${m.index}]`;
          const nameNode = pairOf(m.map, 'name')?.value;
          const pathNode = pairOf(m.map, 'mountPath')?.value;
          if (nameNode && m.name && deviceNames.has(m.name)) ctx.report({ span: nameNode.span, message: `Volume ${q(m.name)} is also in volumeDevices; a volume is either mounted or attached as a device.${note}`, path: `${base}.name` });
          if (pathNode && m.path && devicePaths.has(m.path)) ctx.report({ span: pathNode.span, message: `mountPath ${q(m.path)} is also a devicePath of this container.${note}`, path: `${base}.mountPath` });
        }
      }
    });
  },
};
