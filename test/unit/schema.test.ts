/** The field schema, its API for completion and hovers, go-yaml v2 typing, and the release boundaries of every field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Finding } from '../../server/src/core';
import { childFields, fieldInfo, fieldsOf, rootSchema, schemaAt, typeNames, typeText, type FieldType } from '../../server/src/core/schema';
import { resolvePlain } from '../../server/src/core/schema/goYaml';
import { ENUMS, FIELD_HISTORY } from '../../server/src/core/schema/versions';
import { ROOT, SHARED } from '../support/paths';

test('schemaAt follows fields, list items and map values', () => {
  assert.equal(typeText(schemaAt(['spec', 'replicas'])!.type), 'integer (int32)');
  assert.equal(typeText(schemaAt(['spec', 'template', 'spec', 'containers'])!.type), 'list of Container');
  assert.equal(typeText(schemaAt(['spec', 'template', 'spec', 'containers', 0, 'image'])!.type), 'string');
  assert.equal(typeText(schemaAt(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'])!.type), 'map of string to quantity');
  assert.equal(typeText(schemaAt(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'])!.type), 'quantity');
  assert.equal(typeText(schemaAt(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'])!.type), 'integer or string');
  assert.equal(typeText(schemaAt(['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'])!.type), 'quantity');
  assert.equal(typeText(schemaAt(['metadata', 'managedFields', 0, 'fieldsV1'])!.type), 'any JSON');
  assert.equal(schemaAt(['spec', 'replica']), undefined);
  assert.equal(schemaAt(['spec', 'template', 'spec', 'containers', 'image']), undefined, 'a list needs an index');
  assert.equal(typeText(schemaAt(['spec'], 'PersistentVolumeClaim')!.type), 'PersistentVolumeClaimSpec');
});

test('childFields and fieldInfo give what completion and hovers show', () => {
  const spec = childFields(schemaAt(['spec'])!).map((f) => f.name);
  for (const f of ['replicas', 'serviceName', 'selector', 'template', 'volumeClaimTemplates', 'ordinals', 'persistentVolumeClaimRetentionPolicy']) assert.ok(spec.includes(f), f);
  assert.ok(childFields(schemaAt(['spec', 'template', 'spec', 'containers'])!).some((f) => f.name === 'restartPolicyRules'), 'a list offers its items\' fields');
  assert.deepEqual(childFields(schemaAt(['spec', 'replicas'])!), []);
  assert.deepEqual(fieldInfo(schemaAt(['spec', 'podManagementPolicy'])!).enum, ['OrderedReady', 'Parallel']);
  assert.deepEqual(fieldInfo(schemaAt(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'])!), {
    typeText: 'integer or string', enum: undefined, since: '1.24', gate: 'MaxUnavailableStatefulSet', onByDefault: '1.35',
  });
  assert.equal(fieldInfo(schemaAt(['spec', 'template', 'spec', 'containers', 0, 'lifecycle', 'stopSignal'])!).onByDefault, undefined);
  assert.equal(typeText(rootSchema().type), 'StatefulSet');
});

test('fields added after 1.32 are in the schema', () => {
  const pod = ['spec', 'template', 'spec'];
  const c = [...pod, 'containers', 0];
  for (const path of [
    [...pod, 'hostnameOverride'],
    [...pod, 'workloadRef', 'podGroup'],
    [...c, 'restartPolicyRules', 0, 'exitCodes', 'values', 0],
    [...c, 'lifecycle', 'stopSignal'],
    [...c, 'env', 0, 'valueFrom', 'fileKeyRef', 'volumeName'],
    [...pod, 'volumes', 0, 'projected', 'sources', 0, 'podCertificate', 'userAnnotations'],
  ]) assert.ok(schemaAt(path), path.join('.'));
});

test('every history and enum entry names a real field', () => {
  for (const key of [...Object.keys(FIELD_HISTORY), ...Object.keys(ENUMS)]) {
    const [type, field] = key.split('.');
    assert.ok(fieldsOf(type)?.has(field), key);
  }
});

test('every type an expression names exists', () => {
  const known = new Set(typeNames());
  const check = (t: FieldType, where: string): void => {
    if (t.kind === 'object') assert.ok(known.has(t.name), `${where} -> ${t.name}`);
    else if (t.kind === 'array') check(t.items, where);
    else if (t.kind === 'map') check(t.values, where);
  };
  for (const name of known) for (const f of fieldsOf(name)!.values()) check(f.type, `${name}.${f.name}`);
});

test('the schema data stays small', () => {
  const size = readFileSync(join(ROOT, 'server/src/core/schema/data.ts')).length;
  assert.ok(size < 60_000, `data.ts is ${size} bytes`);
});

test('plain scalars are typed as go-yaml v2 types them', () => {
  const kinds = (xs: string[]) => xs.map((x) => resolvePlain(x).kind);
  assert.deepEqual(kinds(['yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False']), Array(8).fill('bool'));
  assert.deepEqual(kinds(['', '~', 'null', 'NULL']), Array(4).fill('null'));
  assert.deepEqual(kinds(['8080', '-1', '+7', '0x1F', '0o17', '0755', '1_000', '0b101', '9223372036854775808']), Array(9).fill('int'));
  assert.deepEqual(kinds(['1.0', '.5', '1e3', '08', '-.inf', '.NaN', '1e400x'.slice(0, 5)]), ['float', 'float', 'float', 'float', 'float', 'float', 'str']);
  assert.deepEqual(kinds(['1:30', 'yess', 'Yes!', '1.5.5', '10Gi', '2001-12-14', 'nginx:1.27', '0x', '1e400']), Array(9).fill('str'));
  assert.equal(resolvePlain('0755').int, 493n);
  assert.equal(resolvePlain('18446744073709551615').int, 2n ** 64n - 1n);
  assert.equal(resolvePlain('18446744073709551616').kind, 'float');
});

// ---- Release boundaries of every field with a history --------------------------------------------

/**
 * A path from the StatefulSet root to a field of `type` through objects and list items, outside
 * status; through fields with their own history only where there is no other way.
 */
