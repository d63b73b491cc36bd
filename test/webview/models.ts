/** StatefulSets the browser tests draw: ordinary ones, a Parallel one, a file with several, a hostile one. */

export const WEB_URI = 'file:///work/app/web.yaml';

/** OrderedReady, headless Service in the same file, a 10Gi claim template, partition 1, Retain. */
export const WEB = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 1
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
              name: http
          volumeMounts:
            - name: data
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: fast-ssd
        resources:
          requests:
            storage: 10Gi
`;

export const KAFKA_URI = 'file:///work/app/kafka.yaml';

/** Parallel, retention Delete on scale-down, a namespace, a Service that exists nowhere. */
export const KAFKA = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
  namespace: streaming
spec:
  serviceName: kafka-headless
  replicas: 4
  podManagementPolicy: Parallel
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Delete
    whenScaled: Delete
  selector:
    matchLabels:
      app: kafka
  template:
    metadata:
      labels:
        app: kafka
    spec:
      containers:
        - name: kafka
          image: apache/kafka:3.9.0
          volumeMounts:
            - name: logs
              mountPath: /var/lib/kafka
  volumeClaimTemplates:
    - metadata:
        name: logs
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 50Gi
`;

export const PAIR_URI = 'file:///work/app/pair.yaml';

/** Two StatefulSets in one file; the second has a duplicate key, a finding the preview links to. */
export const PAIR = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: alpha
spec:
  serviceName: alpha
  replicas: 1
  selector:
    matchLabels: {app: alpha}
  template:
    metadata:
      labels: {app: alpha}
    spec:
      containers:
        - name: main
          image: busybox:1.36
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: beta
spec:
  serviceName: beta
  replicas: 2
  replicas: 2
  selector:
    matchLabels: {app: beta}
  template:
    metadata:
      labels: {app: beta}
    spec:
      containers:
        - name: main
          image: busybox:1.36
`;

export const HOSTILE_URI = 'file:///work/app/hostile.yaml';
export const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">';
export const HOSTILE_SERVICE = '<script>window.__xss=2</script>';
export const HOSTILE_CLAIM = '<b onmouseover="window.__xss=3">data</b>';
export const HOSTILE_CLASS = '</code><iframe srcdoc="<script>parent.__xss=4</script>">';

/** Every name the preview shows carries markup; all of it must come out as text. */
export const HOSTILE = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: '${HOSTILE_NAME}'
spec:
  serviceName: '${HOSTILE_SERVICE}'
  replicas: 2
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: x}
    spec:
      containers:
        - name: main
          image: busybox:1.36
  volumeClaimTemplates:
    - metadata:
        name: '${HOSTILE_CLAIM}'
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: '${HOSTILE_CLASS}'
        resources:
          requests:
            storage: 1Gi
`;
