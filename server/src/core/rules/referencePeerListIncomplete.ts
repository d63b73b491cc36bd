import { podNameOf } from '../identities';
import { podRun, referencesForRule, type IdentityReference } from '../references';
import type { Rule } from './types';

export const referencePeerListIncomplete: Rule = {
  meta: {
    id: 'reference-peer-list-incomplete',
    defaultSeverity: 'info',
    summary: 'A list of pods of a StatefulSet (a peer or member list) does not name all of its pods.',
    docs:
      "Clustered systems are often told their members by name: NATS routes, MinIO endpoints, etcd's `--initial-cluster`, ZooKeeper servers. When such a list names several pods of a StatefulSet but not all of them, the pods left out are not peers: after a scale-up the new pods join nobody, or a quorum is computed from the wrong size. Some systems list only a few seeds on purpose (Cassandra, CockroachDB's `--join`), so this is advice, not a warning. One list is one args or command list, one env value, or one ConfigMap or Secret value.",
    example: 'args:\n  - server\n  - http://minio-{0...3}.minio.default.svc.cluster.local/data   # replicas: 4\n',
    scope: 'workspace',
    aboutStatefulSets: true,
  },
  check(ctx) {
    const lists = new Map<string, IdentityReference[]>();
    for (const r of referencesForRule(ctx)) {
      if (r.target !== 'pod') continue;
      const key = `${r.group}/${r.facts.namespace}/${r.facts.name}`;
      const list = lists.get(key);
      if (list) list.push(r);
      else lists.set(key, [r]);
    }
    for (const refs of lists.values()) {
      const named = new Set<number>();
      for (const r of refs) for (let o = r.from; o <= r.to && named.size <= 100_000; o++) named.add(o);
      if (named.size < 2) continue;
      const f = refs[0].facts;
      const missing: number[] = [];
      for (let o = f.startOrdinal; o < f.startOrdinal + f.replicas && missing.length <= 3; o++) if (!named.has(o)) missing.push(o);
      if (missing.length === 0) continue;
      const sorted = [...named].sort((a, b) => a - b);
      const listed = sorted.length > 3 ? `${podNameOf(f.name, sorted[0])} … ${podNameOf(f.name, sorted[sorted.length - 1])}` : sorted.map((o) => podNameOf(f.name, o)).join(', ');
      const left = missing.length > 3 ? `${missing.slice(0, 3).map((o) => podNameOf(f.name, o)).join(', ')} and more` : missing.map((o) => podNameOf(f.name, o)).join(', ');
      ctx.report({
        span: refs[0].span,
        message: `This list names ${listed} of StatefulSet ${f.name}, which has ${f.replicas} replicas (${podRun(f)}): ${left} ${missing.length === 1 ? 'is' : 'are'} not listed. Fine for a list of seeds; a member list should name every pod.`,
      });
    }
  },
};
