/** The public face of the pure core: what the CLI, the language server and the tests import. */
export * from './types';
export * from './text';
export * from './settings';
export * from './parse';
export * from './yamlTree';
export * from './workspace';
export * from './analyze';
export * from './coverage';
export * from './quantity';
export * from './names';
export * from './identityModel';
export * from './identities';
export { RULES, RULE_METAS, ruleMeta } from './rules';
export type { Rule, RuleMeta, RuleContext, Report, PatchMode } from './rules/types';
export * from './kustomize/kustomization';
export * from './kustomize/patches';
export * from './pieceText';
export * from './references';
