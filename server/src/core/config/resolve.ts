/**
 * What a configuration says for one file: whether `exclude` leaves it out, and the settings of
 * the top level with every matching override on top, in the order written (later entries win,
 * as in ESLint's overrides). Paths are relative to the directory holding the configuration, with
 * `/` separators; the callers (CLI, server) make them so.
 */
import picomatch from 'picomatch/posix';
import type { Settings } from '../settings';
import { mergeSettings } from './keys';
import type { RepoConfig } from './read';

export interface FileConfig {
  /** True when an `exclude` glob matches: the file is not checked. */
  readonly excluded: boolean;
  /** The configuration's settings for this file (before editor settings or CLI flags combine with them). */
  readonly settings: Settings;
}

type Matcher = (path: string) => boolean;

const matchers = new WeakMap<readonly string[], Matcher>();

/**
 * A glob without `/` matches the file name in any directory (`*.values.yaml`), as in .gitignore;
 * `dir/` means everything under it. Dot files match like any other.
 */
function matcherOf(globs: readonly string[]): Matcher {
  let m = matchers.get(globs);
  if (!m) {
    const each = globs.map((g) => {
      const glob = g.endsWith('/') ? `${g}**` : g;
      return picomatch(glob, { dot: true, basename: !glob.includes('/') });
    });
    m = (path) => each.some((test) => test(path));
    matchers.set(globs, m);
  }
  return m;
}

/** `relPath` undefined (standard input, an untitled document): the top-level settings only. */
export function configForPath(config: RepoConfig, relPath: string | undefined): FileConfig {
  if (relPath === undefined || relPath.startsWith('../') || relPath === '..') return { excluded: false, settings: config.settings };
  const path = relPath.replace(/^\.\//, '');
  const excluded = config.exclude.length > 0 && matcherOf(config.exclude)(path);
  let settings = config.settings;
  for (const o of config.overrides) if (matcherOf(o.files)(path)) settings = mergeSettings(settings, o.settings);
  return { excluded, settings };
}
