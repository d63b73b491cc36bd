/**
 * Keeps the WorkspaceIndex in step with the YAML files on disk: a scan of the workspace folders
 * at start-up, then file-watcher events. Only summaries stay in memory (the core's index); texts
 * and trees are dropped after each file. Open documents are indexed from the editor's text by the
 * analysis store, so the scanner leaves them alone.
 *
 * The scan reads files asynchronously and yields to the event loop after every file, so requests
 * and edits are answered while it runs.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze, isKustomizationFile, SERVED_VERSION, type WorkspaceIndex } from '../core';

export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

/** The files the index reads: YAML, and kustomizations (`Kustomization` has no extension). */
function indexable(name: string): boolean {
  return YAML_FILE.test(name) || isKustomizationFile(name);
}

/** Path-based identity of a URI, so `file:///a%20b.yaml` and `file:///a b.yaml` are one file. */
export function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    const p = fileURLToPath(uri);
    return process.platform === 'win32' ? p.toLowerCase() : p;
  } catch {
    return uri;
  }
}

/**
 * A `kind:` line naming a kind the index keeps (or a List, which may hold them), quoted or not,
 * block or flow style. Most YAML in a workspace (CI files, Helm values, app configs) has none,
 * and is not parsed at all.
 */
const INDEXED_KIND = new RegExp(`["']?kind["']?\\s*:\\s*["']?(?:${[...Object.keys(SERVED_VERSION), 'List'].join('|')})\\b`);

/** Indexes one file's text; true when what other files see of it changed. A Kustomize patch holds no object of its own. */
export function indexText(index: WorkspaceIndex, uri: string, text: string, patch = false): boolean {
  const before = index.contentVersion;
  if (!patch && INDEXED_KIND.test(text)) {
    // Summaries only: no rule runs for a file nobody looks at.
    analyze(text, { uri, index, rules: [] });
  } else {
    index.removeFile(uri);
  }
  return before !== index.contentVersion;
}

export function removeFromIndex(index: WorkspaceIndex, uri: string): boolean {
  const had = index.fileSummaries(uri).length > 0;
  index.removeFile(uri);
  return had;
}

export interface ScanProgress {
  report(percentage: number, message: string): void;
}

export interface ScanResult {
  readonly files: number;
  readonly indexed: number;
  readonly skipped: readonly string[];
  readonly changed: boolean;
  readonly milliseconds: number;
}

export interface ScannerOptions {
  readonly index: WorkspaceIndex;
  /** True when the editor has the file open: its text, not the disk's, is in the index. */
  isOpen(key: string): boolean;
  maxFileSize(folderUri: string): Promise<number>;
  log(message: string): void;
  /** True when a kustomization names the file as a patch. */
  isPatch?(uri: string): boolean;
  /** A kustomization file was read from disk (its text), or is gone (undefined). */
  kustomization?(uri: string, text: string | undefined): void;
}

