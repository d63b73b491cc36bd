/**
 * `npm pack` as a publisher runs it: in a scratch copy of the manifest and the files it ships
 * (sources linked), so `prepack` builds there and the shared dist/ stays as the other tests
 * expect it. Inside the repository, so npm and node find its node_modules by walking up.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths';

export interface PackEntry {
  readonly path: string;
  readonly size: number;
}

export interface Packed {
  /** The .tgz, outside the scratch copy. */
  readonly tarball: string;
  /** What `npm pack --json` reports. */
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackEntry[];
  /** A directory for the test's own files (an install prefix, a consumer); removed by `dispose`. */
  readonly work: string;
  dispose(): void;
}

/** npm without its update check, audit and funding notes, whatever the user's npmrc says. */
export const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };

export function pack(): Packed {
  const scratch = join(ROOT, '.cache');
  mkdirSync(scratch, { recursive: true });
  const work = mkdtempSync(join(scratch, 'npm-pack-'));
  const source = join(work, 'source');
  const out = join(work, 'out');
  mkdirSync(source);
  mkdirSync(out);
  const dispose = (): void => rmSync(work, { recursive: true, force: true });
  try {
    for (const f of ['package.json', '.npmrc', 'esbuild.mjs', 'tsconfig.base.json', 'tsconfig.types.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) cpSync(join(ROOT, f), join(source, f));
    for (const d of ['docs', 'schemas']) cpSync(join(ROOT, d), join(source, d), { recursive: true });
    for (const d of ['server', 'client']) symlinkSync(join(ROOT, d), join(source, d), 'dir');
    const r = spawnSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: source, encoding: 'utf8', timeout: 240_000, env: NPM_ENV });
    if (r.status !== 0) throw new Error(`npm pack failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    // The lifecycle scripts print before the JSON.
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('[\n'))) as { filename: string; size: number; unpackedSize: number; files: PackEntry[] }[];
    const [p] = report;
    return { tarball: join(out, p.filename), size: p.size, unpackedSize: p.unpackedSize, files: p.files, work, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
