// Deterministic benchmark workloads: N StatefulSets, each followed by its headless Service, about
// 155 lines per pair (claim templates, probes, partitions, spreading, sidecars), so 1000 sets make
// a file of about 155,000 lines / 3.9 MB. No randomness: the same N gives the same bytes, so runs
// on different days compare.
//
// The `errors` variant plants one known mistake in every tenth set, cycling through MISTAKES; the
// bench checks that the server reports exactly those (a benchmark of a server that found nothing
// would measure nothing).

const TEAMS = ['payments', 'search', 'ledger', 'catalog', 'identity', 'billing', 'metrics', 'orders'];
const ENGINES = [
  { image: 'postgres:16.4', port: 5432, portName: 'postgres', mount: '/var/lib/postgresql/data', probe: ['pg_isready', '-U', 'postgres'] },
  { image: 'redis:7.4.1', port: 6379, portName: 'redis', mount: '/data', probe: ['redis-cli', 'ping'] },
  { image: 'bitnami/kafka:3.8.0', port: 9092, portName: 'kafka', mount: '/bitnami/kafka', probe: ['kafka-broker-api-versions.sh', '--bootstrap-server', 'localhost:9092'] },
  { image: 'zookeeper:3.9.2', port: 2181, portName: 'client', mount: '/data', probe: ['zkServer.sh', 'status'] },
];

/**
 * The planted mistakes: `code` is the rule we expect, `apply` rewrites one line of the set's text.
 * Each one is something the API server rejects or that breaks at run time.
 */
export const MISTAKES = [
  { code: 'access-mode-invalid', find: 'accessModes: ["ReadWriteOnce"]', replace: 'accessModes: ["ReadWriteOnly"]' },
  { code: 'partition-negative', find: 'partition: 0', replace: 'partition: -1' },
  { code: 'unknown-field', find: 'storageClassName: standard-rwo', replace: 'storageClass: standard-rwo' },
  { code: 'invalid-quantity', find: 'storage: 20Gi', replace: 'storage: 20GB' },
  { code: 'volume-mount-unresolved', find: '- name: data\n              mountPath:', replace: '- name: dta\n              mountPath:' },
  { code: 'replicas-negative', find: 'replicas: 3', replace: 'replicas: -3' },
];

const pad = (i) => String(i).padStart(4, '0');

function statefulSet(i) {
  const name = `${TEAMS[i % TEAMS.length]}-${pad(i)}`;
  const ns = `team-${TEAMS[(i >> 3) % TEAMS.length]}`;
  const e = ENGINES[i % ENGINES.length];
  const probe = JSON.stringify(e.probe).replaceAll(',', ', ');
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${TEAMS[i % TEAMS.length]}
    tier: db
  annotations:
    example.com/owner: team-${TEAMS[i % TEAMS.length]}
    example.com/note: "generated set ${i}"
spec:
  serviceName: ${name}
  replicas: 3
  podManagementPolicy: OrderedReady
  revisionHistoryLimit: 5
  minReadySeconds: 10
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
      annotations:
        example.com/scrape: "true"
    spec:
      serviceAccountName: ${name}
      terminationGracePeriodSeconds: 60
      securityContext:
        runAsNonRoot: true
        runAsUser: 999
        fsGroup: 999
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: ${name}
      initContainers:
        - name: init-permissions
          image: busybox:1.36
          command: ["sh", "-c", "chown -R 999:999 ${e.mount}"]
          securityContext:
            runAsNonRoot: false
            runAsUser: 0
          volumeMounts:
            - name: data
              mountPath: ${e.mount}
      containers:
        - name: main
          image: ${e.image}
          imagePullPolicy: IfNotPresent
          ports:
            - name: ${e.portName}
              containerPort: ${e.port}
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: SERVICE_HOST
              value: ${name}-0.${name}
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${name}-auth
                  key: password
          readinessProbe:
            exec:
              command: ${probe}
            initialDelaySeconds: 5
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: ${e.portName}
            initialDelaySeconds: 30
            periodSeconds: 20
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 1Gi
          volumeMounts:
            - name: data
              mountPath: ${e.mount}
            - name: logs
              mountPath: /var/log/app
            - name: config
              mountPath: /etc/app
              readOnly: true
        - name: exporter
          image: prom/exporter:v0.15.0
          ports:
            - name: metrics
              containerPort: 9187
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
          volumeMounts:
            - name: logs
              mountPath: /var/log/app
      volumes:
        - name: config
          configMap:
            name: ${name}-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: standard-rwo
        resources:
          requests:
            storage: 20Gi
    - metadata:
        name: logs
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 2Gi
`;
}

function service(i) {
  const name = `${TEAMS[i % TEAMS.length]}-${pad(i)}`;
  const ns = `team-${TEAMS[(i >> 3) % TEAMS.length]}`;
  const e = ENGINES[i % ENGINES.length];
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app: ${name}
  ports:
    - name: ${e.portName}
      port: ${e.port}
      targetPort: ${e.portName}
    - name: metrics
      port: 9187
      targetPort: metrics
`;
}

/**
 * The workload text and what it plants: `mistakes` maps a rule id to how many times it was planted.
 * `edit` is where the bench types: the end of the `example.com/note` value of the middle set.
 */
export function workload(sets, variant = 'clean') {
  const parts = [];
  const mistakes = {};
  const middle = Math.floor(sets / 2);
  let editOffset = -1;
  // Small files get their mistake in the first set, large ones in sets 5, 15, 25...
  const plantAt = sets < 10 ? 0 : 5;
  let length = 0;
  for (let i = 0; i < sets; i++) {
    let sts = statefulSet(i);
    if (variant === 'errors' && i % 10 === plantAt) {
      const m = MISTAKES[Math.floor(i / 10) % MISTAKES.length];
      if (!sts.includes(m.find)) throw new Error(`workload: mistake ${m.code} has nothing to rewrite`);
      sts = sts.replace(m.find, m.replace);
      mistakes[m.code] = (mistakes[m.code] ?? 0) + 1;
    }
    const doc = `${i === 0 ? '' : '---\n'}${sts}---\n${service(i)}`;
    if (i === middle) {
      const note = `example.com/note: "generated set ${i}`;
      editOffset = length + doc.indexOf(note) + note.length;
    }
    parts.push(doc);
    length += doc.length;
  }
  return { text: parts.join(''), mistakes, editOffset };
}