function pathTo(type: string, throughHistory = false): (string | number)[] | undefined {
  const queue: { type: string; path: (string | number)[] }[] = [{ type: 'StatefulSet', path: [] }];
  const seen = new Set<string>(['StatefulSet']);
  while (queue.length > 0) {
    const cur = queue.shift()!;
    if (cur.type === type) return cur.path;
    for (const f of fieldsOf(cur.type)!.values()) {
      if (f.name === 'status' || (f.history && !throughHistory)) continue;
      let t = f.type;
      const path: (string | number)[] = [...cur.path, f.name!];
      if (t.kind === 'array') {
        t = t.items;
        path.push(0);
      }
      if (t.kind === 'object' && !seen.has(t.name)) {
        seen.add(t.name);
        queue.push({ type: t.name, path });
      }
    }
  }
  return throughHistory ? undefined : pathTo(type, true);
}

/** A StatefulSet with only the given field set (to an empty value of its type). */
function docWith(path: (string | number)[], leaf: FieldType): string {
  const empty = leaf.kind === 'array' ? '[]' : leaf.kind === 'primitive' ? (leaf.name === 'boolean' ? 'true' : leaf.name === 'string' ? 'x' : '1') : '{}';
  let body = '';
  let indent = '';
  path.forEach((step, i) => {
    const last = i === path.length - 1;
    if (typeof step === 'number') return;
    const dash = typeof path[i - 1] === 'number';
    body += `${indent}${dash ? '- ' : ''}${step}:${last ? ` ${empty}` : ''}\n`;
    indent += dash ? '    ' : '  ';
  });
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n${body}`;
}

function versionFindings(text: string, version: string): Finding[] {
  return analyze(text, { settings: { kubernetesVersion: version } }).findings.filter((f) => f.code === 'field-not-in-version');
}

const minus = (v: string) => `1.${Number(v.split('.')[1]) - 1}`;
const OLDEST = 19;

for (const [key, h] of Object.entries(FIELD_HISTORY)) {
  test(`release boundaries of ${key}`, () => {
    const [type, field] = key.split('.');
    const base = pathTo(type);
    assert.ok(base, `no path to ${type}`);
    const path = [...base, field];
    const text = docWith(path, fieldsOf(type)!.get(field)!.type);
    const kPath = path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1);
    const at = (v: string) => versionFindings(text, v).filter((f) => f.path === kPath).map((f) => (f.message.includes('is not in Kubernetes') ? 'absent' : 'gated'));
    if (Number(h.since.split('.')[1]) > OLDEST) assert.deepEqual(at(minus(h.since)), ['absent'], `before ${h.since}`);
    const since = Number(h.since.split('.')[1]) >= OLDEST ? h.since : `1.${OLDEST}`;
    const sinceOn = h.on !== undefined && Number(h.on.split('.')[1]) <= Number(since.split('.')[1]);
    assert.deepEqual(at(since), h.gate && !sinceOn ? ['gated'] : [], `at ${since}`);
    if (h.on) {
      if (Number(h.on.split('.')[1]) > OLDEST) assert.deepEqual(at(minus(h.on)), h.gate ? ['gated'] : [], `before ${h.on}`);
      assert.deepEqual(at(h.on), [], `at ${h.on}`);
    } else if (h.gate) {
      assert.deepEqual(at('latest'), ['gated'], 'still off by default');
    }
  });
}

// ---- The shared corpus of real manifests --------------------------------------------------------

const REAL = join(SHARED, 'corpus', 'real');
const DECODE = new Set(['invalid-type', 'yaml-boolean-string', 'unknown-field', 'invalid-quantity', 'field-not-in-version']);

test('real manifests: no decode-level finding on any of them', { skip: !existsSync(REAL) && 'no shared corpus next to the clone' }, () => {
  const found: string[] = [];
  for (const name of readdirSync(REAL)) {
    const a = analyze(readFileSync(join(REAL, name), 'utf8'), { uri: name });
    for (const f of a.findings) if (DECODE.has(f.code) || f.code === 'internal-error') found.push(`${name}: ${f.code} ${f.message}`);
  }
  assert.deepEqual(found, []);
});
