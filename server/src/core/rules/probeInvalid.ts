import { asMap, asSeq, intValue, pairOf, strValue, type YMap, type YPair } from '../yamlTree';
import type { Rule, RuleContext } from './types';
import { portNameProblem } from './portInvalid';
import { containersOf, eachStatefulSet, isAbsent, q, templateNote } from './util';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/** The port of an httpGet or tcpSocket handler: a number from 1 to 65535 or a port name. */
export function checkHandlerPort(ctx: RuleContext, handler: YMap, handlerPair: YPair, path: string, note: string): void {
  const pair = pairOf(handler, 'port');
  const n = intValue(pair?.value);
  const s = strValue(pair?.value);
  if (isAbsent(pair?.value)) {
    // A patch may change a handler's path and keep the base's port.
    if (!ctx.patch) ctx.report({ span: pair?.keySpan ?? handlerPair.keySpan, message: `${handlerPair.keyText} needs a port: a number from 1 to 65535 or the name of a container port.${note}`, path: `${path}.port` });
  } else if (n !== undefined && (n < 1 || n > 65535)) {
    ctx.report({ span: pair.value.span, message: `${handlerPair.keyText} port ${n} is out of range; use 1 to 65535 or a port name.${note}`, path: `${path}.port` });
  } else if (s !== undefined && portNameProblem(s)) {
    ctx.report({ span: pair.value.span, message: `${handlerPair.keyText} port ${q(s)} is not a valid port name: ${portNameProblem(s)}.${note}`, path: `${path}.port` });
  }
}

/** HTTP header names are RFC 7230 tokens. */
const HEADER_NAME = /^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/;

/** The scheme and headers of an httpGet check (an empty scheme or path is filled in before validation). */
export function checkHttpGet(ctx: RuleContext, handler: YMap, path: string, note: string): void {
  const schemeNode = pairOf(handler, 'scheme')?.value;
  const scheme = strValue(schemeNode);
  if (schemeNode && scheme && scheme !== 'HTTP' && scheme !== 'HTTPS') {
    const fix = scheme.toUpperCase() === 'HTTP' || scheme.toUpperCase() === 'HTTPS' ? scheme.toUpperCase() : undefined;
    ctx.report({ span: schemeNode.span, message: `scheme ${q(scheme)} is not supported; use "HTTP" or "HTTPS" (exact case).${note}`, path: `${path}.scheme`, fix: fix ? { kind: 'replace-value', value: fix } : undefined });
  }
  asSeq(pairOf(handler, 'httpHeaders')?.value)?.items.forEach((it, i) => {
    const nameNode = pairOf(asMap(it), 'name')?.value;
    const name = strValue(nameNode);
    if (nameNode && name !== undefined && !HEADER_NAME.test(name)) {
      ctx.report({ span: nameNode.span, message: `HTTP header name ${q(name)} is not valid: letters, digits and !#$%&'*+-.^_\`|~ only, no spaces or colons.${note}`, path: `${path}.httpHeaders[${i}].name` });
    }
  });
}

