/**
 * The registry: every rule, in a stable order. A rule module exports one `Rule` constant named
 * after its id in camelCase; add it to the list of its group below.
 */
import { duplicateKey } from './duplicateKey';
import { tabIndentation } from './tabIndentation';
import { templateFileMeta } from './templateFile';
import { invalidType } from './invalidType';
import { yamlBooleanString } from './yamlBooleanString';
import { unknownField } from './unknownField';
import { invalidQuantity } from './invalidQuantity';
import { apiVersionRemoved } from './apiVersionRemoved';
import { fieldNotInVersion } from './fieldNotInVersion';
import type { Rule, RuleMeta } from './types';
import { yamlSyntax } from './yamlSyntax';

// ---- YAML level (foundation) ----
const yamlRules: Rule[] = [yamlSyntax, duplicateKey, tabIndentation];

// ---- Kubernetes: what the API server rejects ----
const errorRules: Rule[] = [apiVersionRemoved, invalidType, yamlBooleanString, unknownField, invalidQuantity];

// ---- Kubernetes: accepted, but breaks at run time ----
const warningRules: Rule[] = [fieldNotInVersion];

// ---- Advice ----
const adviceRules: Rule[] = [];

export const RULES: readonly Rule[] = [...yamlRules, ...errorRules, ...warningRules, ...adviceRules];

/** Every rule id users can configure, with metadata (includes the template note). */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), templateFileMeta];

const byId = new Map(RULE_METAS.map((m) => [m.id, m]));
export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}
