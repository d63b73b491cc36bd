/**
 * `.statefulset-tools.yaml` in the language server. For a document, the configuration file is
 * looked for from its folder upwards to the repository root (the first folder holding `.git`) or
 * the filesystem root; an open configuration document counts with its unsaved text. Its settings
 * for the document go on top of the editor's (the repository file is the team's truth for what it
 * names; the editor's settings fill in the rest), and its `exclude` globs silence the document.
 * The server drops what it found when a configuration file changes (edited, saved, created or
 * deleted: see server.ts) and re-checks the open documents whose settings changed.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, configForPath, mergeSettings, parseConfig, resolveSettings, type ParsedConfig, type Settings } from '../core';
import type { ServerSettings } from './settings';
import { uriKey } from './workspaceScan';

/** What the repository's configuration says for one document. */
export interface Layer {
  readonly settings: Settings;
  readonly excluded: boolean;
  /** The configuration file, when there is one. */
  readonly configUri?: string;
  /** Stable text of the above: equal layers give the same settings object. */
  readonly key: string;
}

const NONE: Layer = { settings: {}, excluded: false, key: '' };

export class RepoConfigs {
  private readonly dirs = new Map<string, Promise<string | undefined>>();
  private readonly layers = new Map<string, Layer>();
  private readonly parsed = new Map<string, { text: string; parsed: ParsedConfig }>();

  constructor(private readonly documents: { all(): readonly { readonly uri: string; getText(): string }[] }) {}

  /** Everything found so far is forgotten: a configuration file changed. */
  clear(): void {
    this.dirs.clear();
    this.layers.clear();
  }

  /** The layer computed last for `uri`, without looking at the disk. */
  peek(uri: string): Layer | undefined {
    return uri.startsWith('file:') ? this.layers.get(uri) : NONE;
  }

  async layerFor(uri: string): Promise<Layer> {
    if (!uri.startsWith('file:')) return NONE;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return NONE;
    }
    const configPath = await this.configIn(dirname(path));
    let layer = NONE;
    if (configPath !== undefined) {
      const parsed = await this.read(configPath);
      if (parsed) {
        const fc = configForPath(parsed.config, relative(dirname(configPath), path).split(sep).join('/'));
        layer = { ...fc, configUri: pathToFileURL(configPath).href, key: JSON.stringify(fc) };
      }
    }
    this.layers.set(uri, layer);
    return layer;
  }

  /** The parse of a configuration file: its open document's text, else the disk's. */
  async read(path: string): Promise<ParsedConfig | undefined> {
    const key = uriKey(pathToFileURL(path).href);
    const open = this.documents.all().find((d) => uriKey(d.uri) === key);
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    }
    const known = this.parsed.get(path);
    if (known?.text === text) return known.parsed;
    const parsed = parseConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    this.parsed.set(path, { text, parsed });
    return parsed;
  }

  private configIn(dir: string): Promise<string | undefined> {
    let p = this.dirs.get(dir);
    if (!p) {
      p = this.look(dir);
      this.dirs.set(dir, p);
    }
    return p;
  }

  private async look(dir: string): Promise<string | undefined> {
    for (const name of CONFIG_FILE_NAMES) if (await isFile(join(dir, name))) return join(dir, name);
    const parent = dirname(dir);
    if (parent === dir || (await exists(join(dir, '.git')))) return undefined;
    return this.configIn(parent);
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** What the analysis store reads settings from. */
export interface SettingsSource {
  peek(uri: string): ServerSettings | undefined;
  get(uri: string): Promise<ServerSettings>;
}

/**
 * The editor's settings with the repository's configuration on top, per document. The same
 * object comes back while neither changed, so the analysis store re-checks only what changed.
 */
export class LayeredSettings implements SettingsSource {
  private readonly memo = new Map<string, { base: ServerSettings; layer: string; result: ServerSettings }>();

  constructor(
    private readonly editor: SettingsSource,
    private readonly configs: RepoConfigs,
  ) {}

  peek(uri: string): ServerSettings | undefined {
    const base = this.editor.peek(uri);
    const layer = this.configs.peek(uri);
    return base && layer ? this.combine(uri, base, layer) : undefined;
  }

  async get(uri: string): Promise<ServerSettings> {
    const [base, layer] = await Promise.all([this.editor.get(uri), this.configs.layerFor(uri)]);
    return this.combine(uri, base, layer);
  }

  /** True when the repository's configuration leaves the document out (`exclude`). */
  excluded(uri: string): boolean {
    return this.configs.peek(uri)?.excluded === true;
  }

  forget(uri: string): void {
    this.memo.delete(uri);
  }

  private combine(uri: string, base: ServerSettings, layer: Layer): ServerSettings {
    const known = this.memo.get(uri);
    if (known && known.base === base && known.layer === layer.key) return known.result;
    const settings = layer.key === '' ? base.settings : mergeSettings(base.settings, layer.settings);
    const result: ServerSettings = layer.key === '' ? base : { settings, resolved: resolveSettings(settings), maxFileSize: base.maxFileSize };
    this.memo.set(uri, { base, layer: layer.key, result });
    return result;
  }
}
