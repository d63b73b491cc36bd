import { asMap, asSeq, intValue, pairOf, strValue, type YMap, type YPair } from '../yamlTree';
import { checkHandlerPort, checkHttpGet } from './probeInvalid';
import type { Rule, RuleContext } from './types';
import { containersOf, eachStatefulSet, isAbsent, minorOf, templateNote } from './util';

/** Lifecycle handler kinds, in the order the API server takes the first one set. */
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
/** PodLifecycleSleepActionAllowZero is on from 1.33: a sleep of 0 seconds is allowed. */
const SLEEP_ZERO_SINCE = 33;
/** What the API server fills in for a pod without terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

function checkHook(ctx: RuleContext, hookPair: YPair, hook: YMap, path: string, grace: number, note: string): void {
  const present = HANDLERS.filter((h) => !isAbsent(pairOf(hook, h)?.value));
  if (present.length === 0) {
    ctx.report({ span: hookPair.keySpan, message: `${hookPair.keyText} needs one handler: exec, httpGet, tcpSocket or sleep.${note}`, path });
    return;
  }
  for (const extra of present.slice(1)) {
    ctx.report({ span: pairOf(hook, extra)?.keySpan ?? hookPair.keySpan, message: `${hookPair.keyText} already uses ${present[0]}; a hook has exactly one handler.${note}`, path: `${path}.${extra}` });
  }
  const kind = present[0];
  const handlerPair = pairOf(hook, kind) as YPair;
  const handler = asMap(handlerPair.value);
  if (!handler) return;
  const handlerPath = `${path}.${kind}`;
  if (kind === 'exec') {
    const command = pairOf(handler, 'command');
    if (isAbsent(command?.value) || asSeq(command?.value)?.items.length === 0) {
      ctx.report({ span: command?.keySpan ?? handlerPair.keySpan, message: `exec needs a command to run.${note}`, path: `${handlerPath}.command` });
    }
  } else if (kind === 'sleep') {
    const node = pairOf(handler, 'seconds')?.value;
    const seconds = intValue(node);
    const least = minorOf(ctx) >= SLEEP_ZERO_SINCE ? 0 : 1;
    if (node && seconds !== undefined && (seconds < least || seconds > grace)) {
      ctx.report({ span: node.span, message: `sleep seconds must be from ${least} to the pod's terminationGracePeriodSeconds (${grace}); it is ${seconds}.${note}`, path: `${handlerPath}.seconds` });
    }
  } else {
    checkHandlerPort(ctx, handler, handlerPair, handlerPath, note);
    if (kind === 'httpGet') checkHttpGet(ctx, handler, handlerPath, note);
  }
}

export const lifecycleInvalid: Rule = {
  meta: {
    id: 'lifecycle-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    wholeObject: true,
    summary: 'A lifecycle hook has no handler or several, a bad command, port or sleep, or sits on an init container that is not a sidecar.',
    docs: 'postStart and preStop each run exactly one handler: exec with a command, httpGet or tcpSocket with a port from 1 to 65535 or a port name, or sleep for at most the pod\'s terminationGracePeriodSeconds (30 by default). Init containers may only have hooks when they are sidecars (`restartPolicy: Always`). Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'lifecycle:\n  preStop:\n    exec:\n      command: [nginx, -s, quit]',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      const grace = intValue(pairOf(v.podSpec, 'terminationGracePeriodSeconds')?.value) ?? DEFAULT_GRACE_SECONDS;
      for (const c of containersOf(v)) {
        const pair = pairOf(c.map, 'lifecycle');
        const lifecycle = asMap(pair?.value);
        if (!pair || !lifecycle) continue;
        if (c.list === 'initContainers' && strValue(pairOf(c.map, 'restartPolicy')?.value) !== 'Always') {
          ctx.report({ span: pair.keySpan, message: `An init container may only have lifecycle hooks when it is a sidecar (restartPolicy: Always).${note}`, path: `${c.path}.lifecycle`, fix: { kind: 'remove-pair' } });
          continue;
        }
        for (const hook of ['postStart', 'preStop']) {
          const hookPair = pairOf(lifecycle, hook);
          const body = asMap(hookPair?.value);
          if (hookPair && body) checkHook(ctx, hookPair, body, `${c.path}.lifecycle.${hook}`, grace, note);
        }
      }
    });
  },
};
