import { dns1123SubdomainProblem } from '../names';
import { asMap, pairOf, strValue, type YMap, type YPair, type YScalar } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { containersOf, divisorProblem, eachStatefulSet, fieldPathProblem, isAbsent, mapItems, q, templateNote } from './util';

/** Fields of the pod an environment variable may read. */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

/** Names of variables and envFrom prefixes: printable ASCII without "=" (relaxed rules, the default since 1.32). */
function envNameProblem(name: string): string | undefined {
  return /^[\x20-\x7e]*$/.test(name) && !name.includes('=') ? undefined : 'it may contain only printable ASCII characters other than "="';
}

/** Keys of ConfigMaps and Secrets: letters, digits, "-", "_" and ".", not "." or "..". */
function dataKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `it is ${key.length} characters long; at most 253 are allowed`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'it may contain only letters, digits, "-", "_" and "."';
  if (key === '.' || key === '..' || key.startsWith('..')) return 'it must not be "." or start with ".."';
  return undefined;
}

/** The name and key of a configMapKeyRef or secretKeyRef. */
function checkKeyRef(ctx: RuleContext, pair: YPair, ref: YMap, path: string, note: string): void {
  const what = pair.keyText === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
  const namePair = pairOf(ref, 'name');
  const name = strValue(namePair?.value);
  // Env entries merge by name: in a patch, what a reference leaves out comes from the base.
  if ((isAbsent(namePair?.value) && !ctx.patch) || name === '') {
    ctx.report({ span: namePair?.keySpan ?? pair.keySpan, message: `${pair.keyText} needs the name of the ${what}.${note}`, path: `${path}.name` });
  } else if (namePair?.value && name !== undefined) {
    const problem = dns1123SubdomainProblem(name);
    if (problem) ctx.report({ span: namePair.value.span, message: `${what} name ${q(name)} is not valid: ${problem}.${note}`, path: `${path}.name` });
  }
  const keyPair = pairOf(ref, 'key');
  const key = strValue(keyPair?.value);
  if ((isAbsent(keyPair?.value) && !ctx.patch) || key === '') {
    ctx.report({ span: keyPair?.keySpan ?? pair.keySpan, message: `${pair.keyText} needs the key to read from the ${what}.${note}`, path: `${path}.key` });
  } else if (keyPair?.value && key !== undefined) {
    const problem = dataKeyProblem(key);
    if (problem) ctx.report({ span: keyPair.value.span, message: `${what} key ${q(key)} is not valid: ${problem}.${note}`, path: `${path}.key` });
  }
}

function checkValueFrom(ctx: RuleContext, entry: YMap, fromPair: YPair, from: YMap, path: string, note: string): void {
  const set = VALUE_SOURCES.filter((s) => !isAbsent(pairOf(from, s)?.value));
  const value = strValue(pairOf(entry, 'value')?.value);
  if (set.length === 0) {
    if (!ctx.patch) ctx.report({ span: fromPair.keySpan, message: `valueFrom needs one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef.${note}`, path });
    return;
  }
  if (value) ctx.report({ span: fromPair.keySpan, message: `valueFrom cannot be used with a non-empty value; keep one.${note}`, path });
  else if (set.length > 1) ctx.report({ span: fromPair.keySpan, message: `valueFrom takes one source; it has ${set.join(' and ')}.${note}`, path });
  const fieldPair = pairOf(from, 'fieldRef');
  const field = asMap(fieldPair?.value);
  if (fieldPair && field) {
    const fp = pairOf(field, 'fieldPath');
    const text = strValue(fp?.value);
    if ((isAbsent(fp?.value) && !ctx.patch) || text === '') ctx.report({ span: fp?.keySpan ?? fieldPair.keySpan, message: `fieldRef needs a fieldPath, such as metadata.name.${note}`, path: `${path}.fieldRef.fieldPath` });
    else if (fp?.value && text !== undefined) {
      const problem = fieldPathProblem(text, ENV_FIELD_PATHS);
      if (problem) ctx.report({ span: fp.value.span, message: `fieldPath ${q(text)} ${problem}.${note}`, path: `${path}.fieldRef.fieldPath` });
    }
  }
  const resPair = pairOf(from, 'resourceFieldRef');
  const res = asMap(resPair?.value);
  if (resPair && res) {
    const rp = pairOf(res, 'resource');
    const text = strValue(rp?.value);
    if ((isAbsent(rp?.value) && !ctx.patch) || text === '') ctx.report({ span: rp?.keySpan ?? resPair.keySpan, message: `resourceFieldRef needs a resource, such as limits.memory.${note}`, path: `${path}.resourceFieldRef.resource` });
    else if (rp?.value && text !== undefined && !RESOURCE_FIELDS.includes(text) && !/^(limits|requests)\.hugepages-/.test(text)) {
      ctx.report({ span: rp.value.span, message: `resource ${q(text)} is not supported; use limits.cpu, limits.memory, limits.ephemeral-storage, the requests of these, or a hugepages size.${note}`, path: `${path}.resourceFieldRef.resource` });
    } else if (text !== undefined) {
      const divisor = pairOf(res, 'divisor')?.value;
      const problem = divisorProblem(text, divisor);
      if (divisor && problem) ctx.report({ span: divisor.span, message: `divisor ${q(String((divisor as YScalar).value))} does not suit ${text}: ${problem}.${note}`, path: `${path}.resourceFieldRef.divisor` });
    }
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const pair = pairOf(from, kind);
    const ref = asMap(pair?.value);
    if (pair && ref) checkKeyRef(ctx, pair, ref, `${path}.${kind}`, note);
  }
}

