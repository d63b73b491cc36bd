/**
 * Completion and hover inside `.statefulset-tools.yaml`, read from the configuration's schema:
 * keys with their descriptions, rule ids with their summaries, severities and other values. The
 * cursor is located as in manifests (locate.ts), so half-typed lines complete too.
 */
import type { Analysis } from '../analyze';
import type { CompletionItemData } from '../completion';
import { cursorContext, nodeAt } from '../locate';
import { ruleMeta, RULE_METAS } from '../rules';
import type { Span } from '../types';
import { SEVERITY_DESCRIPTIONS, type JsonSchema } from './keys';
import { buildConfigSchema, schemaAt, type ConfigSchema } from './schema';

let schema: ConfigSchema | undefined;
function configSchema(): ConfigSchema {
  schema ??= buildConfigSchema(RULE_METAS);
  return schema;
}

const isSeverity = (v: string): v is keyof typeof SEVERITY_DESCRIPTIONS => Object.hasOwn(SEVERITY_DESCRIPTIONS, v);

/** True when `path` names a rule: `rules.<id>` at the top level or in an override. */
function ruleAt(path: readonly (string | number)[]): string | undefined {
  const n = path.length;
  return n >= 2 && path[n - 2] === 'rules' && typeof path[n - 1] === 'string' && (n === 2 || path[0] === 'overrides') ? (path[n - 1] as string) : undefined;
}

function typeText(s: JsonSchema): string | undefined {
  if (s.type === 'array') return 'list';
  if (s.type === 'object') return 'mapping';
  return s.type;
}

export function configCompletionsAt(analysis: Analysis, offset: number): CompletionItemData[] {
  const ctx = cursorContext(analysis, offset);
  if (!ctx) return [];
  const at = schemaAt(configSchema(), ctx.path);
  if (!at) return [];
  if (ctx.mode === 'key') {
    const taken = new Set(ctx.siblings);
    const inRules = ctx.path[ctx.path.length - 1] === 'rules';
    return Object.keys(at.properties ?? {})
      .filter((key) => !taken.has(key))
      .map((key, i) => {
        const s = schemaAt(configSchema(), [...ctx.path, key]) ?? {};
        const meta = inRules ? ruleMeta(key) : undefined;
        return {
          label: key,
          kind: 'field',
          detail: meta ? `${meta.defaultSeverity} by default` : typeText(s),
          documentation: meta ? `${meta.summary}\n\n${meta.docs}` : s.description,
          insertText: `${key}: `,
          snippet: false,
          replace: ctx.replace,
          sortText: String(i).padStart(4, '0'),
        } satisfies CompletionItemData;
      });
  }
  const values: { value: string; doc?: string }[] = at.enum
    ? at.enum.map((v) => ({ value: String(v), doc: isSeverity(String(v)) ? SEVERITY_DESCRIPTIONS[String(v) as keyof typeof SEVERITY_DESCRIPTIONS] : undefined }))
    : at.type === 'boolean'
      ? [{ value: 'true' }, { value: 'false' }]
      : (at.examples ?? []).map((v) => ({ value: String(v) }));
  const quoted = at.type === 'string' && at.pattern !== undefined;
  return values.map((v, i) => ({
    label: v.value,
    kind: 'value',
    documentation: v.doc,
    // A version is text: unquoted, 1.30 would be the number 1.3.
    insertText: quoted && /^[\d.]+$/.test(v.value) ? `"${v.value}"` : v.value,
    filterText: v.value,
    snippet: false,
    replace: ctx.replace,
    sortText: String(i).padStart(4, '0'),
  }));
}

export interface ConfigHover {
  /** Markdown. */
  readonly contents: string;
  readonly span: Span;
}

export function configHoverAt(analysis: Analysis, offset: number): ConfigHover | undefined {
  const hit = nodeAt(analysis, offset);
  if (!hit) return undefined;
  const path = hit.path;
  const rule = ruleAt(path);
  const meta = rule ? ruleMeta(rule) : undefined;
  // As written: the tree reads YAML 1.1, where `off` is false; the configuration is read as YAML 1.2.
  const written = hit.on === 'value' ? analysis.text.slice(hit.span.start, hit.span.end).replace(/^["']|["']$/g, '') : '';
  if (rule && isSeverity(written)) {
    return { contents: `**${written}**: ${SEVERITY_DESCRIPTIONS[written]}${meta ? `\n\n\`${meta.id}\` is ${meta.defaultSeverity} by default.` : ''}`, span: hit.span };
  }
  if (meta) return { contents: `**${meta.id}** (${meta.defaultSeverity} by default)\n\n${meta.summary}\n\n${meta.docs}`, span: hit.span };
  const s = schemaAt(configSchema(), path);
  if (!s?.description) return undefined;
  const name = path[path.length - 1];
  return { contents: `**${String(name)}**${typeText(s) ? ` (${typeText(s)})` : ''}\n\n${s.description}`, span: hit.span };
}
