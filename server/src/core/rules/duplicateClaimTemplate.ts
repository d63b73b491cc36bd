import { claimTemplatesOf } from './statefulSetParts';
import { statefulSets, type Rule } from './types';

export const duplicateClaimTemplate: Rule = {
  meta: {
    id: 'duplicate-claim-template',
    defaultSeverity: 'warning',
    summary: 'Two volume claim templates have the same name; only the last one is used.',
    docs:
      'The API server does not check `volumeClaimTemplates` for repeated names, but the controller keys the templates by name: for each pod it creates one claim per name, from the last template that has it, and mounts that. Earlier templates with the same name are silently ignored, with their size, class and access modes. Give each template its own name, or delete the one you do not want.',
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }\n  - metadata:\n      name: wal\n    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 2Gi } } }\n',
    scope: 'document',
  },
  check(ctx) {
    for (const sts of statefulSets(ctx)) {
      const templates = claimTemplatesOf(sts);
      templates.forEach((t, i) => {
        if (t.name === undefined || !t.namePair?.value) return;
        const later = templates.slice(i + 1).find((o) => o.name === t.name);
        if (!later) return;
        ctx.report({
          span: t.namePair.value.span,
          message: `This claim template is ignored: volumeClaimTemplates[${later.index}] has the same name "${t.name}", and the controller makes one claim per name from the last template.`,
          path: `${t.path}.metadata.name`,
        });
      });
    }
  },
};
