/**
 * Exact rationals over BigInt. Scores are taken as the decimals a person typed (89.99 is
 * exactly 89.99, not its binary neighbour), so a total that lands on a band edge or a
 * rounding midpoint decides the same way a scorer with pencil and paper would.
 */
export interface Dec {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator, always > 0, and coprime with n. */
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function make(n: bigint, d: bigint = 1n): Dec {
  if (d === 0n) throw new RangeError('denominator 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = make(0n);
export const HUNDRED = make(100n);

export function fromInt(i: number | bigint): Dec {
  return make(BigInt(i));
}

// Bounds keep BigInt work small: a cell of 10^1000000000 would otherwise hang the server.
const MAX_TEXT = 100;
const MAX_EXPONENT = 400;
const NUMERIC = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A JS number (read through its shortest round-trip string, so 0.1 is 1/10 and 1e-7 is
 * 1/10^7) or a numeric string from a spreadsheet cell ("89.995", " 90 ", "1.5e2").
 * Returns null for anything else, so the caller can say which cell was wrong.
 */
export function parseDec(value: unknown): Dec | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.length === 0 || text.length > MAX_TEXT) return null;
  } else {
    return null;
  }
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  if (whole.length + frac.length === 0) return null;
  const e = Number(exp) - frac.length;
  if (Math.abs(Number(exp)) > MAX_EXPONENT) return null;
  let n = BigInt(whole + frac);
  if (sign === '-') n = -n;
  return e >= 0 ? make(n * 10n ** BigInt(e)) : make(n, 10n ** BigInt(-e));
}

export function add(a: Dec, b: Dec): Dec {
  return make(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Dec, b: Dec): Dec {
  return make(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Dec, b: Dec): Dec {
  return make(a.n * b.n, a.d * b.d);
}

export function div(a: Dec, b: Dec): Dec {
  if (b.n === 0n) throw new RangeError('division by zero');
  return make(a.n * b.d, a.d * b.n);
}

export function sum(xs: readonly Dec[]): Dec {
  return xs.reduce(add, ZERO);
}

/** -1, 0 or 1, like a sort comparator. */
export function compare(a: Dec, b: Dec): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Dec, b: Dec): boolean => compare(a, b) === 0;
export const lt = (a: Dec, b: Dec): boolean => compare(a, b) < 0;
export const gt = (a: Dec, b: Dec): boolean => compare(a, b) > 0;
export const min = (a: Dec, b: Dec): Dec => (compare(a, b) <= 0 ? a : b);
export const max = (a: Dec, b: Dec): Dec => (compare(a, b) >= 0 ? a : b);

/** Largest integer ≤ x (BigInt division truncates toward zero, hence the fix-up). */
export function floor(x: Dec): bigint {
  const q = x.n / x.d;
  return x.n < 0n && q * x.d !== x.n ? q - 1n : q;
}

export function ceil(x: Dec): bigint {
  return -floor(make(-x.n, x.d));
}

/** Rounds half away from zero at `places` decimals: 89.995 → 90.00, -0.005 → -0.01. */
export function roundHalfUp(x: Dec, places: number): Dec {
  const scale = 10n ** BigInt(places);
  const scaled = x.n * scale;
  let q = abs(scaled) / x.d;
  if (2n * (abs(scaled) % x.d) >= x.d) q += 1n;
  return make(scaled < 0n ? -q : q, scale);
}

/** Fixed-point text after half-up rounding, e.g. toFixed(89.995, 2) = "90.00". */
export function toFixed(x: Dec, places: number): string {
  const scale = 10n ** BigInt(places);
  const r = roundHalfUp(x, places);
  const units = (r.n * scale) / r.d; // exact: r's denominator divides scale
  const digits = abs(units).toString().padStart(places + 1, '0');
  const cut = digits.length - places;
  const body = places > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  return units < 0n ? `-${body}` : body;
}

/** How many decimals x needs, or null when its expansion never ends (e.g. 1/3). */
function terminatingPlaces(x: Dec): number | null {
  let d = x.d;
  let twos = 0;
  let fives = 0;
  for (; d % 2n === 0n; twos++) d /= 2n;
  for (; d % 5n === 0n; fives++) d /= 5n;
  return d === 1n ? Math.max(twos, fives) : null;
}

/** Plain decimal text without trailing zeros: "89.995", "90", "0.3333…" (40 places). */
export function toText(x: Dec): string {
  const places = terminatingPlaces(x) ?? 40;
  const text = places === 0 ? toFixed(x, 0) : toFixed(x, places).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * The JS number nearest x. Exact for terminating decimals (every rounded total is one),
 * since Number() of a decimal string rounds correctly.
 */
export function toNumber(x: Dec): number {
  return Number(toText(x));
}

/**
 * A ratio cell: a decimal as written, `"28/30"`, or `{num: 28, den: 30}`. A ballot count's
 * 28/30 must reach the total as 28/30 (89.995 → 90.00), never as 0.9333333333333333.
 * Returns null for anything else, including a zero denominator.
 */
export function parseRatio(value: unknown): Dec | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (Object.keys(o).some((k) => k !== 'num' && k !== 'den')) return null;
    return quotient(parseDec(o.num), parseDec(o.den));
  }
  if (typeof value === 'string' && value.includes('/')) {
    const parts = value.split('/');
    if (parts.length !== 2) return null;
    return quotient(parseDec(parts[0]), parseDec(parts[1]));
  }
  return parseDec(value);
}

function quotient(n: Dec | null, d: Dec | null): Dec | null {
  if (!n || !d || d.n === 0n) return null;
  return div(n, d);
}
