import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';

/** The repository root, from out/test/support (compiled) or test/support (source). */
export const ROOT = resolve(__dirname, existsSync(resolve(__dirname, '../../../package.json')) ? '../../..' : '../..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const DIST = join(ROOT, 'dist');
/** The shared corpus next to the clone; CI has it, a user's clone does not (tests that use it skip). */
export const SHARED = resolve(ROOT, '..', 'shared');