/** Files read ahead of the one being analysed. */
const READ_AHEAD = 8;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceScanner {
  /** uriKey -> the URI the file is indexed under. */
  private readonly onDisk = new Map<string, string>();
  private readonly folders = new Map<string, number>();

  constructor(private readonly o: ScannerOptions) {}

  async scan(folderUris: readonly string[], progress?: ScanProgress): Promise<ScanResult> {
    const started = performance.now();
    const files: { path: string; limit: number }[] = [];
    const skipped: string[] = [];
    const seen = new Set<string>();
    for (const folder of folderUris) {
      let root: string;
      try {
        root = fileURLToPath(folder);
      } catch {
        continue;
      }
      const limit = await this.o.maxFileSize(folder);
      this.folders.set(uriKey(folder), limit);
      await this.walk(root, new Set(), (path, real) => {
        // The same file reached twice (a symlink, nested workspace folders) is indexed once.
        if (seen.has(real)) return;
        seen.add(real);
        files.push({ path, limit });
      }, skipped);
    }
    // Kustomizations first: they decide which of the other files are patches, kept out of the index.
    files.sort((a, b) => Number(isKustomizationFile(b.path)) - Number(isKustomizationFile(a.path)));
    let indexed = 0;
    let changed = false;
    // Reads run a few files ahead of the analysis, which is synchronous: the disk's latency
    // overlaps with parsing instead of adding to it.
    const reads: Promise<FileText>[] = [];
    const readAhead = (i: number): void => {
      if (i < files.length) reads[i] = readText(files[i].path, files[i].limit);
    };
    for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
    for (let i = 0; i < files.length; i++) {
      if (i % 50 === 0) progress?.report(Math.floor((i * 100) / files.length), `${i}/${files.length} files`);
      const read = await reads[i];
      delete reads[i];
      readAhead(i + READ_AHEAD);
      const r = this.apply(pathToFileURL(files[i].path).href, read);
      if (read.skipped) skipped.push(`${files[i].path}: ${read.skipped}`);
      else if (!r.open) indexed++;
      changed = r.changed || changed;
      await yieldToEventLoop();
    }
    const result = { files: files.length, indexed, skipped, changed, milliseconds: Math.round(performance.now() - started) };
    this.o.log(`Indexed ${indexed} of ${files.length} YAML files in ${result.milliseconds} ms.`);
    for (const s of skipped) this.o.log(`Not indexed: ${s}`);
    return result;
  }

  /** A file was created or changed on disk. */
  async fileChanged(uri: string): Promise<boolean> {
    if (!indexable(uri)) return false;
    return (await this.load(uri, this.limitFor(uri))).changed;
  }

  /** A file or folder was deleted on disk. */
  fileDeleted(uri: string): boolean {
    const key = uriKey(uri);
    let changed = false;
    const prefix = key.endsWith('/') || key.endsWith('\\') ? key : key + (key.includes('\\') ? '\\' : '/');
    for (const [k, indexedAs] of [...this.onDisk]) {
      if (k !== key && !k.startsWith(prefix)) continue;
      this.onDisk.delete(k);
      if (this.o.isOpen(k)) continue;
      changed = removeFromIndex(this.o.index, indexedAs) || changed;
      if (isKustomizationFile(indexedAs)) this.o.kustomization?.(indexedAs, undefined);
    }
    return changed;
  }

  /** A workspace folder was removed: forget its files. */
  folderRemoved(folderUri: string): boolean {
    this.folders.delete(uriKey(folderUri));
    return this.fileDeleted(folderUri);
  }

  /**
   * A document the editor had open was closed: the disk's version (if any, and if the file is
   * in the workspace) takes its place in the index.
   */
  async documentClosed(uri: string): Promise<boolean> {
    const key = uriKey(uri);
    const indexedAs = this.onDisk.get(key);
    let changed = false;
    if (indexedAs !== undefined && indexedAs !== uri) changed = removeFromIndex(this.o.index, indexedAs);
    if (!uri.startsWith('file:') || !indexable(uri) || this.limitFor(uri) === undefined) {
      this.onDisk.delete(key);
      return removeFromIndex(this.o.index, uri) || changed;
    }
    return (await this.load(uri, this.limitFor(uri))).changed || changed;
  }

  /** An opened document replaces the disk version, which may be indexed under another spelling. */
  documentOpened(uri: string): boolean {
    const indexedAs = this.onDisk.get(uriKey(uri));
    return indexedAs !== undefined && indexedAs !== uri ? removeFromIndex(this.o.index, indexedAs) : false;
  }

  /** Reads a file on disk again (a kustomization now names it as a patch, or no longer does). */
  async refresh(uri: string): Promise<boolean> {
    const indexedAs = this.onDisk.get(uriKey(uri));
    if (indexedAs === undefined || this.o.isOpen(uriKey(uri))) return false;
    return (await this.load(indexedAs, this.limitFor(indexedAs))).changed;
  }

  /** The size limit of the workspace folder holding the file; undefined outside every folder. */
  private limitFor(uri: string): number | undefined {
    const key = uriKey(uri);
    let best: { len: number; limit: number } | undefined;
    for (const [folder, limit] of this.folders) {
      const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') ? '\\' : '/');
      if (key.startsWith(prefix) && (!best || folder.length > best.len)) best = { len: folder.length, limit };
    }
    return best?.limit;
  }

  private async load(uri: string, limit: number | undefined): Promise<{ changed: boolean }> {
    if (limit === undefined) return { changed: false };
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return { changed: false };
    }
    return this.apply(uri, await readText(path, limit));
  }

  /** Puts a file read from disk in the index, unless the editor has it open (its text wins). */
  private apply(uri: string, read: FileText): { changed: boolean; open: boolean } {
    const key = uriKey(uri);
    if (this.o.isOpen(key)) return { changed: false, open: true };
    const previous = this.onDisk.get(key);
    let changed = previous !== undefined && previous !== uri ? removeFromIndex(this.o.index, previous) : false;
    if (isKustomizationFile(uri)) this.o.kustomization?.(uri, read.text);
    if (read.text === undefined) {
      this.onDisk.delete(key);
      return { changed: removeFromIndex(this.o.index, uri) || changed, open: false };
    }
    this.onDisk.set(key, uri);
    changed = indexText(this.o.index, uri, read.text, this.o.isPatch?.(uri)) || changed;
    return { changed, open: false };
  }

  /**
   * Collects YAML files with their real paths; directories are visited once by real path, so
   * symlink loops end.
   */
  private async walk(dir: string, visited: Set<string>, found: (path: string, real: string) => void, skipped: string[]): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push(`${dir}: cannot list (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const st = await stat(path).catch(() => undefined);
        if (st?.isDirectory() && !SKIP_DIRS.has(entry.name)) await this.walk(path, visited, found, skipped);
        else if (st?.isFile() && indexable(entry.name)) found(path, await realpath(path).catch(() => path));
      } else if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await this.walk(path, visited, found, skipped);
      } else if (entry.isFile() && indexable(entry.name)) {
        found(path, join(real, entry.name));
      }
    }
  }
}

interface FileText {
  readonly text?: string;
  /** Why the file was left out. */
  readonly skipped?: string;
}

/** Reads a file for the index; never throws. */
async function readText(path: string, limit: number): Promise<FileText> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return { skipped: 'not a file' };
    if (st.size > limit) return { skipped: `larger than statefulset.maxFileSize (${st.size} > ${limit} bytes)` };
    const buf = await readFile(path);
    if (buf.subarray(0, 8192).includes(0)) return { skipped: 'binary' };
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { skipped: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}
