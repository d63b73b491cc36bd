import { forbiddenChanges, forbiddenMessage, type FieldChange } from '../baseCompare';
import { migrationPlanFor } from '../migration';
import { statefulSetsWithBase } from './baseParts';
import type { Rule } from './types';

export const updateForbidden: Rule = {
  meta: {
    id: 'update-forbidden',
    defaultSeverity: 'error',
    summary: 'A field changed that the API server does not let an update change on a running StatefulSet.',
    docs:
      "Once a StatefulSet exists, an update may change only a few fields of its spec: `replicas`, `template`, `updateStrategy`, and, in newer releases, `minReadySeconds` (1.22), `persistentVolumeClaimRetentionPolicy` (1.23), `ordinals` (1.26) and `revisionHistoryLimit` (1.33). Anything else (a claim template's size or class, the selector, `serviceName`, `podManagementPolicy`) makes the API server reject the whole update, which you learn from a failed deploy. This rule compares the file with what is deployed, taken from git (`statefulset.compareWith` in the editor, `--base REF` on the command line), field by field and as the API server does: `1Gi` equals `1024Mi`, an absent field equals its default, key order and YAML style do not count. Each changed field gets its own error saying what the base had. The quick fix (and `check --base REF --explain`) gives the migration plan: grow each existing claim, delete the StatefulSet with `--cascade=orphan` and apply it again. See docs/forbidden-updates.md.",
    example: 'volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      resources:\n        requests:\n          storage: 10Gi   # as deployed: grow the claims with the migration plan instead\n',
    scope: 'base',
  },
  check(ctx) {
    const v = ctx.settings.version;
    for (const { current, base, ref } of statefulSetsWithBase(ctx)) {
      const changes = forbiddenChanges(base.resource, current, v);
      if (changes.length === 0) continue;
      const plan = migrationPlanFor(base.resource, current, changes, ctx.settings, ctx.index, ctx.uri);
      for (const c of changes) {
        const was = whatChanged(c, ref);
        ctx.report({
          span: c.span,
          message: `${was}; the API server of Kubernetes ${ctx.settings.versionText} rejects this change to the deployed StatefulSet: "${forbiddenMessage(v)}". The migration plan: the quick fix, or \`check --base ${ref} --explain\`.`,
          path: c.path,
          fix: { kind: 'migration-plan', name: plan.name, plan: plan.text },
        });
      }
    }
  },
};

/** The first words of the message: what the base had. */
function whatChanged(c: FieldChange, ref: string): string {
  switch (c.kind) {
    case 'template-added':
      return `claim template ${c.field} is new: ${ref} has no claim template of that name`;
    case 'template-removed':
      return `claim template ${c.field} was at ${ref} and is removed here`;
    case 'templates-reordered':
      return `the claim templates were in the order ${c.was} at ${ref}, here ${c.now}`;
    case 'value':
      if (c.was === 'not set') return `${c.field} was not set at ${ref}`;
      return c.now === 'not set' ? `${c.field} was ${c.was} at ${ref} and is removed here` : `${c.field} was ${c.was} at ${ref}`;
  }
}
