/**
 * One analysis per open document, parsed once per version: each document owns a DocumentCache
 * (the core's chunk cache), dropped on close. An analysis is reused while the document's version,
 * its settings and the index generation are the ones it was made with; the generation moves when
 * the index changes in a way other files can see (WorkspaceIndex.contentVersion), so workspace findings
 * (a Service defined in another file) follow those changes.
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import { analyze, composeChanges, DocumentCache, isKustomizationFile, NO_CHANGE, type Analysis, type BaseSet, type TextChange, type WorkspaceIndex } from '../core';
import type { KustomizeWorkspace } from './kustomize';
import type { PieceDocument } from './documents';
import type { SettingsSource } from './repoConfig';
import type { ServerSettings } from './settings';

interface Entry {
  cache: DocumentCache;
  analysis?: Analysis;
  version?: number;
  settings?: ServerSettings;
  generation?: number;
  /** Whether the analysis checked the document as a Kustomize patch. */
  patch?: boolean;
  /** The base the analysis compared with (statefulset.compareWith). */
  base?: BaseSet;
  /**
   * What the edits since the last analysis changed, composed; 'unknown' after a whole-text
   * replacement (then the next analysis cuts the whole text).
   */
  change?: TextChange | 'unknown';
}

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();
  private generationValue = 0;

  constructor(
    private readonly documents: TextDocuments<PieceDocument>,
    private readonly index: WorkspaceIndex,
    private readonly settings: SettingsSource,
    /** Called when analysing `uri` changed what other files see in the index. */
    private readonly indexChanged: (uri: string) => void,
    /** Which documents kustomizations name as patches. */
    private readonly kustomize?: KustomizeWorkspace,
    /** The base known for a document now (see BaseStore). */
    private readonly baseOf: (uri: string, settings: ServerSettings) => BaseSet | undefined = () => undefined,
  ) {}

  private isPatch(uri: string): boolean {
    return this.kustomize?.isPatch(uri) ?? false;
  }

  get generation(): number {
    return this.generationValue;
  }

  /** Other files' objects changed in the index (scan, file watcher, a document closed). */
  bumpGeneration(): void {
    this.generationValue++;
  }

  /** The current analysis, made now if needed; undefined until the document's settings are known. */
  analysisOf(uri: string): Analysis | undefined {
    const doc = this.documents.get(uri);
    const settings = this.settings.peek(uri);
    if (!doc || !settings) return undefined;
    return this.analyse(doc, settings);
  }

  async analysisFor(uri: string): Promise<Analysis | undefined> {
    if (!this.documents.get(uri)) return undefined;
    await this.settings.get(uri);
    return this.analysisOf(uri);
  }

  /** True when the document's last analysis is out of date (or it has none). */
  isStale(uri: string): boolean {
    const doc = this.documents.get(uri);
    const e = this.entries.get(uri);
    return !doc || !e?.analysis || e.version !== doc.version || e.generation !== this.generationValue || e.settings !== this.settings.peek(uri) || e.patch !== this.isPatch(uri);
  }

  /** The document's base changed: its next analysis compares with the new one. */
  baseChanged(uri: string): void {
    const e = this.entries.get(uri);
    if (e) e.analysis = undefined;
  }

  /** An edit of an open document, in offsets of the text before it (undefined: the whole text was replaced). */
  noteChange(uri: string, change: TextChange | undefined): void {
    const e = this.entries.get(uri);
    if (!e) return;
    e.change = change === undefined || e.change === 'unknown' ? 'unknown' : composeChanges(e.change, change);
  }

  drop(uri: string): void {
    this.entries.delete(uri);
  }

  /**
   * Settings changed: every analysis is made again from scratch. The chunk caches go too: they
   * are keyed by the settings that shape findings, but a rule turned off is not run at all, so
   * turning it back on must not find the chunk already checked.
   */
  invalidateAll(): void {
    for (const e of this.entries.values()) {
      e.analysis = undefined;
      e.cache = new DocumentCache();
      e.change = undefined;
    }
  }

  private analyse(doc: PieceDocument, settings: ServerSettings): Analysis {
    let e = this.entries.get(doc.uri);
    if (!e) {
      e = { cache: new DocumentCache() };
      this.entries.set(doc.uri, e);
    }
    const patch = this.isPatch(doc.uri);
    const base = this.baseOf(doc.uri, settings);
    if (e.analysis && e.version === doc.version && e.settings === settings && e.generation === this.generationValue && e.patch === patch && e.base === base) return e.analysis;
    // analyze() sets only this file in the index; the index's content version moves exactly when
    // what other files can see of it changed (not when its objects merely moved).
    const before = this.index.contentVersion;
    const change = e.change === 'unknown' ? undefined : (e.change ?? NO_CHANGE);
    e.change = undefined;
    // An open document's text is a PieceText: the analysis reads the chunks near the edit, never the whole text.
    const analysis = analyze(doc.source, { uri: doc.uri, settings: settings.resolved, index: this.index, cache: e.cache, change, patch, patchTarget: this.kustomize?.patchTargetOf(doc.uri), kustomization: isKustomizationFile(doc.uri), base });
    const changed = before !== this.index.contentVersion;
    if (changed) this.generationValue++;
    e.analysis = analysis;
    e.version = doc.version;
    e.settings = settings;
    e.generation = this.generationValue;
    e.patch = patch;
    e.base = base;
    if (changed) this.indexChanged(doc.uri);
    return analysis;
  }
}
