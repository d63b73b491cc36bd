/**
 * `.statefulset-tools.yaml` for the CLI: found from each checked file's directory upwards to the
 * repository root (the first directory holding `.git`) or the filesystem root, or given with
 * `--config`. Its settings for the file come first; flags given on the command line win over it.
 * A configuration with any problem stops the run (exit 2) with each problem as file:line:col.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, configForPath, LineIndex, mergeSettings, parseConfig, type RepoConfig, type Settings } from '../core';
import { STDIN_NAME, type InputFile } from './files';

interface Loaded {
  readonly path: string;
  readonly dir: string;
  readonly config: RepoConfig;
}

export interface ConfiguredFiles {
  /** The files to check: the ones no `exclude` glob matches. */
  readonly files: InputFile[];
  /** Files named on the command line that an `exclude` glob leaves out, with the configuration that does. */
  readonly excluded: { readonly path: string; readonly config: string }[];
  readonly settingsFor: (file: InputFile) => Settings;
  /** The settings for any path (a kustomization's overlay): its configuration's, then the flags. */
  readonly settingsForPath: (path: string) => Settings;
  /** Problems of the configuration files, as `file:line:col: message`; any of them stops the run. */
  readonly errors: string[];
}

export class ConfigFinder {
  private readonly byDir = new Map<string, Loaded | undefined>();
  private readonly byPath = new Map<string, Loaded | undefined>();
  readonly errors: string[] = [];

  /** `explicit`: the `--config` file, used for every file instead of looking. */
  constructor(private readonly explicit?: string) {}

  /** The configuration for a file (standard input without --stdin-filename: looked for from the current directory). */
  forFile(path: string): Loaded | undefined {
    if (this.explicit !== undefined) return this.load(resolve(this.explicit), true);
    return this.lookUp(path === STDIN_NAME ? process.cwd() : dirname(resolve(path)));
  }

  private lookUp(dir: string): Loaded | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let found: Loaded | undefined;
    const here = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find(isFile);
    if (here) found = this.load(here, false);
    else {
      const parent = dirname(dir);
      // The repository root is as far up as a configuration is looked for.
      if (parent !== dir && !existsSync(join(dir, '.git'))) found = this.lookUp(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  private load(path: string, explicit: boolean): Loaded | undefined {
    if (this.byPath.has(path)) return this.byPath.get(path);
    let loaded: Loaded | undefined;
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      this.errors.push(`${shown(path)}: cannot read the configuration${explicit ? ' given with --config' : ''}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (text !== undefined) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const parsed = parseConfig(text);
      const lines = new LineIndex(text);
      for (const p of parsed.problems) {
        const at = lines.positionAt(p.span.start);
        this.errors.push(`${shown(path)}:${at.line + 1}:${at.character + 1}: ${p.message}`);
      }
      loaded = { path, dir: dirname(path), config: parsed.config };
    }
    this.byPath.set(path, loaded);
    return loaded;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The path of `file` relative to the configuration's directory, with `/`; undefined for standard input. */
function relativeTo(loaded: Loaded, file: string): string | undefined {
  if (file === STDIN_NAME) return undefined;
  return relative(loaded.dir, resolve(file)).split(sep).join('/');
}

/** `yamlFindings` is about a YAML server beside ours in an editor: in CI nobody else reports them. */
function forCli(s: Settings): Settings {
  return s.yamlFindings === undefined ? s : { ...s, yamlFindings: undefined };
}

/**
 * Each file's settings: its configuration's (top level, then matching overrides), then the flags.
 * `named`: the paths given on the command line, so an excluded file named there is mentioned.
 */
export function configureFiles(found: readonly InputFile[], configPath: string | undefined, flags: Settings, named: readonly string[]): ConfiguredFiles {
  const finder = new ConfigFinder(configPath);
  const files: InputFile[] = [];
  const excluded: { path: string; config: string }[] = [];
  const settings = new Map<InputFile, Settings>();
  const explicit = new Set(named);
  for (const f of found) {
    const loaded = finder.forFile(f.path);
    const fc = loaded ? configForPath(loaded.config, relativeTo(loaded, f.path)) : undefined;
    if (fc?.excluded && loaded) {
      if (explicit.has(f.path)) excluded.push({ path: f.path, config: shown(loaded.path) });
      continue;
    }
    files.push(f);
    settings.set(f, fc ? forCli(mergeSettings(fc.settings, flags)) : flags);
  }
  const settingsForPath = (path: string): Settings => {
    const loaded = finder.forFile(path);
    const fc = loaded ? configForPath(loaded.config, relativeTo(loaded, path)) : undefined;
    return fc ? forCli(mergeSettings(fc.settings, flags)) : flags;
  };
  return { files, excluded, settingsFor: (f) => settings.get(f) ?? flags, settingsForPath, errors: finder.errors };
}
