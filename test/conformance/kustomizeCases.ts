/**
 * Small generated overlays, each aimed at one feature or edge case of the in-process build;
 * kustomizeBuild.test.ts builds each with kubectl and with us and compares the objects.
 */
export interface GeneratedCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The directory to build, relative to the case (default: its root). */
  readonly overlay?: string;
  readonly expect?: 'equal' | 'both-fail' | 'not-built';
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  labels:
    app: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web-sa
      imagePullSecrets:
      - name: pull
      tolerations:
      - key: a
        operator: Exists
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.25
        args: ["--a", "--b"]
        ports:
        - containerPort: 80
          name: http
        env:
        - name: A
          value: "1"
        - name: B
          valueFrom:
            configMapKeyRef:
              name: web-config
              key: b
        envFrom:
        - secretRef:
            name: web-secret
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
        volumeMounts:
        - name: data
          mountPath: /data
        - name: config
          mountPath: /etc/web
      - name: sidecar
        image: registry.local:5000/tools/sidecar:2.0
      volumes:
      - name: config
        configMap:
          name: web-config
      - name: cache
        persistentVolumeClaim:
          claimName: web-cache
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: standard
      resources:
        requests:
          storage: 1Gi
  - metadata:
      name: logs
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
    name: http
`;

const SIDE_OBJECTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  b: "2"
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
stringData:
  s: x
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web-cache
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web-sa
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web-role
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: web-role
subjects:
- kind: ServiceAccount
  name: web-sa
- kind: ServiceAccount
  name: default
- kind: ServiceAccount
  name: web-sa
  namespace: elsewhere
`;

const BASE = {
  'base/kustomization.yaml': 'resources:\n- sts.yaml\n- svc.yaml\n- side.yaml\n',
  'base/sts.yaml': STS,
  'base/svc.yaml': SVC,
  'base/side.yaml': SIDE_OBJECTS,
};

/** An overlay on BASE: its kustomization (resources: ../base is added) and other files. */
function overlay(name: string, kustomization: string, files: Record<string, string> = {}, expect?: GeneratedCase['expect']): GeneratedCase {
  return {
    name,
    files: { ...BASE, 'overlay/kustomization.yaml': `resources:\n- ../base\n${kustomization}`, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`overlay/${k}`, v])) },
    overlay: 'overlay',
    ...(expect ? { expect } : {}),
  };
}

const SMP_HEAD = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n';

