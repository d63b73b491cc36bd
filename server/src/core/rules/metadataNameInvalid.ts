import { dns1123LabelProblem, dns1123SubdomainProblem } from '../names';
import { asMap, pairOf, strValue } from '../yamlTree';
import type { Rule } from './types';
import { eachStatefulSet, isAbsent, minorOf, missingAnchor, q, toDnsLabel } from './util';

/** Release whose API server started to require DNS labels (not subdomains) as StatefulSet names. */
const LABEL_NAMES_SINCE = 27;

export const metadataNameInvalid: Rule = {
  meta: {
    id: 'metadata-name-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'The StatefulSet has no name, or its name or namespace is not a DNS label.',
    docs:
      'Every pod of a StatefulSet takes the set\'s name plus an ordinal as its hostname, so the API server requires `metadata.name` (or `metadata.generateName`) and accepts only a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit, and no dots. A namespace, when given, follows the same grammar. Releases before 1.27 accepted dotted names (and names up to 253 characters), but the controller could never create pods for them.',
    example: 'metadata:\n  name: web\n  namespace: shop',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const metaPair = pairOf(v.root, 'metadata');
      const meta = asMap(metaPair?.value);
      const namePair = pairOf(meta, 'name');
      const nameNode = namePair?.value;
      const name = strValue(nameNode);
      const generate = strValue(pairOf(meta, 'generateName')?.value);
      const path = `${v.prefix}metadata.name`;
      if ((isAbsent(nameNode) || name === '') && !generate) {
        const span = namePair ? namePair.keySpan : missingAnchor(meta, metaPair?.keySpan, v.root.span);
        ctx.report({ span: metaPair ? span : missingAnchor(v.root, undefined, v.root.span), message: 'A StatefulSet needs metadata.name: a DNS label such as "web".', path });
      } else if (name && nameNode) {
        const problem = dns1123LabelProblem(name);
        if (problem) {
          const older = minorOf(ctx) < LABEL_NAMES_SINCE && !dns1123SubdomainProblem(name);
          const note = older ? ` Kubernetes before 1.${LABEL_NAMES_SINCE} accepts this name, but its controller then fails to create the pods, whose hostnames must be DNS labels.` : '';
      const fixed = toDnsLabel(name);
          ctx.report({ span: nameNode.span, message: `StatefulSet name ${q(name)} is not a DNS label: ${problem}; pods use it as their hostname.${note}`, path, fix: fixed ? { kind: 'replace-value', value: fixed } : undefined });
        }
      }
      if (generate) {
        const node = pairOf(meta, 'generateName')?.value;
        const problem = dns1123LabelProblem(generate.replace(/-$/, ''));
        if (node && problem) ctx.report({ span: node.span, message: `generateName ${q(generate)} is not the start of a DNS label: ${problem}.`, path: `${v.prefix}metadata.generateName` });
      }
      const nsNode = pairOf(meta, 'namespace')?.value;
      const ns = strValue(nsNode);
      if (nsNode && ns) {
        const problem = dns1123LabelProblem(ns);
        if (problem) ctx.report({ span: nsNode.span, message: `Namespace ${q(ns)} is not a DNS label: ${problem}.`, path: `${v.prefix}metadata.namespace` });
      }
    });
  },
};
