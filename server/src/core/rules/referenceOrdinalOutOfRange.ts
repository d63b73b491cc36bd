import { describeTarget, existsNow, podRun, referencesForRule } from '../references';
import type { Rule } from './types';

export const referenceOrdinalOutOfRange: Rule = {
  meta: {
    id: 'reference-ordinal-out-of-range',
    defaultSeverity: 'warning',
    summary: 'A pod, PVC or DNS name of a StatefulSet names an ordinal the StatefulSet does not have at its current replicas.',
    docs:
      'Other objects often use the names a StatefulSet generates: a peer address in an env value or an argument, a member list in a ConfigMap, the PVC a VolumeSnapshot copies. A StatefulSet with `replicas: 3` has pods `mysql-0` to `mysql-2` (from `spec.ordinals.start` when set), so `mysql-4.mysql` or `data-mysql-5` point at nothing: the connection fails or the snapshot never becomes ready. This happens when a set is scaled down and the names written elsewhere are not. The StatefulSet is looked up by name in the files checked together; check the folder, not one file, when they live apart.',
    example:
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB_HOST: mysql-2.mysql.default.svc.cluster.local   # replicas: 3, so mysql-0 … mysql-2\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    for (const r of referencesForRule(ctx)) {
      if (existsNow(r)) continue;
      const count = `${r.facts.replicas} replica${r.facts.replicas === 1 ? '' : 's'} (${podRun(r.facts)})`;
      const missing = r.target === 'pvc'
        ? 'its pod does not exist, so the controller makes no such PVC (one kept from an earlier scale-down may still be there)'
        : r.from === r.to ? 'that pod does not exist' : 'not all of them exist';
      ctx.report({ span: r.span, message: `"${r.text}" names ${describeTarget(r)}, which has ${count}: ${missing}.` });
    }
  },
};
