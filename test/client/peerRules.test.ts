/** The division of work with Red Hat's YAML extension (client/src/peerRules.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_METAS } from '../../server/src/core';
import { keepFinding, kubernetesSchemaGlobs, NO_PEER, SCHEMA_LEVEL_CODES, YAML_LEVEL_CODES } from '../../client/src/peerRules';

test('without the peer every finding is kept', () => {
  for (const code of [...YAML_LEVEL_CODES, ...SCHEMA_LEVEL_CODES, 'partition-out-of-range', undefined]) assert.equal(keepFinding(code, NO_PEER), true);
});

test('the peer validating YAML takes the parser-level findings, nothing else', () => {
  const yamlOnly = { yaml: true, kubernetesSchema: false };
  for (const code of YAML_LEVEL_CODES) assert.equal(keepFinding(code, yamlOnly), false, code);
  for (const code of [...SCHEMA_LEVEL_CODES, 'service-not-found', 'statefulset-name-too-long', undefined]) assert.equal(keepFinding(code, yamlOnly), true, code);
});

test('with the Kubernetes schema the peer also takes the schema-shape findings', () => {
  const both = { yaml: true, kubernetesSchema: true };
  for (const code of [...YAML_LEVEL_CODES, ...SCHEMA_LEVEL_CODES]) assert.equal(keepFinding(code, both), false, code);
  for (const code of ['access-mode-invalid', 'partition-out-of-range', 'volume-mount-unresolved', 'service-not-found']) assert.equal(keepFinding(code, both), true, code);
});

test('every code handed to the peer is one of our rule ids', () => {
  const ids = new Set(RULE_METAS.map((m) => m.id));
  for (const code of [...YAML_LEVEL_CODES, ...SCHEMA_LEVEL_CODES]) assert.ok(ids.has(code), `${code} is a rule id`);
});

test('yaml.schemas: the globs mapped to the kubernetes schema', () => {
  assert.deepEqual(kubernetesSchemaGlobs({ kubernetes: '*.yaml' }), ['*.yaml']);
  assert.deepEqual(kubernetesSchemaGlobs({ kubernetes: ['k8s/**', '/deploy/*.yml', 3, ''] }), ['k8s/**', '/deploy/*.yml']);
  assert.deepEqual(kubernetesSchemaGlobs({ 'https://json.schemastore.org/github-workflow.json': '.github/workflows/*' }), []);
  for (const bad of [undefined, null, 'kubernetes', [], { kubernetes: { glob: '*' } }]) assert.deepEqual(kubernetesSchemaGlobs(bad), []);
});
