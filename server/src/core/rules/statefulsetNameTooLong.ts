import { podNameOf } from '../identities';
import { dns1123LabelProblem } from '../names';
import { at, pairOf } from '../yamlTree';
import { replicasOf, startOrdinalOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

/**
 * The controller names each revision `<set>-<hash>`, the hash being a 32-bit FNV hash written in
 * decimal (1 to 10 characters), and puts that name on every pod as the `controller-revision-hash`
 * label, whose value may hold at most 63 characters.
 */
const LABEL_MAX = 63;
const HASH_MAX = 10;
export const MAX_SAFE_NAME = LABEL_MAX - 1 - HASH_MAX;

/** Share of 32-bit hashes long enough to push the label of a `length`-character name past 63. */
function failingShare(length: number): number {
  const digits = LABEL_MAX - length;
  if (digits <= 1) return 1;
  return (2 ** 32 - 10 ** (digits - 1)) / 2 ** 32;
}

function describeShare(share: number): string {
  if (share >= 1) return 'every revision';
  if (share >= 0.995) return 'practically every revision';
  return `about ${Math.round(share * 100)}% of revisions`;
}

export const statefulsetNameTooLong: Rule = {
  meta: {
    id: 'statefulset-name-too-long',
    defaultSeverity: 'warning',
    summary: 'The StatefulSet name is longer than 52 characters, so its pods cannot be created.',
    docs:
      'The StatefulSet controller records each version of the pod template as a ControllerRevision named `<statefulset>-<hash>`, where the hash is a decimal number of up to 10 digits, and labels every pod with that name (`controller-revision-hash`). A label value may hold at most 63 characters, so with a name longer than 52 characters a pod is rejected whenever the hash is long enough: for 53 characters about three revisions in four, from 54 characters practically all (kubernetes/kubernetes#64023). The API server accepts the StatefulSet itself, so nothing fails until the controller tries. Keep the name to 52 characters or fewer.',
    example: 'metadata:\n  name: orders-postgres   # at most 52 characters\n',
    scope: 'document',
    wholeObject: true,
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const name = sts.name;
      if (name === undefined || name.length <= MAX_SAFE_NAME) continue;
      // A name that is no DNS label (over 63 characters, dots) is the error rules' to report: the
      // API server rejects it since 1.27, and before that its pods could never be created.
      if (dns1123LabelProblem(name) !== undefined) continue;
      const node = pairOf(at(sts.root, 'metadata'), 'name')?.value;
      if (!node) continue;
      let message = `The name has ${name.length} characters: the controller labels each pod with controller-revision-hash: ${name}-<hash of up to ${HASH_MAX} digits>, which for ${describeShare(failingShare(name.length))} is longer than the ${LABEL_MAX} characters a label value allows, and such pods are rejected. Keep the name to ${MAX_SAFE_NAME} characters.`;
      const replicas = replicasOf(sts);
      const start = startOrdinalOf(sts);
      if (replicas !== undefined && replicas > 0 && start !== undefined) {
        const lastPod = podNameOf(name, start + replicas - 1);
        if (lastPod.length > LABEL_MAX) message += ` The pod name ${lastPod} (${lastPod.length} characters) is also too long for a hostname.`;
      }
      const suggestion = name.slice(0, MAX_SAFE_NAME).replace(/-+$/, '');
      ctx.report({ span: node.span, message, path: `${sts.pathPrefix}metadata.name`, fix: { kind: 'shorten-name', maxLength: MAX_SAFE_NAME, suggestion } });
    }
  },
};