function checkProbe(ctx: RuleContext, probePair: YPair, probe: YMap, path: string, note: string): void {
  const kind = probePair.keyText;
  // In a patch, `exec: null` deletes the base's handler: it is not one of the probe's.
  const present = HANDLERS.filter((h) => (ctx.patch ? !isAbsent(pairOf(probe, h)?.value) : pairOf(probe, h) !== undefined));
  // A patch may change only the timings and keep the base's check.
  if (present.length === 0 && !ctx.patch) {
    ctx.report({ span: probePair.keySpan, message: `${kind} needs exactly one check: exec, httpGet, tcpSocket or grpc.${note}`, path });
  }
  for (const extra of present.slice(1)) {
    ctx.report({ span: pairOf(probe, extra)?.keySpan ?? probePair.keySpan, message: `${kind} already checks with ${present[0]}; a probe has exactly one check.${note}`, path: `${path}.${extra}` });
  }
  const first = present[0];
  const handlerPair = first ? pairOf(probe, first) : undefined;
  const handler = asMap(handlerPair?.value);
  if (handlerPair && handler && first !== 'exec') checkHandlerPort(ctx, handler, handlerPair, `${path}.${first}`, note);
  if (handler && first === 'httpGet') checkHttpGet(ctx, handler, `${path}.httpGet`, note);
  const command = pairOf(handler, 'command');
  if (handlerPair && handler && first === 'exec' && (isAbsent(command?.value) || asSeq(command?.value)?.items.length === 0)) {
    ctx.report({ span: command?.keySpan ?? handlerPair.keySpan, message: `exec needs a command to run.${note}`, path: `${path}.exec.command` });
  }
  for (const key of COUNTS) {
    const node = pairOf(probe, key)?.value;
    const n = intValue(node);
    if (node && n !== undefined && n < 0) ctx.report({ span: node.span, message: `${key} must be 0 or more.${note}`, path: `${path}.${key}` });
  }
  const success = pairOf(probe, 'successThreshold')?.value;
  const threshold = intValue(success);
  // 0 is replaced by the default, 1.
  if ((kind === 'livenessProbe' || kind === 'startupProbe') && success && threshold !== undefined && threshold > 1) {
    ctx.report({ span: success.span, message: `successThreshold of a ${kind} must be 1: one success is enough to count it as passing.${note}`, path: `${path}.successThreshold`, fix: { kind: 'replace-value', value: 1 } });
  }
  const grace = pairOf(probe, 'terminationGracePeriodSeconds');
  const graceSeconds = intValue(grace?.value);
  if (kind === 'readinessProbe' && grace && !isAbsent(grace.value)) {
    ctx.report({ span: grace.keySpan, message: `terminationGracePeriodSeconds cannot be set on a readinessProbe.${note}`, path: `${path}.terminationGracePeriodSeconds`, fix: { kind: 'remove-pair' } });
  } else if (grace?.value && graceSeconds !== undefined && graceSeconds <= 0) {
    ctx.report({ span: grace.value.span, message: `terminationGracePeriodSeconds of a probe must be more than 0; leave it out to use the pod's.${note}`, path: `${path}.terminationGracePeriodSeconds` });
  }
}

export const probeInvalid: Rule = {
  meta: {
    id: 'probe-invalid',
    defaultSeverity: 'error',
    scope: 'document',
    summary: 'A container probe has no check or several, a bad port, scheme or header, negative timings, or a successThreshold or grace period the API server rejects.',
    docs: 'Each probe checks in exactly one way (exec with a command, httpGet or tcpSocket with a port number from 1 to 65535 or a port name, or grpc). An httpGet scheme is HTTP or HTTPS and header names are plain tokens. Its timings and thresholds cannot be negative; liveness and startup probes must use successThreshold 1, a probe\'s own terminationGracePeriodSeconds must be more than 0, and a readiness probe cannot set it at all. Init containers may only have probes when they are sidecars (`restartPolicy: Always`). Since 1.34 the API server rejects violations in a StatefulSet; older releases accept them, but the controller then fails to create the pods.',
    example: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  periodSeconds: 10\n  failureThreshold: 3',
  },
  check(ctx) {
    eachStatefulSet(ctx, (v) => {
      const note = templateNote(ctx);
      for (const c of containersOf(v)) {
        // Only restartable init containers (sidecars) may have probes.
        const sidecar = strValue(pairOf(c.map, 'restartPolicy')?.value) === 'Always';
        for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const pair = pairOf(c.map, kind);
          if (!pair || isAbsent(pair.value)) continue;
          // A patch's init container may be a sidecar by the base's restartPolicy.
          if (c.list === 'initContainers' && !sidecar && !ctx.patch) {
            ctx.report({ span: pair.keySpan, message: `An init container may only have a ${kind} when it is a sidecar (restartPolicy: Always).${note}`, path: `${c.path}.${kind}` });
            continue;
          }
          const probe = asMap(pair.value);
          if (probe) checkProbe(ctx, pair, probe, `${c.path}.${kind}`, note);
        }
      }
    });
  },
};
