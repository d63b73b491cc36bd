import { decodeIssues } from '../schema/check';
import { atLeast } from '../settings';
import type { Rule } from './types';

export const fieldNotInVersion: Rule = {
  meta: {
    id: 'field-not-in-version',
    defaultSeverity: 'warning',
    summary: 'A field the target Kubernetes release does not have, or drops because its feature gate is off by default.',
    docs: 'Fields are added to the API over releases, often behind a feature gate that starts off by default (alpha). An API server that does not know a field rejects it under kubectl\'s strict validation or drops it; one whose gate is off drops it silently on create, so the object is accepted but the setting never takes effect. The target release is the statefulset.kubernetesVersion setting (the newest release by default).',
    example: '# settings: {"kubernetesVersion": "1.31"}\nspec:\n  ordinals:\n    start: 1',
    scope: 'document',
  },
  check(ctx) {
    const v = ctx.settings.version;
    for (const i of decodeIssues(ctx)) {
      if (i.kind !== 'version' || !i.field.history) continue;
      const h = i.field.history;
      let message: string;
      if (!atLeast(v, h.since)) {
        message = `${i.path} is not in Kubernetes ${ctx.settings.versionText} (added in ${h.since}${h.gate ? ` behind the ${h.gate} feature gate` : ''}): an API server of that release rejects it as an unknown field, or drops it.`;
      } else {
        const onFrom = h.on ? `on by default from ${h.on}` : 'still off by default in the newest release';
        message = `${i.path} needs the ${h.gate} feature gate, which is off by default in Kubernetes ${ctx.settings.versionText} (${onFrom}): unless the cluster enables it, the API server drops the field silently.`;
      }
      ctx.report({ span: i.pair.keySpan, message, path: i.path });
    }
  },
};
