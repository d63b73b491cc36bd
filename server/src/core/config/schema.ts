/**
 * The JSON Schema of `.statefulset-tools.yaml`, made from the setting keys (keys.ts) and the rule
 * registry. The same object validates configurations here and is written to
 * schemas/statefulset-tools.schema.json by `npm run docs` for editors (yaml-language-server).
 */
import type { RuleMeta } from '../rules/types';
import { SETTING_KEY_NAMES, SETTING_KEYS, SEVERITY_VALUES, type JsonSchema } from './keys';

export const CONFIG_FILE_NAMES: readonly string[] = ['.statefulset-tools.yaml', '.statefulset-tools.yml'];

/** True for a path or URI whose last segment is a configuration file name. */
export function isConfigFileName(pathOrUri: string): boolean {
  const name = pathOrUri.slice(Math.max(pathOrUri.lastIndexOf('/'), pathOrUri.lastIndexOf('\\')) + 1);
  return CONFIG_FILE_NAMES.includes(name);
}

export interface ConfigSchema extends JsonSchema {
  readonly $schema: string;
  readonly title: string;
}

const GLOBS_DESCRIPTION = 'Globs of paths relative to the directory holding this file, with / separators (`**` any depth; a glob without / matches the file name in any directory).';

function ruleSchema(metas: readonly RuleMeta[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const m of metas) {
    properties[m.id] = { type: 'string', enum: SEVERITY_VALUES, description: `${m.summary} (default: ${m.defaultSeverity})` };
  }
  return { ...SETTING_KEYS.rules.schema, properties, additionalProperties: false };
}

/** The rules' schema is written once, under definitions, and referred to from the top level and each override. */
function settingProperties(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const k of SETTING_KEY_NAMES) out[k] = k === 'rules' ? { $ref: '#/definitions/rules' } : SETTING_KEYS[k].schema;
  return out;
}

/** The schema for these rules (the registry's, in the shipped file). */
export function buildConfigSchema(metas: readonly RuleMeta[]): ConfigSchema {
  const settings = settingProperties();
  const globs = (description: string): JsonSchema => ({ type: 'array', description: `${description} ${GLOBS_DESCRIPTION}`, items: { type: 'string', minLength: 1 }, minItems: 1 });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'StatefulSet Tools configuration (.statefulset-tools.yaml)',
    description: 'Rule severities and settings for every file under the directory holding this file, in the editor and in the CLI.',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...settings,
      exclude: globs('Files not checked.'),
      overrides: {
        type: 'array',
        description: 'Settings for some paths: each entry whose files match a path applies on top of the settings above, later entries over earlier ones.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: globs('The paths this entry applies to.'), ...settings },
        },
      },
    },
    definitions: { rules: ruleSchema(metas) },
  };
}

/** The schema of the value at `path` (keys and list indices from the file's root); undefined where the schema has none. */
export function schemaAt(schema: ConfigSchema, path: readonly (string | number)[]): JsonSchema | undefined {
  let cur: JsonSchema | undefined = schema;
  for (const step of path) {
    cur = deref(schema, cur);
    if (!cur) return undefined;
    if (typeof step === 'number') cur = cur.items;
    else cur = cur.properties?.[step] ?? (typeof cur.additionalProperties === 'object' ? cur.additionalProperties : undefined);
  }
  return deref(schema, cur);
}

function deref(schema: ConfigSchema, s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s?.$ref) return s;
  return schema.definitions?.[s.$ref.replace('#/definitions/', '')];
}
