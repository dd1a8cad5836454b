import { ceil, compare, floor, fromInt, mul, roundHalfUp, toText, type Dec } from './decimal';
import { invalidParams, paramNumber } from './params';

export type QuotaRounding = 'floor' | 'round' | 'ceil';
const ROUNDINGS: readonly QuotaRounding[] = ['floor', 'round', 'ceil'];
const ROUNDING_WORDS: Record<QuotaRounding, string> = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' };

export function paramRounding(v: unknown, path: string): QuotaRounding {
  if (!ROUNDINGS.includes(v as QuotaRounding)) throw invalidParams(`参数 ${path} 应为 floor、round 或 ceil`);
  return v as QuotaRounding;
}

export function paramShare(v: unknown, path: string): Dec {
  return paramNumber(v, path, { min: 0, max: 1 });
}

export interface Quota {
  /** How many places at most. */
  count: number;
  /** e.g. "3名（10 × 30% 向下取整）", for reasons. */
  text: string;
}

/** n × share in exact arithmetic, so 10 × 0.3 is 3 and not 2.9999999999999996. */
export function quota(n: number, share: Dec, rounding: QuotaRounding): Quota {
  const exact = mul(fromInt(n), share);
  const whole = rounding === 'floor' ? floor(exact) : rounding === 'ceil' ? ceil(exact) : floor(roundHalfUp(exact, 0));
  const percent = toText(mul(share, fromInt(100)));
  return { count: Number(whole), text: `${whole}名（${n} × ${percent}% ${ROUNDING_WORDS[rounding]}）` };
}

/**
 * Where a candidate stands against a quota: `placed` inside it; `tie` in a group of equal
 * totals that straddles the boundary (a quota is a ceiling, so the whole group falls
 * below it); `below` ranked after the boundary.
 */
export type Placement = 'placed' | 'tie' | 'below';

/**
 * `totals` are the candidates' rounded totals in rank order, best first.
 * Fills places in rank order, a whole group of equal totals at a time. Once a group does
 * not fit, nobody after it is placed either: skipping a tied group to seat lower totals
 * would rank them above rows that scored more.
 */
export function fillPlaces(totals: readonly Dec[], capacity: number): Placement[] {
  const out = new Array<Placement>(totals.length).fill('below');
  let left = capacity;
  for (let start = 0; start < totals.length; ) {
    let end = start + 1;
    while (end < totals.length && compare(totals[end], totals[start]) === 0) end++;
    if (end - start > left) {
      const straddles = left > 0;
      for (let i = start; i < end; i++) out[i] = straddles ? 'tie' : 'below';
      break;
    }
    for (let i = start; i < end; i++) out[i] = 'placed';
    left -= end - start;
    start = end;
  }
  return out;
}
