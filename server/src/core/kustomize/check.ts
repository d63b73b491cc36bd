/**
 * Checks what an overlay builds: the built objects are written as YAML with a source map, every
 * rule runs on that text as on any file, and each finding goes back to the file and span where
 * the user wrote the value (the patch line, the base line, or the kustomization field that
 * transformed it). A build that is not complete gives one info on the kustomization and nothing
 * else: a finding on a partial build could be false.
 */
import { analyze } from '../analyze';
import { SERVED_VERSION } from '../parse';
import { applySuppressions } from '../suppress';
import { RULES } from '../rules';
import { KUSTOMIZE_NOT_BUILT } from '../rules/kustomizeNotBuilt';
import type { Settings } from '../settings';
import type { Finding, Span } from '../types';
import { buildKustomization, type Build, type ReadFile } from './build';
import { emitObjects, originOf, type Emitted } from './emit';
import { isKustomizationFile } from './kustomization';

/** Not a rule on YAML: the note on a kustomization whose build is incomplete. */
export { KUSTOMIZE_NOT_BUILT };

/** Rules about how the text is written, not about the objects: the built text is ours, not the user's. */
const TEXT_RULES = new Set(['yaml-syntax', 'duplicate-key', 'tab-indentation', 'yaml-boolean-string', 'analysis-limit', 'template-file']);
const OBJECT_RULES = RULES.filter((r) => !TEXT_RULES.has(r.meta.id));

/**
 * The kinds the rules read. Only these are written for the analysis: another object (a ConfigMap
 * holding a Go template, say) would make the analysis treat the whole text as a template.
 */
const CHECKED_KINDS = new Set(Object.keys(SERVED_VERSION));

/** A finding placed in the file where it can be fixed. */
export interface PlacedFinding {
  readonly file: string;
  readonly finding: Finding;
}

export interface OverlayCheck {
  readonly build: Build;
  /** The built objects the rules read, as YAML (one document each) with its source map; absent when the build is incomplete. */
  readonly emitted?: Emitted;
  readonly findings: readonly PlacedFinding[];
}

export interface OverlayCheckOptions {
  readonly settings?: Settings;
  /** How the overlay is named in messages (default: the directory as given). */
  readonly label?: string;
  /** SHA-256 (lowercase hex) for kustomize's generator name hashes; see BuildOptions. */
  readonly sha256?: (text: string) => string;
  /** The findings a file gets on its own; by default the file is analysed alone (a patch file as a patch). */
  readonly ownFindings?: (file: string) => readonly Finding[] | undefined;
}

/** The built objects the rules read, written as YAML with a source map (for the analysis and the preview). */
export function checkedText(build: Build): Emitted {
  return emitObjects(build.objects.filter((o) => CHECKED_KINDS.has(o.kind)).map((o) => o.root));
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** Builds the kustomization in `dir` and checks the result; undefined when `dir` holds none. Never throws. */
export function checkOverlay(dir: string, read: ReadFile, options: OverlayCheckOptions = {}): OverlayCheck | undefined {
  const build = buildKustomization(dir, read, { sha256: options.sha256 });
  if (!build) return undefined;
  const prefix = `in overlay ${options.label ?? dir}: `;
  const incomplete = build.failure ? [build.failure] : build.notBuilt;
  if (incomplete.length > 0) {
    const at = incomplete.find((n) => n.file === build.kustomizationFile) ?? { file: build.kustomizationFile, span: { start: 0, end: 0 } };
    const what = [...new Set(incomplete.map((n) => n.what))].join(', ');
    const message = build.failure
      ? `${prefix}not built in-process (${what}), so the overlay is not checked as a whole`
      : `${prefix}not built in-process: ${what}; the overlay is not checked as a whole`;
    const severity = options.settings?.rules?.[KUSTOMIZE_NOT_BUILT.id] ?? KUSTOMIZE_NOT_BUILT.defaultSeverity;
    if (severity === 'off') return { build, findings: [] };
    return { build, findings: [{ file: at.file, finding: { code: KUSTOMIZE_NOT_BUILT.id, severity, message, span: at.span } }] };
  }
  const emitted = checkedText(build);
  const analysis = analyze(emitted.text, { uri: `kustomize:${build.kustomizationFile}`, settings: options.settings, rules: OBJECT_RULES });
  const alone = new Map<string, readonly Finding[]>();
  const patchFiles = new Set(build.patches.filter((p) => !p.inline).map((p) => p.file));
  const ownFindings = (file: string): readonly Finding[] => {
    let f = alone.get(file);
    if (!f) {
      const text = read(file);
      const asAlone = { uri: file, settings: options.settings, patch: patchFiles.has(file), kustomization: isKustomizationFile(file) };
      f = options.ownFindings?.(file) ?? (text === undefined ? [] : analyze(text, asAlone).findings);
      alone.set(file, f);
    }
    return f;
  };
  const findings: PlacedFinding[] = [];
  const seen = new Set<string>();
  const checked = build.objects.filter((o) => CHECKED_KINDS.has(o.kind));
  for (const f of analysis.findings) {
    const origin = originOf(emitted, f.span);
    if (!origin) continue;
    if (ownFindings(origin.file).some((o) => o.code === f.code && sameSpan(o.span, origin.span))) continue;
    // A finding about the object as a whole lands on its name, which a namePrefix rewrote: when
    // the object's own file already says it there, the overlay adds nothing.
    if (isKustomizationFile(origin.file)) {
      const source = checked[emitted.documents.findIndex((d) => f.span.start >= d.start && f.span.start <= d.end)]?.source;
      if (source && ownFindings(source.file).some((o) => o.code === f.code && sameSpan(o.span, source.span))) continue;
    }
    const key = `${origin.file}\0${origin.span.start}\0${origin.span.end}\0${f.code}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A quick fix computed on the built text would edit the wrong file: overlay findings carry none.
    findings.push({ file: origin.file, finding: { code: f.code, severity: f.severity, message: prefix + f.message, span: origin.span, ...(f.path ? { path: f.path } : {}) } });
  }
  // A suppression comment where the value is written holds for the overlays too.
  const kept = new Set<Finding>();
  for (const file of new Set(findings.map((f) => f.file))) {
    const text = read(file) ?? '';
    for (const f of applySuppressions(text, findings.filter((x) => x.file === file).map((x) => x.finding))) kept.add(f);
  }
  return { build, emitted, findings: findings.filter((f) => kept.has(f.finding)) };
}
