import { decodeIssues, isBooleanForString } from '../schema/check';
import type { Rule } from './types';

export const yamlBooleanString: Rule = {
  meta: {
    id: 'yaml-boolean-string',
    defaultSeverity: 'error',
    summary: 'An unquoted yes, no, on, off, y, n, true or false where Kubernetes wants a string.',
    docs: 'Kubernetes reads YAML with YAML 1.1 rules, in which the unquoted words yes, no, on, off, y, n, true and false (in any of their usual capitalisations) are booleans, not text. Where the field is a string, such as a label value, an annotation, an environment variable value or a command argument, the API server rejects the object ("cannot unmarshal bool into Go struct field ... of type string"). Quote the word to keep it as text.',
    example: 'metadata:\n  labels:\n    enabled: "yes"',
    scope: 'document',
  },
  check(ctx) {
    for (const i of decodeIssues(ctx)) {
      if (i.kind !== 'type' || !isBooleanForString(i) || !i.scalar) continue;
      const word = i.scalar.text;
      ctx.report({
        span: i.span,
        message: `${i.path} must be a string, but YAML reads the unquoted ${word} as the boolean ${String(i.scalar.bool)}, which the API server rejects; quote it: ${JSON.stringify(word)}.`,
        path: i.path,
        fix: { kind: 'quote' },
      });
    }
  },
};
