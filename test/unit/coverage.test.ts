/** core/coverage.ts: which files the server and the CLI report on, and what went unchecked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, holdsKubernetesObject, MAX_FILE_LENGTH, relatesToStatefulSets, uncheckedParts } from '../../server/src/core';

const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n';

test('a Kubernetes object is a document with a top-level apiVersion and kind', () => {
  assert.equal(holdsKubernetesObject(analyze(STS)), true);
  assert.equal(holdsKubernetesObject(analyze('apiVersion: v1\nkind: ConfigMap\n')), true);
  assert.equal(holdsKubernetesObject(analyze('services:\n  web:\n    image: nginx\n')), false, 'docker-compose');
  assert.equal(holdsKubernetesObject(analyze('kind: Foo\n')), false, 'kind alone');
  assert.equal(holdsKubernetesObject(analyze('on: [push\njobs: {\n')), false, 'broken YAML with no object');
  assert.equal(holdsKubernetesObject(analyze(`x: 1\n---\n${STS}`)), true, 'any document counts');
  // A template is not parsed: its apiVersion and kind lines are what there is.
  assert.equal(holdsKubernetesObject(analyze('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n')), true);
  assert.equal(holdsKubernetesObject(analyze('image: {{ .Values.image }}\n')), false);
});

test('findings are ours in a file with a StatefulSet, not in a ConfigMap-only file', () => {
  assert.equal(relatesToStatefulSets(analyze(`${STS}  name: again\n`)), true);
  assert.equal(relatesToStatefulSets(analyze('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n')), false);
});

test('unchecked: a StatefulSet document or file over the limits; not a template, not another kind', () => {
  // A multi-line quoted string is not plain block YAML: the document limit applies to it.
  const big = `  annotations:\n    note: "${'x'.repeat(1_100_000)}\n      more"\n`;
  assert.deepEqual(uncheckedParts(analyze(`${STS}  annotations:\n    note: "${'x'.repeat(1_100_000)}"\n`)), [], 'plain block YAML: checked whatever its length');
  const parts = uncheckedParts(analyze(STS + big));
  assert.equal(parts.length, 1);
  assert.match(parts[0].reason, /This document has .* characters/);
  assert.deepEqual(uncheckedParts(analyze(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n${big}`)), []);
  assert.deepEqual(uncheckedParts(analyze(`${STS}  labels: {{ .Values.labels }}\n`)), []);
  const huge = `${STS}---\n`.repeat(Math.ceil(MAX_FILE_LENGTH / (STS.length + 4)) + 1);
  const whole = uncheckedParts(analyze(huge));
  assert.equal(whole.length, 1);
  assert.match(whole[0].reason, new RegExp(`This file has .* characters, more than the ${MAX_FILE_LENGTH.toLocaleString('en-US')} that are checked`));
});
