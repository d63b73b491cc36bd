/**
 * The base of a comparison read from git, in-process (isomorphic-git; no git binary is run):
 * the StatefulSets and Services of every YAML file of a commit, so that an object is found by
 * kind, namespace and name wherever it lived.
 *
 * Reading a commit costs one walk of its tree; what is learnt is kept by object id, which never
 * goes stale: a commit's index (its YAML files and objects) by commit id, a file's objects by blob
 * id, so the next commit reads only the files that changed. A keystroke resolves the ref (a few
 * small file reads) and finds everything else cached.
 *
 * Shared by the language server and the CLI; the core never sees a repository, only the BaseSet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import git from 'isomorphic-git';
import { baseSetOf, objectsOfText, type BaseSet, type SourcedResource } from '../core';

/** Where a repository is: the working tree, its git directory, and the shared one of a linked worktree. */
export interface Repository {
  readonly dir: string;
  /** Holds HEAD and the index (the worktree's own directory for a linked worktree). */
  readonly gitdir: string;
  /** Holds objects and refs (the main repository's for a linked worktree). */
  readonly commondir: string;
}

/** Files larger than this are not read for the base (generated bundles; the checker skips them too). */
const MAX_BLOB = 4 * 1024 * 1024;
/** Commit indexes kept (the oldest is dropped first). */
const MAX_COMMITS = 16;
const YAML_FILE = /\.ya?ml$/i;
/** Only objects of these kinds are kept: the ones the base rules look up. */
const KINDS = new Set(['StatefulSet', 'Service']);

