/**
 * Runs the built CLI (`node dist/cli.js`, what `npm run build` makes and users run) as a child
 * process, and gives each test file its own temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DIST } from '../support/paths';
import { sarifErrors } from '../support/sarifSchema';

export const CLI = join(DIST, 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with NO_COLOR=1 (and no FORCE_COLOR) unless `env` says otherwise. Every SARIF log
 * a test makes is validated against the SARIF 2.1.0 schema here, so no test can forget to.
 */
export function runCli(args: readonly string[], options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const { FORCE_COLOR: _, ...inherited } = process.env;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...inherited, NO_COLOR: '1', ...options.env },
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  const run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  if (isSarif(args) && run.stdout !== '') {
    const errors = sarifErrors(jsonOf(run));
    if (errors.length > 0) throw new Error(`the SARIF log of \`check ${args.join(' ')}\` is not valid SARIF 2.1.0:\n${errors.join('\n')}`);
  }
  return run;
}

function isSarif(args: readonly string[]): boolean {
  return args.some((a, i) => a === '--format=sarif' || ((a === '--format' || a === '-f') && args[i + 1] === 'sarif'));
}

/** Parses stdout as JSON, with the run's output in the error when it is not. */
export function jsonOf<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch (e) {
    throw new Error(`stdout is not JSON (${(e as Error).message}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** A temporary folder; `write` creates files (and their folders) in it. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'sts-cli-'));

  write(rel: string, content: string | Buffer): string {
    const p = join(this.path, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  }

  file(rel: string): string {
    return join(this.path, rel);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** A complete, valid StatefulSet with its headless Service: nothing in it is an error. */
export function goodManifest(name = 'web', options: { replicas?: number; service?: boolean } = {}): string {
  const service = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  clusterIP: None
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
---
`;
  return `${options.service === false ? '' : service}apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  replicas: ${options.replicas ?? 3}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27.2
          ports:
            - name: http
              containerPort: 80
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;
}

/**
 * A ConfigMap (no StatefulSet rule looks at it) whose one problem is a duplicate key: `mode` at
 * line 7, columns 3-7 (1-based).
 */
export const DUPLICATE_KEY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
data:
  mode: a
  mode: b
`;

/**
 * A StatefulSet with its Service whose one error is a duplicate key: the second `replicas`
 * at line 20, columns 3-11 (1-based). Findings are reported for files that hold a StatefulSet (or say
 * something about an object StatefulSets use); a ConfigMap's duplicate key is not ours to report.
 */
export const STS_DUPLICATE_KEY = goodManifest('dup').replace('  replicas: 3\n', '  replicas: 3\n  replicas: 3\n');
