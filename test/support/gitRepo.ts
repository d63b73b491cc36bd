/**
 * Real git repositories in a temporary folder, built with the git binary (only tests run it; the
 * product reads repositories with isomorphic-git). Tests that need one skip, saying so, where git
 * is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIT_MISSING: string | false = spawnSync('git', ['--version']).status === 0 ? false : 'the git binary is not installed: these tests build real repositories with it';

export class GitRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'sts-git-'));
    if (!dir) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.email', 'test@example.com');
      this.git('config', 'user.name', 'Test');
      this.git('config', 'core.autocrlf', 'false');
    }
  }

  /** Runs git in the repository; throws with its output when it fails. */
  git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  }

  write(rel: string, text: string): string {
    const p = join(this.dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  /** Stages everything and commits; returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A StatefulSet with the parts the base tests change. */
export function statefulSet(o: { name?: string; namespace?: string; storage?: string; replicas?: number; serviceName?: string; extraSpec?: string; image?: string; retention?: string } = {}): string {
  const name = o.name ?? 'db';
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}spec:
  serviceName: ${o.serviceName ?? name}
  replicas: ${o.replicas ?? 3}
${o.extraSpec ?? ''}${o.retention ? `  persistentVolumeClaimRetentionPolicy:\n    whenScaled: ${o.retention}\n` : ''}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: ${o.image ?? 'postgres:16'}
          volumeMounts:
            - name: data
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: ${o.storage ?? '10Gi'}
`;
}
