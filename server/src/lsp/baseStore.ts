/**
 * The base of each open document (`statefulset.compareWith`): read from git off the keystroke
 * path. An analysis asks synchronously for what is known and starts a check in the background
 * unless one is under way (resolving the ref is a few small file reads, about 3 ms; a new commit
 * is indexed once); when the base turns out different (a commit, a checkout, a changed setting)
 * the document is analysed again.
 */
import { fileURLToPath } from 'node:url';
import { GitBaseReader } from '../base/gitBase';
import type { BaseSet } from '../core';

interface Known {
  readonly key: string;
  base?: BaseSet;
  pending: boolean;
}

export class BaseStore {
  private readonly reader = new GitBaseReader();
  private readonly known = new Map<string, Known>();

  constructor(
    /** The base of `uri` changed: analyse it again. */
    private readonly changed: (uri: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** What is known now of `uri`'s base at `ref` (undefined: none, or not known yet). */
  peek(uri: string, ref: string | undefined, defaultNamespace: string): BaseSet | undefined {
    if (ref === undefined || !uri.startsWith('file:')) return undefined;
    const key = `${ref}|${defaultNamespace}`;
    let k = this.known.get(uri);
    if (!k || k.key !== key) {
      k = { key, pending: false };
      this.known.set(uri, k);
    }
    if (!k.pending) this.check(uri, k, ref, defaultNamespace);
    return k.base;
  }

  forget(uri: string): void {
    this.known.delete(uri);
  }

  private check(uri: string, k: Known, ref: string, defaultNamespace: string): void {
    k.pending = true;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return;
    }
    this.reader.baseFor(file, ref, defaultNamespace).then(
      (found) => {
        k.pending = false;
        if (this.known.get(uri) !== k || found.base === k.base) return;
        k.base = found.base;
        this.changed(uri);
      },
      (e: unknown) => {
        k.pending = false;
        this.log(`Could not read the base (${ref}) of ${uri}: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }
}
