/**
 * How Kubernetes types a YAML scalar. kubectl and the API server turn YAML into JSON with
 * sigs.k8s.io/yaml, which decodes with its copy of go-yaml v2 (YAML 1.1 rules) before any schema is
 * known: a plain `yes` becomes JSON `true`, a plain `8080` becomes `8080`, and only then is the JSON
 * decoded into the typed object, where `true` for a string field is a decode error.
 *
 * go-yaml v2 does not type exactly as the `yaml` package does (`1:30` is a string to it, `0o17` a
 * number), so plain scalars are typed again here from their source text, by go-yaml v2's rules.
 */
import type { YScalar } from '../yamlTree';

export type GoKind = 'str' | 'int' | 'float' | 'bool' | 'null';

export interface GoScalar {
  readonly kind: GoKind;
  /** The scalar's text: the decoded string for strings, the source for the others. */
  readonly text: string;
  /** Exact value of an int (go-yaml keeps int64 and uint64 exactly). */
  readonly int?: bigint;
  /** Value of a float. */
  readonly float?: number;
  readonly bool?: boolean;
  /** True when the scalar was written plain (no quotes, no block style). */
  readonly plain: boolean;
}

const BOOLS: Record<string, boolean> = {
  y: true, Y: true, yes: true, Yes: true, YES: true, true: true, True: true, TRUE: true, on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false, false: false, False: false, FALSE: false, off: false, Off: false, OFF: false,
};
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) and ParseUint(s, 0, 64) together: an integer literal or undefined. */
function goParseInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1];
  let body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) {
    body = body.slice(1);
    v = BigInt('0o' + body);
  } else v = BigInt(body);
  if (sign === '-') v = -v;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  // ParseUint takes no sign.
  return sign === '' && v <= UINT64_MAX ? v : undefined;
}

/** Types a plain scalar's text as go-yaml v2's resolve() does. */
export function resolvePlain(text: string): GoScalar {
  if (NULLS.has(text)) return { kind: 'null', text, plain: true };
  if (Object.hasOwn(BOOLS, text)) return { kind: 'bool', text, bool: BOOLS[text], plain: true };
  if (Object.hasOwn(SPECIAL_FLOATS, text)) return { kind: 'float', text, float: SPECIAL_FLOATS[text], plain: true };
  const first = text[0];
  if (first === '.') {
    const f = goParseFloat(text);
    return f === undefined ? { kind: 'str', text, plain: true } : { kind: 'float', text, float: f, plain: true };
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    const plain = text.replace(/_/g, '');
    const i = goParseInt(plain);
    if (i !== undefined) return { kind: 'int', text, int: i, plain: true };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = goParseFloat(plain);
      if (f !== undefined) return { kind: 'float', text, float: f, plain: true };
    }
    const bin = /^([+-]?)0b([01]+)$/.exec(plain);
    if (bin) return { kind: 'int', text, int: BigInt(`0b${bin[2]}`) * (bin[1] === '-' ? -1n : 1n), plain: true };
  }
  return { kind: 'str', text, plain: true };
}

/** strconv.ParseFloat for the decimal forms YAML_STYLE_FLOAT admits; out of range is an error there. */
function goParseFloat(s: string): number | undefined {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

const STR_TAGS = new Set(['!!str', 'tag:yaml.org,2002:str', '!!binary', 'tag:yaml.org,2002:binary']);
const CORE_TAG = /^(!!|tag:yaml\.org,2002:)(int|float|bool|null|timestamp)$/;

/** The scalar as Kubernetes' YAML-to-JSON step types it. `source` is the text its span indexes. */
export function goScalar(node: YScalar, source: string): GoScalar {
  const plainStyle = node.style === 'PLAIN';
  if (node.tag && !STR_TAGS.has(node.tag) && CORE_TAG.test(node.tag)) {
    // An explicit core tag: the `yaml` package has already applied it.
    return fromTree(node, plainStyle);
  }
  if (!plainStyle || node.tag) return { kind: 'str', text: node.value === null ? '' : String(node.value), plain: plainStyle && !node.tag };
  const raw = source.slice(node.span.start, node.span.end);
  // A plain scalar over several lines folds into text with spaces: never a number or a boolean.
  if (/[\r\n]/.test(raw)) return { kind: 'str', text: typeof node.value === 'string' ? node.value : raw.replace(/\s*[\r\n]\s*/g, ' '), plain: true };
  return resolvePlain(raw.trim());
}

function fromTree(node: YScalar, plain: boolean): GoScalar {
  const text = node.value === null ? '' : String(node.value);
  switch (node.type) {
    case 'int':
      return { kind: 'int', text, int: BigInt(node.value as number), plain };
    case 'float':
      return { kind: 'float', text, float: node.value as number, plain };
    case 'bool':
      return { kind: 'bool', text, bool: node.value as boolean, plain };
    case 'null':
      return { kind: 'null', text, plain };
    default:
      return { kind: 'str', text, plain };
  }
}

/**
 * The number as the JSON the API server receives (Go's encoding of an int or a float64), or
 * undefined when it is not finite (kubectl cannot even encode it).
 */
export function integralValue(s: GoScalar): bigint | undefined {
  if (s.kind === 'int') return s.int;
  if (s.kind === 'float' && s.float !== undefined && Number.isFinite(s.float) && Number.isInteger(s.float) && Math.abs(s.float) < 1e21) return BigInt(s.float);
  return undefined;
}
