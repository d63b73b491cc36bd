import type { BaseSet } from '../baseCompare';
import type { ParsedDoc, Resource } from '../parse';
import type { ResolvedSettings } from '../settings';
import type { FixData, Severity, Span } from '../types';
import type { WorkspaceIndex } from '../workspace';

export interface RuleMeta {
  /** Stable kebab-case id; also the name of the rule's file in camelCase. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line. */
  readonly summary: string;
  /** One paragraph, our own words. */
  readonly docs: string;
  /** A corrected example (YAML), shown in docs/rules.md and hovers. */
  readonly example?: string;
  /** Kubernetes versions the rule applies to, inclusive; absent means all. */
  readonly versions?: { readonly since?: string; readonly until?: string };
  /**
   * `document`: depends only on the document's own text and the settings, so its findings are
   * cached with the parse. `workspace`: reads other documents through the index, so it runs again
   * on every analysis. `base`: compares with the deployed version (`ctx.base`, a git base), so it
   * runs only when the caller gives one.
   */
  readonly scope: 'document' | 'workspace' | 'base';
  /**
   * True for the YAML-level rules, the only ones that run on a document with syntax errors: its
   * tree is a guess there, and Kubernetes rejects the file before looking at any field.
   */
  readonly onBrokenYaml?: boolean;
  /**
   * True when the rule judges what a whole object must hold or how its parts fit together
   * (required fields, the selector against the template labels, a mount against the volumes,
   * other objects it refers to). A Kustomize patch names only what it changes, so such a rule
   * does not run on a patch; the rules about the values a patch writes still do.
   */
  readonly wholeObject?: boolean;
  /** `yaml`: a finding any YAML parser makes (yaml-language-server too), which a server beside it may leave to it. */
  readonly layer?: 'yaml';
  /**
   * True when the rule's findings are about a StatefulSet whatever object they sit in (a pod name
   * in a ConfigMap): they make the file one we speak about (coverage.ts), as a StatefulSet would.
   */
  readonly aboutStatefulSets?: boolean;
}

/**
 * How a document is a Kustomize patch: `named` when a kustomization names its file (or it is an
 * inline patch), `guessed` when nothing names it but it reads as a partial object (see
 * kustomize/patches.ts looksLikePatch).
 */
export type PatchMode = 'named' | 'guessed';

export interface Report {
  /** Relative to the chunk, as every span in the document's tree is. */
  readonly span: Span;
  readonly message: string;
  readonly path?: string;
  readonly fix?: FixData;
  /** Overrides the rule's default severity for this finding (before user settings apply). */
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly doc: ParsedDoc;
  /** The text of the document's chunk; doc spans index into it. */
  readonly text: string;
  readonly settings: ResolvedSettings;
  /** Everything known across files, this file's current state included. */
  readonly index: WorkspaceIndex;
  readonly uri: string;
  /** Set when the document is a Kustomize patch: rules may then leave out what the base supplies. */
  readonly patch?: PatchMode;
  /** For a named patch: the kind every kustomization entry naming it targets, when they agree (see AnalyzeOptions.patchTarget). */
  readonly patchTarget?: string;
  /** What is deployed, for `base` rules: set only when the caller compares with a base. */
  readonly base?: BaseSet;
  report(r: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Helper for the many rules that look only at recognised objects of some kinds. */
export function resourcesOfKind(ctx: RuleContext, ...kinds: Resource['kind'][]): Resource[] {
  return ctx.doc.resources.filter((r) => kinds.includes(r.kind));
}

/** StatefulSets in the served apps/v1 version: the ones the Kubernetes rules check. */
export function statefulSets(ctx: RuleContext): Resource[] {
  return ctx.doc.resources.filter((r) => r.kind === 'StatefulSet' && r.served);
}
