/**
 * Kustomize overlays in the language server: each kustomization of the workspace is built and
 * checked in-process (the core's OverlaySet), and its findings go to the files where they can be
 * fixed (a patch line, a base line, the kustomization). An overlay is built again when its
 * kustomization or a file its build read changes, on a debounce: a keystroke in a large base
 * never waits for every overlay above it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, buildKustomization, checkedText, normalizePath, OverlaySet, WorkspaceIndex, type Analysis, type Finding, type ReadFile, type ResolvedSettings, type Settings } from '../core';
import { pathKeyOf } from './kustomize';

/** Long enough to take a burst of keystrokes as one change. */
const OVERLAY_DEBOUNCE_MS = 250;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function readDisk(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

interface OpenText {
  readonly uri: string;
  getText(): string;
}

/** A reader that gives an open document's text first, then the file on disk (paths as path keys). */
function readerOf(open: Iterable<OpenText>): ReadFile {
  const byPath = new Map<string, OpenText>();
  for (const doc of open) byPath.set(pathKeyOf(doc.uri), doc);
  return (path) => byPath.get(normalizePath(path))?.getText() ?? readDisk(path);
}

/** What an overlay builds, analysed as one file: for the preview of a kustomization. */
export interface BuiltOverlay {
  readonly label: string;
  /** The analysis of the built StatefulSets (spans are in the built text, not in any file). */
  readonly analysis: Analysis;
  /** The built objects alone: a Service is found among them, not among the unprefixed ones of the base. */
  readonly index: WorkspaceIndex;
  /** What the in-process build left out, when anything. */
  readonly notBuilt: readonly string[];
}

export interface OverlayHost {
  /** The open documents (their text wins over the disk). */
  open(): Iterable<OpenText>;
  /** The resolved settings of a file, when known (an overlay gets those of its kustomization). */
  settingsOf(uri: string): Settings | undefined;
  /** Waits until a file's settings are known. */
  loadSettings(uri: string): Promise<unknown>;
  /** The workspace folders (URIs): overlays are named relative to them. */
  folders(): readonly string[];
  /** Overlay findings of these files (path keys) may have changed. */
  changed(files: ReadonlySet<string>): void;
  log(message: string): void;
}

export class WorkspaceOverlays {
  private readonly set: OverlaySet;
  /** Kustomization directories waiting to be built again. */
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** One pass at a time: a pass yields between overlays, and the next must not overlap it. */
  private passes: Promise<void> = Promise.resolve();
  /** Nothing is built before the start-up scan knows every kustomization. */
  private started = false;
  /** The reader of the pass under way: the editor's texts as they were when it began. */
  private read: ReadFile = readDisk;

  constructor(private readonly host: OverlayHost) {
    this.set = new OverlaySet(
      (path) => this.read(path),
      (dir) => this.settingsOfDir(dir),
      (dir) => this.label(dir),
      sha256,
    );
  }

  /** After the start-up scan: builds every kustomization directory of the workspace. */
  start(kustomizations: Iterable<string>): void {
    this.started = true;
    this.rebuildAll(kustomizations);
  }

  /** The settings changed: every overlay is checked again. */
  rebuildAll(kustomizations: Iterable<string>): void {
    for (const file of kustomizations) this.dirty.add(dirname(file));
    this.schedule(0);
  }

  /** A kustomization file (path key) appeared, changed or went away. */
  kustomizationChanged(file: string): void {
    this.dirty.add(dirname(file));
    this.fileChanged(file);
  }

  /** Any file (path key) changed: the overlays whose build read it are built again. */
  fileChanged(file: string): void {
    for (const dir of this.set.readersOf(file)) this.dirty.add(dir);
    if (this.dirty.size > 0) this.schedule(OVERLAY_DEBOUNCE_MS);
  }

  /** Builds the overlay of a kustomization file now, from the editor's texts; undefined when it yields no StatefulSet. */
  built(uri: string, settings: ResolvedSettings): BuiltOverlay | undefined {
    const build = buildKustomization(dirname(pathKeyOf(uri)), readerOf(this.host.open()), { sha256 });
    if (!build || !build.readsStatefulSet) return undefined;
    const index = new WorkspaceIndex();
    const analysis = analyze(checkedText(build).text, { uri, settings, index });
    const notBuilt = [...new Set((build.failure ? [build.failure] : build.notBuilt).map((n) => n.what))];
    return { label: this.label(build.dir), analysis, index, notBuilt };
  }

  findingsFor(uri: string): readonly Finding[] {
    return this.set.findingsFor(pathKeyOf(uri));
  }

  private schedule(delay: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.passes = this.passes.then(() => this.flush()).catch((e: unknown) => this.host.log(`Overlay check failed: ${(e as Error)?.stack ?? String(e)}`));
    }, delay);
  }

  /** Builds the dirty overlays; the files whose overlay findings changed are reported once, together. */
  private async flush(): Promise<void> {
    const dirs = [...this.dirty];
    this.dirty.clear();
    for (const dir of dirs) await this.host.loadSettings(this.kustomizationUri(dir));
    this.read = readerOf(this.host.open());
    const touched = new Set<string>();
    let ms = 0;
    for (const dir of dirs) {
      const started = performance.now();
      for (const f of this.set.update(dir)) touched.add(f);
      ms += performance.now() - started;
      // Requests (hover, completion) wait for at most one overlay, not for all of them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (ms > 500) this.host.log(`Overlays checked in ${Math.round(ms)} ms: ${dirs.map((d) => this.label(d)).join(', ')}`);
    this.read = readDisk;
    if (touched.size > 0) this.host.changed(touched);
  }

  private kustomizationUri(dir: string): string {
    return pathToFileURL(`${dir}/kustomization.yaml`).href;
  }

  private settingsOfDir(dir: string): Settings | undefined {
    return this.host.settingsOf(this.kustomizationUri(dir));
  }

  /** The directory relative to its workspace folder ("overlays/prod"), else as it is. */
  private label(dir: string): string {
    for (const folder of this.host.folders()) {
      const root = pathKeyOf(folder);
      const rel = relative(root, dir).replace(/\\/g, '/');
      if (!rel.startsWith('..') && !rel.startsWith('/')) return rel === '' ? '.' : rel;
    }
    return dir;
  }
}
