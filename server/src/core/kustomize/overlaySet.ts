/**
 * The overlay checks of a workspace, kept for a caller that sees files change (the language
 * server): which overlays read a file, and the overlay findings placed in each file. The caller
 * owns it and passes the reader (open documents first, then disk).
 */
import type { Settings } from '../settings';
import type { Finding } from '../types';
import type { ReadFile } from './build';
import { checkOverlay, type OverlayCheck } from './check';

export class OverlaySet {
  private readonly checks = new Map<string, OverlayCheck>();

  constructor(
    private readonly read: ReadFile,
    /** The settings, or how to find those of an overlay (a language server's differ by folder). */
    private readonly settings?: Settings | ((dir: string) => Settings | undefined),
    /** How an overlay is named in messages (default: its directory). */
    private readonly label: (dir: string) => string = (dir) => dir,
    /** SHA-256 for generator name hashes (see BuildOptions). */
    private readonly sha256?: (text: string) => string,
  ) {}

  /**
   * Builds and checks the kustomization in `dir` again (or forgets it when there is none any more).
   * Returns the files whose overlay findings may have changed.
   */
  update(dir: string): Set<string> {
    const touched = this.filesOf(dir);
    const settings = typeof this.settings === 'function' ? this.settings(dir) : this.settings;
    const check = checkOverlay(dir, this.read, { settings, label: this.label(dir), sha256: this.sha256 });
    if (check && check.build.readsStatefulSet) this.checks.set(dir, check);
    else this.checks.delete(dir);
    for (const f of this.filesOf(dir)) touched.add(f);
    return touched;
  }

  forget(dir: string): Set<string> {
    const touched = this.filesOf(dir);
    this.checks.delete(dir);
    return touched;
  }

  /** The overlays whose build read `file`: to update when it changes. */
  readersOf(file: string): string[] {
    return [...this.checks].filter(([, c]) => c.build.files.includes(file)).map(([dir]) => dir);
  }

  /** The overlay findings placed in `file`, from every overlay. */
  findingsFor(file: string): Finding[] {
    const out: Finding[] = [];
    for (const c of this.checks.values()) for (const f of c.findings) if (f.file === file) out.push(f.finding);
    return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }

  private filesOf(dir: string): Set<string> {
    const c = this.checks.get(dir);
    return new Set(c ? [...c.build.files, ...c.findings.map((f) => f.file)] : []);
  }
}
