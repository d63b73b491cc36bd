/**
 * Every file of the shared corpus (real manifests from public repositories, Helm and other
 * templates, Kustomize pieces) through `analyze`, checked for what must hold on files nobody on
 * the project wrote:
 *
 * - no file makes the core throw or a rule fail (`internal-error`);
 * - a template gets exactly one `template-file` note and nothing else;
 * - a real manifest that the newest API server accepts gets no error at all, and one that it
 *   rejects gets exactly the error ids listed for it below.
 *
 * The corpus sits next to the clone (`../shared/corpus`); a user's clone has none and skips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, LineIndex, type Finding } from '../../server/src/core';
import { SHARED } from '../support/paths';

const CORPUS = join(SHARED, 'corpus');

/**
 * Real manifests that the API server of the newest Kubernetes rejects, with the errors that say
 * why. Everything else under real/ must get no error.
 */
const INVALID: Readonly<Record<string, { readonly ids: readonly string[]; readonly why: string }>> = {
  // Live-object dump with `updateStrategy` twice in spec; strict field validation rejects it.
  'argoproj__gitops-engine__pkg__health__testdata__statefulset-ondelete.yaml': { ids: ['duplicate-key'], why: 'updateStrategy appears twice in spec' },
  'cvallance__mongo-k8s-sidecar__example__StatefulSet__mongo-statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet' },
  'jaegertracing__jaeger-kubernetes__production-elasticsearch__elasticsearch.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet inside a List' },
  'jaegertracing__jaeger-kubernetes__production__cassandra.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet inside a List' },
  'kow3ns__kubernetes-kafka__manifests__kafka.yaml': { ids: ['api-version-removed'], why: 'policy/v1beta1 PodDisruptionBudget and apps/v1beta1 StatefulSet' },
  'kow3ns__kubernetes-zookeeper__manifests__zookeeper.yaml': { ids: ['api-version-removed'], why: 'policy/v1beta1 PodDisruptionBudget and apps/v1beta1 StatefulSet' },
  'kow3ns__kubernetes-zookeeper__manifests__zookeeper_mini.yaml': { ids: ['api-version-removed', 'duplicate-key'], why: 'removed API versions, and updateStrategy twice in spec' },
  'kubernetes__examples___archived__cockroachdb__cockroachdb-statefulset.yaml': { ids: ['api-version-removed'], why: 'policy/v1beta1 PodDisruptionBudget' },
  'kubernetes__examples__cockroachdb__cockroachdb-statefulset.yaml': { ids: ['api-version-removed'], why: 'policy/v1beta1 PodDisruptionBudget and apps/v1beta1 StatefulSet' },
  'kubernetes__examples__staging__storage__cassandra__cassandra-statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet and storage.k8s.io/v1beta1 StorageClass' },
  'kubernetes__examples__staging__storage__redis__redis-statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet' },
  'kubernetes__kubernetes__hack__testdata__nginx-statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet' },
  // apps/v1 without spec.selector: the API server requires it, and then finds that the missing
  // selector does not match the template labels either (two errors from validation).
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__etcd__statefulset.yaml': { ids: ['selector-missing', 'selector-mismatch'], why: 'apps/v1 without spec.selector' },
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__nginx__statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta2 StatefulSet' },
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__redis__statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet' },
  'kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__zookeeper__statefulset.yaml': { ids: ['api-version-removed'], why: 'apps/v1beta1 StatefulSet' },
};

/**
 * Files where a rule currently reports an error on text Kubernetes accepts. Each entry is reported
 * to the rule's owner; its test is marked `todo`, so the run shows the mismatch without failing,
 * and the entry goes once the rule is fixed.
 */
const KNOWN_FALSE_POSITIVES: Readonly<Record<string, string>> = {};

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

function describe(text: string, findings: readonly Finding[]): string {
  const lines = new LineIndex(text);
  return findings.map((f) => `  ${lines.positionAt(f.span.start).line + 1}: ${f.severity} ${f.code}: ${f.message}`).join('\n');
}

function analyzeSafely(file: string): { text: string; findings: readonly Finding[] } {
  const text = readFileSync(file, 'utf8');
  let findings: readonly Finding[] = [];
  assert.doesNotThrow(() => {
    findings = analyze(text, { uri: file }).findings;
  }, `analyze threw on ${file}`);
  const crashed = findings.filter((f) => f.code === 'internal-error');
  assert.equal(crashed.length, 0, `a rule failed on ${file}:\n${describe(text, crashed)}`);
  return { text, findings };
}

if (!existsSync(CORPUS)) {
  test('corpus', { skip: `no shared corpus at ${CORPUS} (it sits next to the project's own clone)` }, () => {});
} else {
  const files = walk(CORPUS);

  test('corpus: the allow-lists name files that exist', () => {
    const real = new Set(readdirSync(join(CORPUS, 'real')));
    for (const name of [...Object.keys(INVALID), ...Object.keys(KNOWN_FALSE_POSITIVES)]) assert.ok(real.has(name), `${name} is not in corpus/real`);
  });

  for (const file of files) {
    const rel = relative(CORPUS, file);
    const folder = rel.split(/[\\/]/)[0];
    const name = rel.slice(folder.length + 1);
    if (folder === 'helm-templates' || folder === 'other-templates') {
      test(`corpus: ${rel} is one template note`, () => {
        const { text, findings } = analyzeSafely(file);
        assert.deepEqual(
          findings.map((f) => `${f.code}/${f.severity}`),
          ['template-file/info'],
          `${rel}:\n${describe(text, findings)}`,
        );
      });
    } else if (folder === 'real') {
      const todo = KNOWN_FALSE_POSITIVES[name];
      test(`corpus: ${rel} has ${INVALID[name] ? `exactly the errors ${INVALID[name].ids.join(', ')}` : 'no error'}`, todo ? { todo } : {}, () => {
        const { text, findings } = analyzeSafely(file);
        const errors = findings.filter((f) => f.severity === 'error');
        const expected = [...(INVALID[name]?.ids ?? [])].sort();
        const found = [...new Set(errors.map((f) => f.code))].sort();
        assert.deepEqual(found, expected, `${rel} (${INVALID[name]?.why ?? 'accepted by the API server'}):\n${describe(text, errors)}`);
      });
    } else {
      // Kustomize bases and patches are partial objects: only robustness is asked of them.
      test(`corpus: ${rel} is analysed without a failure`, () => {
        analyzeSafely(file);
      });
    }
  }
}