function checkEnvFrom(ctx: RuleContext, entry: YMap, path: string, listPath: string, note: string): void {
  const anchor = entry.pairs[0]?.keySpan ?? entry.span;
  const prefixNode = pairOf(entry, 'prefix')?.value;
  const prefix = strValue(prefixNode);
  const prefixProblem = prefix ? envNameProblem(prefix) : undefined;
  if (prefixNode && prefixProblem) ctx.report({ span: prefixNode.span, message: `envFrom prefix ${q(prefix as string)} is not valid: ${prefixProblem}.${note}`, path: `${path}.prefix` });
  const set = ['configMapRef', 'secretRef'].filter((s) => !isAbsent(pairOf(entry, s)?.value));
  if (set.length === 0) ctx.report({ span: anchor, message: `Each envFrom entry needs configMapRef or secretRef.${note}`, path: listPath });
  else if (set.length > 1) ctx.report({ span: anchor, message: `An envFrom entry takes configMapRef or secretRef, not both; split it in two.${note}`, path: listPath });
  for (const kind of set) {
    const pair = pairOf(entry, kind) as YPair;
    const namePair = pairOf(asMap(pair.value), 'name');
    const name = strValue(namePair?.value);
    if (isAbsent(namePair?.value) || name === '') {
      ctx.report({ span: namePair?.keySpan ?? pair.keySpan, message: `${kind} needs the name of the ${kind === 'secretRef' ? 'Secret' : 'ConfigMap'}.${note}`, path: `${path}.${kind}.name` });
    } else if (namePair?.value && name !== undefined) {
      // Checked as a prefix: a trailing "-" is allowed here.
      const problem = dns1123SubdomainProblem(name.replace(/-$/, ''));
      if (problem) ctx.report({ span: namePair.value.span, message: `Name ${q(name)} is not valid: ${problem}.${note}`, path: `${path}.${kind}.name` });
    }
  }
}

export const envInvalid: Rule = {
  meta: {
    id: 'env-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'An environment variable has no name or a bad one, or a valueFrom or envFrom the API server rejects.',
    docs: 'Each `env` entry needs a name of printable ASCII characters other than "=". `valueFrom` takes exactly one source and no non-empty `value` beside it: `fieldRef` with a fieldPath the pod has (metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.podIP(s), status.hostIP(s), or a label or annotation by key such as `metadata.labels[\'app\']`), `resourceFieldRef` with a container resource (and a divisor that suits it: 1m or 1 for cpu, 1 or one unit for bytes), or `configMapKeyRef` / `secretKeyRef` with a valid name and key. Each `envFrom` entry takes one of configMapRef and secretRef, with a name. Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'env:\n  - name: POD_NAME\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\n  - name: PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      for (const c of containersOf(v)) {
        for (const { map, index } of mapItems(pairOf(c.map, 'env')?.value)) {
          const path = `${c.path}.env[${index}]`;
          const namePair = pairOf(map, 'name');
          const name = strValue(namePair?.value);
          if (isAbsent(namePair?.value) || name === '') {
            ctx.report({ span: namePair?.keySpan ?? map.pairs[0]?.keySpan ?? map.span, message: `Every environment variable needs a name.${note}`, path: `${path}.name` });
          } else if (namePair?.value && name !== undefined) {
            const problem = envNameProblem(name);
            if (problem) ctx.report({ span: namePair.value.span, message: `Environment variable name ${q(name)} is not valid: ${problem}.${note}`, path: `${path}.name` });
          }
          const fromPair = pairOf(map, 'valueFrom');
          const from = asMap(fromPair?.value);
          if (fromPair && from) checkValueFrom(ctx, map, fromPair, from, `${path}.valueFrom`, note);
        }
        for (const { map, index } of mapItems(pairOf(c.map, 'envFrom')?.value)) {
          checkEnvFrom(ctx, map, `${c.path}.envFrom[${index}]`, `${c.path}.envFrom`, note);
        }
      }
    });
  },
};