/** The repository that holds `file` (an absolute path), if any: the nearest `.git` above it. */
export function findRepository(file: string): Repository | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const dotgit = path.join(dir, '.git');
    const stat = statOf(dotgit);
    if (stat?.isDirectory()) return { dir, gitdir: dotgit, commondir: dotgit };
    if (stat?.isFile()) {
      // A linked worktree or a submodule: `gitdir: <path>`.
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotgit) ?? '');
      if (!m) return undefined;
      const gitdir = path.resolve(dir, m[1]);
      const common = readText(path.join(gitdir, 'commondir'))?.trim();
      return { dir, gitdir, commondir: common ? path.resolve(gitdir, common) : gitdir };
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function readText(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** What a commit holds for the base: its YAML paths and their objects of the kinds we keep. */
interface CommitIndex {
  readonly paths: ReadonlySet<string>;
  readonly objects: readonly SourcedResource[];
}

export interface BaseLookup {
  /** The base, or undefined when there is none for this file (no repository, unknown ref, untracked file). */
  readonly base?: BaseSet;
  /** Why there is none, for logs: `no repository`, `unknown ref origin/main`, `untracked`. */
  readonly reason?: string;
  /** The commit the base is, when found. */
  readonly commit?: string;
}

/**
 * Reads bases from git. One per process (the server's, the CLI run's): its caches are by object
 * id and hold for every repository it reads.
 */
export class GitBaseReader {
  /** isomorphic-git's own cache (pack indexes), per common git directory. */
  private readonly gitCaches = new Map<string, object>();
  private readonly commits = new Map<string, Promise<CommitIndex>>();
  private readonly blobs = new Map<string, SourcedResource[]>();
  private readonly sets = new Map<string, BaseSet>();
  private readonly tracked = new Map<string, { readonly stamp: string; readonly files: ReadonlySet<string> }>();

  /**
   * The base of `file` (an absolute path) at `ref`: every StatefulSet and Service of the commit,
   * found by kind, namespace and name. `defaultNamespace` places objects that name none.
   */
  async baseFor(file: string, ref: string, defaultNamespace: string): Promise<BaseLookup> {
    const repo = findRepository(file);
    if (!repo) return { reason: 'no repository' };
    const commit = await this.resolve(repo, ref);
    if (!commit) return { reason: `unknown ref ${ref}` };
    const index = await this.commitIndex(repo, commit);
    const relative = path.relative(repo.dir, path.resolve(file)).split(path.sep).join('/');
    if (!index.paths.has(relative) && !(await this.isTracked(repo, relative))) return { reason: 'untracked', commit };
    const key = `${commit}|${ref}|${defaultNamespace}`;
    let set = this.sets.get(key);
    if (!set) {
      set = baseSetOf(ref, index.objects, defaultNamespace, filesOf(repo, index.objects));
      this.sets.set(key, set);
    }
    return { base: set, commit };
  }

  private cacheFor(repo: Repository): object {
    let c = this.gitCaches.get(repo.commondir);
    if (!c) this.gitCaches.set(repo.commondir, (c = {}));
    return c;
  }

  /** The commit `ref` names: HEAD (of this worktree), a branch, a remote branch, a tag, or a commit id. */
  async resolve(repo: Repository, ref: string): Promise<string | undefined> {
    const gitdir = repo.commondir;
    try {
      let oid: string;
      if (ref === 'HEAD' && repo.gitdir !== repo.commondir) {
        // A linked worktree's HEAD is its own; the branch it names lives in the common directory.
        const head = (readText(path.join(repo.gitdir, 'HEAD')) ?? '').trim();
        oid = head.startsWith('ref:') ? await git.resolveRef({ fs, gitdir, ref: head.slice(4).trim() }) : head;
      } else if (/^[0-9a-f]{4,40}$/i.test(ref) && !(await refExists(gitdir, ref))) {
        oid = await git.expandOid({ fs, gitdir, oid: ref.toLowerCase(), cache: this.cacheFor(repo) });
      } else {
        oid = await git.resolveRef({ fs, gitdir, ref });
      }
      // An annotated tag names a tag object: readCommit follows it to the commit.
      return (await git.readCommit({ fs, gitdir, oid, cache: this.cacheFor(repo) })).oid;
    } catch {
      return undefined;
    }
  }

  private commitIndex(repo: Repository, commit: string): Promise<CommitIndex> {
    let p = this.commits.get(commit);
    if (!p) {
      p = this.readCommitIndex(repo, commit);
      // A failed read is not remembered: the next keystroke tries again.
      p.catch(() => this.commits.delete(commit));
      this.commits.set(commit, p);
      // A long editing session sees many commits; the blobs they share stay cached on their own.
      if (this.commits.size > MAX_COMMITS) this.commits.delete(this.commits.keys().next().value as string);
    }
    return p;
  }

  private async readCommitIndex(repo: Repository, commit: string): Promise<CommitIndex> {
    const gitdir = repo.commondir;
    const cache = this.cacheFor(repo);
    const entries: { path: string; oid: string }[] = [];
    await git.walk({
      fs,
      gitdir,
      cache,
      trees: [git.TREE({ ref: commit })],
      map: async (filepath, [entry]) => {
        if (!entry || filepath === '.') return true;
        const type = await entry.type();
        if (type === 'tree') return true;
        if (type === 'blob' && YAML_FILE.test(filepath)) entries.push({ path: filepath, oid: await entry.oid() });
        return undefined;
      },
    });
    const objects: SourcedResource[] = [];
    for (const e of entries) {
      let found = this.blobs.get(`${e.oid}|${e.path}`);
      if (!found) {
        found = await this.readObjects(gitdir, cache, e.oid, e.path);
        this.blobs.set(`${e.oid}|${e.path}`, found);
      }
      for (const o of found) objects.push(o);
    }
    return { paths: new Set(entries.map((e) => e.path)), objects };
  }

  private async readObjects(gitdir: string, cache: object, oid: string, source: string): Promise<SourcedResource[]> {
    const { blob } = await git.readBlob({ fs, gitdir, oid, cache });
    if (blob.length > MAX_BLOB) return [];
    const text = Buffer.from(blob.buffer, blob.byteOffset, blob.length).toString('utf8');
    // Most YAML in a repository is no StatefulSet or Service: a text search spares parsing it.
    if (!/kind:\s*["']?(StatefulSet|Service|List)\b/.test(text)) return [];
    return objectsOfText(source, text).filter((o) => KINDS.has(o.resource.kind));
  }

  /** Whether git's index lists the file (added but not committed yet); read again when the index file changes. */
  private async isTracked(repo: Repository, relative: string): Promise<boolean> {
    const indexFile = path.join(repo.gitdir, 'index');
    const stat = statOf(indexFile);
    if (!stat) return false;
    const stamp = `${stat.mtimeMs}|${stat.size}`;
    let known = this.tracked.get(indexFile);
    if (!known || known.stamp !== stamp) {
      let files: string[] = [];
      try {
        files = await git.listFiles({ fs, gitdir: repo.gitdir, cache: this.cacheFor(repo) });
      } catch {
        files = [];
      }
      known = { stamp, files: new Set(files) };
      this.tracked.set(indexFile, known);
    }
    return known.files.has(relative);
  }
}

/**
 * The working-tree file each Service of the base came from. Whether it was deleted is asked only
 * when a rule needs it (a Service missing from the workspace), so a keystroke checks no file.
 */
function filesOf(repo: Repository, objects: readonly SourcedResource[]): BaseSet['files'] {
  const files = new Map<string, { readonly uri: string; readonly deleted: boolean }>();
  for (const o of objects) {
    if (o.resource.kind !== 'Service' || files.has(o.source)) continue;
    const abs = path.join(repo.dir, ...o.source.split('/'));
    files.set(o.source, {
      uri: pathToFileURL(abs).toString(),
      get deleted() {
        return !fs.existsSync(abs);
      },
    });
  }
  return files;
}

async function refExists(gitdir: string, ref: string): Promise<boolean> {
  try {
    await git.resolveRef({ fs, gitdir, ref });
    return true;
  } catch {
    return false;
  }
}