export const GENERATED_CASES: readonly GeneratedCase[] = [
  { name: 'base-alone', files: BASE, overlay: 'base', expect: 'equal' },
  overlay('smp-merge-by-key', 'patches:\n- path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - name: A
          value: "10"
        - name: C
          value: "3"
        volumeMounts:
        - mountPath: /data
          readOnly: true
        - mountPath: /tmp
          name: tmp
      - name: extra
        image: busybox:1.36
      volumes:
      - name: tmp
        emptyDir: {}
      initContainers:
      - name: init
        command: ["sh", "-c", "true"]
`,
  }, 'equal'),
  overlay('smp-patch-delete-and-replace', 'patchesStrategicMerge:\n- p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:
  template:
    spec:
      containers:
      - name: sidecar
        $patch: delete
      - name: app
        resources:
          $patch: replace
          limits:
            memory: 128Mi
        args:
        - --only
      volumes:
      - name: cache
        $patch: delete
`,
  }, 'equal'),
  overlay('smp-directives-in-new-values', 'patches:\n- path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:
  minReadySeconds: null
  template:
    spec:
      containers:
      - name: fresh
        image: busybox:1.36
        env:
        - name: GONE
          $patch: delete
        - name: KEPT
          value: "1"
        - name: NULLED
          value: null
        securityContext:
          runAsUser: null
          runAsNonRoot: true
      volumes:
      - name: brand-new
        emptyDir: {}
`,
  }, 'equal'),
  overlay('smp-null-deletes', 'patches:\n- path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}  labels:\n    app: null\nspec:\n  serviceName: null\n  template:\n    spec:\n      serviceAccountName: null\n`,
  }, 'equal'),
  overlay('smp-delete-object', 'patches:\n- path: p.yaml\n', {
    'p.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n$patch: delete\n',
  }, 'equal'),
  overlay('smp-list-replace-and-vct', 'patches:\n- path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:
  template:
    spec:
      containers:
      - $patch: replace
      - name: only
        image: nginx:1.26
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: fast
`,
  }, 'equal'),
  overlay('smp-ports', 'patches:\n- path: p.yaml\n- path: svc.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        ports:\n        - containerPort: 80\n          name: web\n        - containerPort: 9090\n          name: metrics\n`,
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 9090\n    name: metrics\n',
  }, 'equal'),
  overlay('smp-two-documents-inline', `patchesStrategicMerge:
- |-
  ${SMP_HEAD.split('\n').join('\n  ')}spec:
    replicas: 5
`, {}, 'equal'),
  overlay('json6902-arrays', `patches:
- target:
    kind: StatefulSet
    name: web
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/args/1
      value: --inserted
    - op: add
      path: /spec/template/spec/containers/0/args/-
      value: --last
    - op: remove
      path: /spec/template/spec/containers/1
    - op: replace
      path: /spec/volumeClaimTemplates/0/spec/resources/requests/storage
      value: 5Gi
    - op: copy
      from: /spec/template/spec/containers/0/image
      path: /spec/template/spec/initContainers/0/image
    - op: move
      from: /spec/template/spec/volumes/1
      path: /spec/template/spec/volumes/0
    - op: test
      path: /spec/replicas
      value: 2
    - op: add
      path: /metadata/annotations
      value:
        example.com~1note: x
    - op: replace
      path: /metadata/annotations/example.com~01note
      value: changed
`, {}, 'equal'),
  overlay('json6902-escapes', `patchesJson6902:
- target:
    group: apps
    version: v1
    kind: StatefulSet
    name: web
  path: p.yaml
`, {
    'p.yaml': `- op: add
  path: /metadata/annotations
  value:
    example.com/note: x
- op: replace
  path: /metadata/annotations/example.com~1note
  value: changed
- op: add
  path: /spec/template/spec/containers/0/args/0
  value: --first
- op: remove
  path: /spec/template/spec/containers/0/args/2
`,
  }, 'equal'),
  overlay('json6902-failing-test', 'patches:\n- target:\n    kind: StatefulSet\n  path: p.json\n', {
    'p.json': '[{"op": "test", "path": "/spec/replicas", "value": 3}]\n',
  }, 'both-fail'),
  overlay('json6902-missing-path', 'patches:\n- target:\n    kind: StatefulSet\n  path: p.json\n', {
    'p.json': '[{"op": "replace", "path": "/spec/minReadySeconds", "value": 3}]\n',
  }, 'equal'),
  overlay('json6902-missing-parent', 'patches:\n- target:\n    kind: StatefulSet\n  path: p.json\n', {
    'p.json': '[{"op": "add", "path": "/spec/nothing/here", "value": 3}]\n',
  }, 'both-fail'),
  overlay('name-prefix-suffix-references', 'namePrefix: prod-\nnameSuffix: -v2\n', {}, 'equal'),
  {
    name: 'prefix-in-base-and-overlay',
    files: {
      ...BASE,
      'base/kustomization.yaml': 'namePrefix: inner-\nresources:\n- sts.yaml\n- svc.yaml\n- side.yaml\n',
      'overlay/kustomization.yaml': 'namePrefix: outer-\nresources:\n- ../base\npatches:\n- path: p.yaml\n',
      'overlay/p.yaml': `${SMP_HEAD}spec:\n  replicas: 4\n`,
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  overlay('namespace', 'namespace: prod\n', {}, 'equal'),
  overlay('common-labels-and-annotations', 'commonLabels:\n  team: db\ncommonAnnotations:\n  owner: "db-team"\n', {}, 'equal'),
  overlay('labels-without-selectors', 'labels:\n- pairs:\n    tier: backend\n  includeSelectors: false\n- pairs:\n    stage: prod\n  includeSelectors: false\n  includeTemplates: true\n- pairs:\n    sel: yes-please\n  includeSelectors: true\n', {}, 'equal'),
  overlay('labels-fields', 'labels:\n- pairs:\n    version: v9\n  fields:\n  - path: spec/template/metadata/labels\n    kind: StatefulSet\n    create: true\n', {}, 'equal'),
  overlay('target-regexes', `patches:
- target:
    kind: State.*
    name: w.b
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 7
- target:
    kind: Serv.*
    name: web|other
  patch: |-
    - op: add
      path: /metadata/labels
      value: {patched: "true"}
- target:
    name: web-.*
    version: v1
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {matched: "prefix"}
`, {}, 'equal'),
  overlay('target-selectors', `patches:
- target:
    labelSelector: app=web
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {by-label: "true"}
- target:
    labelSelector: app in (x, y)
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {never: "true"}
`, {}, 'equal'),
  overlay('patch-matching-nothing', 'patches:\n- target:\n    kind: StatefulSet\n    name: nothing\n  patch: |-\n    - op: remove\n      path: /spec\n- target:\n    kind: StatefulSet\n    namespace: kafka\n  path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:\n  replicas: 9\n`,
  }, 'equal'),
  overlay('untargeted-patch-naming-nothing', 'patches:\n- path: p.yaml\n', {
    'p.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nope\nspec:\n  replicas: 1\n',
  }, 'both-fail'),
  overlay('patch-options-allow-name-change', 'patches:\n- target:\n    kind: ConfigMap\n    name: web-config\n  options:\n    allowNameChange: true\n  patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: renamed-config\n    data:\n      extra: "1"\n', {}, 'equal'),
  overlay('patch-options-name-change-not-allowed', 'patches:\n- target:\n    kind: ConfigMap\n    name: web-config\n  patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: renamed-config\n    data:\n      extra: "1"\n', {}, 'equal'),
  overlay('targeted-smp-other-name', 'patches:\n- target:\n    kind: StatefulSet\n  path: p.yaml\n', {
    'p.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: whatever\nspec:\n  replicas: 3\n',
  }, 'equal'),
  overlay('replicas-and-images', 'replicas:\n- name: web\n  count: 5\nimages:\n- name: nginx\n  newTag: "1.27"\n- name: busybox\n  newName: docker.io/library/busybox\n- name: registry.local:5000/tools/sidecar\n  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', {}, 'equal'),
  {
    name: 'chained-overlays',
    files: {
      ...BASE,
      'mid/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: mid-\ncommonLabels:\n  layer: mid\npatches:\n- path: p.yaml\n',
      'mid/p.yaml': `${SMP_HEAD}spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:mid\n`,
      'top/kustomization.yaml': 'resources:\n- ../mid\nnamespace: top\npatches:\n- path: p.yaml\nimages:\n- name: nginx\n  newTag: top\n',
      'top/p.yaml': `${SMP_HEAD}spec:\n  replicas: 6\n`,
    },
    overlay: 'top',
    expect: 'equal',
  },
  {
    name: 'multi-document-and-list',
    files: {
      'kustomization.yaml': 'resources:\n- all.yaml\n- list.yaml\n',
      'all.yaml': `${STS}---\n${SVC}`,
      'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: listed\n  data:\n    a: b\n',
    },
    expect: 'equal',
  },
  {
    name: 'components',
    files: {
      ...BASE,
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\nnamePrefix: c-\npatches:\n- path: p.yaml\n',
      'comp/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n',
      'comp/p.yaml': `${SMP_HEAD}spec:\n  replicas: 8\n`,
      'overlay/kustomization.yaml': 'resources:\n- ../base\ncomponents:\n- ../comp\nnamespace: with-component\n',
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  {
    name: 'many-kinds',
    files: {
      'kustomization.yaml': 'namePrefix: p-\nnamespace: ns\ncommonLabels:\n  team: x\ncommonAnnotations:\n  a: b\nresources:\n- all.yaml\n',
      'all.yaml': `${STS}---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: example.com/p
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels: {app: d}
      volumes:
      - name: p
        projected:
          sources:
          - configMap: {name: web-config}
          - secret: {name: web-secret}
      containers:
      - name: c
        image: nginx
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - from:
    - podSelector:
        matchLabels: {app: d}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: h
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i
spec:
  tls:
  - secretName: web-secret
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: crb
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}
subjects:
- {kind: ServiceAccount, name: web-sa, namespace: default}
- {kind: ServiceAccount, name: default, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cr
rules: []
---
apiVersion: v1
kind: Namespace
metadata:
  name: ns
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: vw
webhooks:
- name: v.example.com
  clientConfig:
    service: {name: web, namespace: default, path: /v}
  sideEffects: None
  admissionReviewVersions: [v1]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim
spec:
  storageClassName: standard
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
${SIDE_OBJECTS}---
${SVC}`,
    },
    expect: 'equal',
  },
  overlay('smp-lists-replaced-and-merged', 'patches:\n- path: p.yaml\n', {
    'p.yaml': `${SMP_HEAD}spec:
  template:
    spec:
      imagePullSecrets:
      - name: extra
      tolerations:
      - key: only
        operator: Exists
      containers:
      - name: app
        command: ["run"]
`,
    'base-extra.yaml': '',
  }, 'equal'),
  overlay('target-selector-syntax', `patches:
- target:
    labelSelector: "!missing,app!=db"
    annotationSelector: ""
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {negated: "true"}
`, {}, 'equal'),
  {
    name: 'namespace-of-cluster-objects',
    files: {
      'kustomization.yaml': 'namespace: ns\nnameSuffix: -s\nresources:\n- a.yaml\n',
      'a.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: vw
webhooks:
- name: a.example.com
  clientConfig:
    service: {name: nothere, namespace: default}
- name: b.example.com
  clientConfig:
    service: {name: hook, namespace: other}
- name: c.example.com
  clientConfig:
    service: {name: hook}
- name: d.example.com
  clientConfig:
    service: {name: hook, namespace: default}
---
apiVersion: v1
kind: Service
metadata:
  name: hook
spec:
  ports: [{port: 443}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1.x.example.com
spec:
  service: {name: hook, namespace: other}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: xs.example.com
spec:
  conversion:
    webhook:
      clientConfig:
        service: {name: hook, namespace: other}
`,
    },
    expect: 'equal',
  },
  {
    name: 'anchors-and-merge-keys',
    files: {
      'kustomization.yaml': 'namePrefix: p-\nresources:\n- c.yaml\n',
      'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l\n    a: b\n  annotations: *l\ndata:\n  base: &m\n    x: "1"\n  merged:\n    <<: *m\n    y: "2"\n',
    },
    expect: 'equal',
  },
  {
    name: 'yaml-1.2-reading',
    files: {
      'kustomization.yaml': 'resources:\n- c.yaml\npatches:\n- path: p.yaml\n',
      'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    on: yes\ndata:\n  a: Yes\n  b: off\n  c: y\n  d: 1:20\n  e: 0o17\n  f: 012\n  g: 1_000\n  h: TRUE\n  i: "yes"\n  j: !!str on\n',
      'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: no\n  l: N\n',
    },
    expect: 'equal',
  },
  overlay('generator-hash-and-references', `configMapGenerator:
- name: gen
  literals:
  - a=<b> & "c"
  - multi=line\\nwith\\ttab
- name: empty
- name: from-file
  files:
  - conf.ini
secretGenerator:
- name: sec
  literals:
  - password=s3cr\u00e9t
- name: typed
  type: kubernetes.io/tls
  literals:
  - tls.crt=x
  - tls.key=y
patches:
- path: p.yaml
`, {
    'conf.ini': '[a]\nb = 1\n',
    'p.yaml': `${SMP_HEAD}spec:
  template:
    spec:
      volumes:
      - name: gen
        configMap:
          name: gen
      - name: sec
        secret:
          secretName: sec
`,
  }, 'equal'),
  {
    name: 'generator-hash-through-layers',
    files: {
      ...BASE,
      'base/kustomization.yaml': 'resources:\n- sts.yaml\n- svc.yaml\n- side.yaml\nconfigMapGenerator:\n- name: layered\n  literals: [k=v]\n',
      'overlay/kustomization.yaml': 'namePrefix: top-\nresources:\n- ../base\npatches:\n- target:\n    kind: ConfigMap\n    name: layered\n  patch: |-\n    - op: add\n      path: /data/extra\n      value: "1"\n',
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  {
    name: 'generator-merge',
    files: {
      'base/kustomization.yaml': "configMapGenerator:\n- name: h\n  literals: [a=1, b=2]\n  options:\n    labels: {x: \"1\"}\n- name: nh\n  literals: [a=1, b=2]\n  options:\n    disableNameSuffixHash: true\n    annotations: {an: \"1\"}\nsecretGenerator:\n- name: s\n  literals: [a=1]\n  type: kubernetes.io/opaque-x\nresources: [cm.yaml]\n",
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  labels: {p: "1"}\ndata:\n  a: "1"\n',
      'overlay/kustomization.yaml': "resources: [../base]\nconfigMapGenerator:\n- name: h\n  behavior: merge\n  literals: [b=3, c=4]\n- name: nh\n  behavior: merge\n  literals: [b=3, c=4]\n- name: plain\n  behavior: merge\n  literals: [b=3]\nsecretGenerator:\n- name: s\n  behavior: merge\n  literals: [b=2]\n",
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  {
    name: 'generator-replace-without-hash',
    files: {
      'base/kustomization.yaml': "configMapGenerator:\n- name: h\n  literals: [a=1, b=2]\n  options:\n    labels: {x: \"1\"}\n- name: nh\n  literals: [a=1, b=2]\n  options:\n    disableNameSuffixHash: true\n    annotations: {an: \"1\"}\nsecretGenerator:\n- name: s\n  literals: [a=1]\n  type: kubernetes.io/opaque-x\nresources: [cm.yaml]\n",
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  labels: {p: "1"}\ndata:\n  a: "1"\n',
      'overlay/kustomization.yaml': "resources: [../base]\nconfigMapGenerator:\n- name: h\n  behavior: replace\n  literals: [b=3, c=4]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\n- name: nh\n  behavior: replace\n  literals: [b=3, c=4]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\n- name: plain\n  behavior: replace\n  literals: [b=3]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\nsecretGenerator:\n- name: s\n  behavior: replace\n  literals: [b=2]\n",
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  {
    name: 'generator-merge-without-hash',
    files: {
      'base/kustomization.yaml': "configMapGenerator:\n- name: h\n  literals: [a=1, b=2]\n  options:\n    labels: {x: \"1\"}\n- name: nh\n  literals: [a=1, b=2]\n  options:\n    disableNameSuffixHash: true\n    annotations: {an: \"1\"}\nsecretGenerator:\n- name: s\n  literals: [a=1]\n  type: kubernetes.io/opaque-x\nresources: [cm.yaml]\n",
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  labels: {p: "1"}\ndata:\n  a: "1"\n',
      'overlay/kustomization.yaml': "resources: [../base]\nconfigMapGenerator:\n- name: h\n  behavior: merge\n  literals: [b=3, c=4]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\n- name: nh\n  behavior: merge\n  literals: [b=3, c=4]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\n- name: plain\n  behavior: merge\n  literals: [b=3]\n  options:\n    disableNameSuffixHash: true\n    labels: {z: \"1\"}\nsecretGenerator:\n- name: s\n  behavior: merge\n  literals: [b=2]\n",
    },
    overlay: 'overlay',
    expect: 'equal',
  },
  overlay('replacements-not-built', `replacements:
- source:
    kind: Service
    name: web
    fieldPath: metadata.name
  targets:
  - select:
      kind: StatefulSet
    fieldPaths:
    - spec.template.metadata.annotations.svc
    options:
      create: true
`, {}, 'not-built'),
  {
    name: 'not-built-in-a-base',
    files: { ...BASE, 'base/kustomization.yaml': 'resources:\n- sts.yaml\n- svc.yaml\n- side.yaml\nvars:\n- name: SVC\n  objref:\n    kind: Service\n    name: web\n    apiVersion: v1\n', 'overlay/kustomization.yaml': 'resources:\n- ../base\n' },
    overlay: 'overlay',
    expect: 'not-built',
  },
  overlay('generator-merge-of-nothing', 'configMapGenerator:\n- name: nothing\n  behavior: merge\n  literals:\n  - a=b\n', {}, 'both-fail'),

  overlay('generators-without-hash', `namePrefix: g-
generatorOptions:
  disableNameSuffixHash: true
  labels:
    generated: "yes"
configMapGenerator:
- name: gen-config
  behavior: create
  literals:
  - b=3
  - quoted="with spaces"
  files:
  - app.properties
  - renamed.txt=app.properties
  envs:
  - vars.env
- name: other
  namespace: side
  options:
    annotations:
      note: x
  literals:
  - k=v
secretGenerator:
- name: extra-secret
  literals:
  - password=s3crét
  type: kubernetes.io/basic-auth
`, { 'app.properties': 'a=1\nb=2\n', 'vars.env': '# comment\nX=1\n\nY=two words\n' }, 'equal'),
  overlay('generator-clashes-with-base', 'configMapGenerator:\n- name: web-config\n  literals: [a=b]\n  options:\n    disableNameSuffixHash: true\n', {}, 'both-fail'),
];
