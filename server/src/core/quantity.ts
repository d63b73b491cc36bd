/**
 * Kubernetes resource quantities (apimachinery's resource.Quantity), as facts of its grammar:
 *
 *   quantity        = signedNumber suffix
 *   signedNumber    = ["+" | "-"] number
 *   number          = digits | digits "." [digits] | "." digits
 *   suffix          = binarySI | decimalSI | decimalExponent
 *   binarySI        = "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
 *   decimalSI       = "n" | "u" | "m" | "" | "k" | "M" | "G" | "T" | "P" | "E"
 *   decimalExponent = ("e" | "E") ["+" | "-"] digits
 *
 * A YAML number (`storage: 10`) is also a quantity: JSON numbers decode into one.
 */

export interface Quantity {
  /** The value in base units (bytes for storage, cores for CPU), as a float. */
  readonly value: number;
  readonly sign: 1 | -1;
  readonly suffix: string;
  /** True when the value is not a whole number of base units (`500m` bytes). */
  readonly fractional: boolean;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const GRAMMAR = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Parses a quantity string; undefined when it is outside the grammar. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = GRAMMAR.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const num = Number(m[2]);
  const suffix = m[3] ?? '';
  let factor: number;
  if (suffix in BINARY) factor = BINARY[suffix];
  else if (suffix in DECIMAL) factor = DECIMAL[suffix];
  else factor = 10 ** Number(suffix.slice(1));
  const value = sign * num * factor;
  const fractional = !isWholeNumber(m[2], suffix);
  return { value, sign, suffix, fractional };
}

/** Whole-number check done on the digits, not on floats, so `1.5Gi` is whole and `0.5` is not. */
function isWholeNumber(digits: string, suffix: string): boolean {
  const [intPart, frac = ''] = digits.split('.');
  const fracDigits = frac.replace(/0+$/, '');
  let exp10 = 0;
  if (suffix in DECIMAL) exp10 = Math.round(Math.log10(DECIMAL[suffix]));
  else if (/^[eE]/.test(suffix)) exp10 = Number(suffix.slice(1));
  else if (suffix in BINARY) {
    // 2^k * d.f is whole when f * 2^k is whole: check with exact arithmetic on small numbers.
    if (fracDigits === '') return true;
    const scaled = BigInt(intPart + fracDigits) * BigInt(BINARY[suffix]);
    return scaled % 10n ** BigInt(fracDigits.length) === 0n;
  }
  if (exp10 >= 0) return fracDigits.length <= exp10;
  // Negative exponent: the significant digits shifted right must all be zero.
  const allDigits = (intPart + fracDigits).replace(/^0+/, '');
  if (allDigits === '') return true;
  const trailingZeros = allDigits.length - allDigits.replace(/0+$/, '').length;
  return trailingZeros >= fracDigits.length - exp10;
}

/** Why a text is not a quantity, for messages: a hint at the usual mistakes. */
export function quantityHint(text: string): string {
  if (text.trim() === '') return 'it is empty';
  if ((text.match(/\./g) ?? []).length > 1) return 'a number has at most one decimal point';
  const m = /^([+-]?[\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  if (m) {
    const unit = m[2];
    const fixes: Record<string, string> = { GB: 'G (or Gi)', MB: 'M (or Mi)', KB: 'k (or Ki)', TB: 'T (or Ti)', gi: 'Gi', mi: 'Mi', ki: 'Ki', ti: 'Ti', Gb: 'G (or Gi)', Mb: 'M (or Mi)', GiB: 'Gi', MiB: 'Mi', KiB: 'Ki', TiB: 'Ti', K: 'k (or Ki)', g: 'G (or Gi)' };
    if (Object.hasOwn(fixes, unit)) return `"${unit}" is not a Kubernetes unit; did you mean ${fixes[unit]}?`;
    return `"${unit}" is not a Kubernetes unit (binary: Ki Mi Gi Ti Pi Ei; decimal: m k M G T P E)`;
  }
  if (/\s/.test(text)) return 'it contains spaces';
  return 'a quantity is a number with an optional unit, such as 10Gi, 500M or 1.5';
}

/** The corrected unit for the common mistakes, for quick fixes. */
export function suggestQuantity(text: string): string | undefined {
  const m = /^([+-]?[\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  if (!m) return undefined;
  const map: Record<string, string> = { GB: 'Gi', MB: 'Mi', KB: 'Ki', TB: 'Ti', PB: 'Pi', gi: 'Gi', mi: 'Mi', ki: 'Ki', ti: 'Ti', Gb: 'Gi', Mb: 'Mi', GiB: 'Gi', MiB: 'Mi', KiB: 'Ki', TiB: 'Ti', g: 'Gi' };
  const unit = Object.hasOwn(map, m[2]) ? map[m[2]] : undefined;
  const candidate = unit ? `${m[1]}${unit}` : undefined;
  return candidate && parseQuantity(candidate) ? candidate : undefined;
}

/** Bytes, rendered for people: 10Gi -> "10 GiB", 500M -> "500 MB". */
export function formatBytes(q: Quantity): string {
  const v = Math.abs(q.value);
  const units: [number, string][] = [[2 ** 50, 'PiB'], [2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [f, u] of units) if (v >= f && v % f === 0) return `${q.sign < 0 ? '-' : ''}${v / f} ${u}`;
  const dec: [number, string][] = [[1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [f, u] of dec) if (v >= f) return `${q.sign < 0 ? '-' : ''}${+(v / f).toFixed(2)} ${u}`;
  return `${q.value} bytes`;
}
