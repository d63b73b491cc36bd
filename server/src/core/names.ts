/** Kubernetes name and label grammars (apimachinery's validation), as plain checks with reasons. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Undefined when valid, else why not. */
export function dns1123LabelProblem(s: string): string | undefined {
  if (s.length === 0) return 'it must not be empty';
  if (s.length > 63) return `it is ${s.length} characters long; at most 63 are allowed`;
  if (DNS1123_LABEL.test(s)) return undefined;
  if (s.includes('.')) return 'it must not contain dots';
  if (/[A-Z]/.test(s)) return 'it must be lowercase';
  if (/_/.test(s)) return 'underscores are not allowed (use "-")';
  if (/^-|-$/.test(s)) return 'it must start and end with a letter or digit';
  return 'it may contain only lowercase letters, digits and "-"';
}

export function dns1123SubdomainProblem(s: string): string | undefined {
  if (s.length === 0) return 'it must not be empty';
  if (s.length > 253) return `it is ${s.length} characters long; at most 253 are allowed`;
  if (DNS1123_SUBDOMAIN.test(s)) return undefined;
  if (/[A-Z]/.test(s)) return 'it must be lowercase';
  if (/_/.test(s)) return 'underscores are not allowed (use "-")';
  return 'it may contain only lowercase letters, digits, "-" and ".", and each part must start and end with a letter or digit';
}

/** A label key or annotation key: `[prefix/]name`. */
export function qualifiedNameProblem(s: string): string | undefined {
  const parts = s.split('/');
  let name = s;
  if (parts.length > 2) return 'it may contain at most one "/"';
  if (parts.length === 2) {
    const [prefix, n] = parts;
    if (prefix.length === 0) return 'the prefix before "/" must not be empty';
    const p = dns1123SubdomainProblem(prefix);
    if (p) return `the prefix "${prefix}" is not a DNS subdomain: ${p}`;
    name = n;
  }
  if (name.length === 0) return 'the name part must not be empty';
  if (name.length > 63) return `the name part is ${name.length} characters long; at most 63 are allowed`;
  if (!QUALIFIED_NAME_PART.test(name)) return 'the name part may contain only letters, digits, "-", "_" and ".", and must start and end with a letter or digit';
  return undefined;
}

export function labelValueProblem(s: string): string | undefined {
  if (s.length > 63) return `it is ${s.length} characters long; at most 63 are allowed`;
  if (!LABEL_VALUE.test(s)) return 'it may contain only letters, digits, "-", "_" and ".", and must start and end with a letter or digit (or be empty)';
  return undefined;
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate, case-insensitively first, if it is close enough to be a typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  if (best !== undefined && bestD <= limit) return best;
  // A prefix of a longer name (`storageClass` for `storageClassName`).
  return candidates.find((c) => c.toLowerCase().startsWith(lower) && lower.length >= 4);
}
