/** Offsets are UTF-16 code units into the text the core was given (JS string indices). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
/** Every value a rule's setting may take, for readers of user input. */
export const SEVERITY_SETTINGS: ReadonlySet<string> = new Set<SeveritySetting>(['error', 'warning', 'info', 'hint', 'off']);

/**
 * Data a quick fix needs, carried from the rule to the fixer (and through LSP `diagnostic.data`).
 * `kind` names the fix; the rest is plain JSON chosen by the rule.
 */
export interface FixData {
  readonly kind: string;
  readonly [key: string]: unknown;
}

export interface Finding {
  /** Stable rule id, kebab-case. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Kubernetes field path, e.g. `spec.updateStrategy.rollingUpdate.partition`. */
  readonly path?: string;
  readonly fix?: FixData;
}

export function spanOf(start: number, end: number): Span {
  return { start, end };
}

export function shiftSpan(span: Span, by: number): Span {
  return by === 0 ? span : { start: span.start + by, end: span.end + by };
}
