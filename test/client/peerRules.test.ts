/** The division of work with Red Hat's YAML extension (client/src/peerRules.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_METAS, type Finding } from '../../server/src/core';
import { diagnosticData, toDiagnostic } from '../../server/src/lsp/convert';
import { keepFinding, kubernetesSchemaGlobs, NO_PEER, SCHEMA_LEVEL_CODES, type FindingKind } from '../../client/src/peerRules';

/** What the client sees of a finding of this rule: its code and the layer the server sends. */
function kindOf(code: string): FindingKind {
  const finding: Finding = { code, severity: 'error', message: 'm', span: { start: 0, end: 1 } };
  const d = toDiagnostic(TextDocument.create('file:///x.yaml', 'yaml', 1, 'ab'), finding);
  return { code, layer: (d.data as { layer?: string } | undefined)?.layer };
}

const YAML_LEVEL_RULES = RULE_METAS.filter((m) => m.layer === 'yaml').map((m) => m.id);
const yamlLevel = YAML_LEVEL_RULES.map(kindOf);
const schemaLevel = [...SCHEMA_LEVEL_CODES].map(kindOf);
const others = ['partition-out-of-range', 'service-not-found', 'statefulset-name-too-long', 'access-mode-invalid', 'volume-mount-unresolved'].map(kindOf);

test('the server sends layer yaml for exactly the rules whose metadata says so', () => {
  assert.deepEqual([...YAML_LEVEL_RULES].sort(), ['duplicate-key', 'tab-indentation', 'yaml-syntax']);
  for (const m of RULE_METAS) assert.equal(kindOf(m.id).layer, m.layer, m.id);
  // Quick fixes read the same data: the layer leaves fix and path as they were.
  const d = toDiagnostic(TextDocument.create('file:///x.yaml', 'yaml', 1, 'ab'), { code: 'duplicate-key', severity: 'error', message: 'm', span: { start: 0, end: 1 }, fix: { kind: 'remove-pair' } });
  assert.deepEqual(diagnosticData(d), { fix: { kind: 'remove-pair' }, path: undefined });
});

test('without the peer every finding is kept', () => {
  for (const f of [...yamlLevel, ...schemaLevel, ...others, {}]) assert.equal(keepFinding(f, NO_PEER), true);
});

test('the peer validating YAML takes the parser-level findings, nothing else', () => {
  const yamlOnly = { yaml: true, kubernetesSchema: false };
  for (const f of yamlLevel) assert.equal(keepFinding(f, yamlOnly), false, f.code);
  for (const f of [...schemaLevel, ...others, {}]) assert.equal(keepFinding(f, yamlOnly), true, f.code);
});

test('with the Kubernetes schema the peer also takes the schema-shape findings', () => {
  const both = { yaml: true, kubernetesSchema: true };
  for (const f of [...yamlLevel, ...schemaLevel]) assert.equal(keepFinding(f, both), false, f.code);
  for (const f of others) assert.equal(keepFinding(f, both), true, f.code);
});

test('every code handed to the peer is one of our rule ids', () => {
  const ids = new Set(RULE_METAS.map((m) => m.id));
  for (const code of SCHEMA_LEVEL_CODES) assert.ok(ids.has(code), `${code} is a rule id`);
});

test('yaml.schemas: the globs mapped to the kubernetes schema', () => {
  assert.deepEqual(kubernetesSchemaGlobs({ kubernetes: '*.yaml' }), ['*.yaml']);
  assert.deepEqual(kubernetesSchemaGlobs({ kubernetes: ['k8s/**', '/deploy/*.yml', 3, ''] }), ['k8s/**', '/deploy/*.yml']);
  assert.deepEqual(kubernetesSchemaGlobs({ 'https://json.schemastore.org/github-workflow.json': '.github/workflows/*' }), []);
  for (const bad of [undefined, null, 'kubernetes', [], { kubernetes: { glob: '*' } }]) assert.deepEqual(kubernetesSchemaGlobs(bad), []);
});
