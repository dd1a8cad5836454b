import { compare, fromInt, toNumber, type Dec } from './decimal';
import { invalidParams, paramObject } from './params';
import { fillPlaces, paramShare, quota, type QuotaRounding } from './quota';
import { reason } from './types';

/**
 * Outcomes (stars or grades) on one scale, best first. Quotas, direct ratings and ranks
 * work on positions in this list, so stars and grade names share one implementation.
 */
export type Scale<O> = readonly O[];

/** A row as the quota and rank steps see it. */
export interface Standing {
  /** Rounded total; null for a direct rating given without scores. */
  total: Dec | null;
  /** Position in the scale, 0 = best. */
  at: number;
  /** Set by a veto, a dismissal or a direct rating: no quota moves it (it still takes a place). */
  fixed: boolean;
  reasons: string[];
}

export interface QuotaSpec {
  max?: Dec;
  min?: Dec;
}

/** `{"5": {max: 0.3}, "1": {min: 0.1}}`, keys naming outcomes of the scale. */
export function paramQuotas<O>(raw: unknown, scale: Scale<O>, name: (o: O) => string, bottom: number): Map<number, QuotaSpec> {
  const out = new Map<number, QuotaSpec>();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidParams('参数 quotas 应为对象，如 {"5": {"max": 0.3}, "1": {"min": 0.1}}');
  for (const [key, spec] of Object.entries(raw as Record<string, unknown>)) {
    const at = scale.findIndex((o) => name(o) === key);
    if (at < 0) throw invalidParams(`参数 quotas 中的“${key}”不是本规则的结果；可用：${scale.map(name).join('、')}`);
    const o = paramObject(spec, ['max', 'min'], `quotas.${key}`);
    const q: QuotaSpec = {};
    if (o.max !== undefined) q.max = paramShare(o.max, `quotas.${key}.max`);
    if (o.min !== undefined) {
      if (at !== bottom) throw invalidParams(`参数 quotas.${key}.min：下限只能用于最低一档（${name(scale[bottom])}）`);
      q.min = paramShare(o.min, `quotas.${key}.min`);
    }
    out.set(at, q);
  }
  return out;
}

export function plainQuotas<O>(quotas: Map<number, QuotaSpec>, scale: Scale<O>, name: (o: O) => string) {
  const num = toNumber;
  return Object.fromEntries(
    [...quotas].map(([at, q]) => [name(scale[at]), { ...(q.max && { max: num(q.max) }), ...(q.min && { min: num(q.min) }) }]),
  );
}

const byTotalDesc = (rows: readonly Standing[]) => (a: number, b: number) => {
  const ta = rows[a].total;
  const tb = rows[b].total;
  if (ta === null || tb === null) return ta === tb ? 0 : ta === null ? 1 : -1;
  return compare(tb, ta);
};

/**
 * Applies the quotas, best outcome first. A `max` is a ceiling over all rows of the group:
 * fixed rows take their places first; of the rest, the lowest totals drop one outcome (a
 * tie across the edge drops as a whole). A `min` on the bottom outcome moves the lowest
 * totals above it down until rows at or below it reach the floor (a tie moves as a whole,
 * so a floor may be passed, never missed).
 */
export function applyQuotas<O>(
  rows: Standing[],
  scale: Scale<O>,
  quotas: Map<number, QuotaSpec>,
  rounding: QuotaRounding,
  label: (o: O) => string,
  where = '',
  code: (o: O) => string = () => 'quota_max',
): string[] {
  const warnings: string[] = [];
  const n = rows.length;
  for (let at = 0; at < scale.length; at++) {
    const spec = quotas.get(at);
    if (!spec?.max) continue;
    const q = quota(n, spec.max, rounding);
    const here = rows.map((_, i) => i).filter((i) => rows[i].at === at);
    const fixed = here.filter((i) => rows[i].fixed);
    const free = here.filter((i) => !rows[i].fixed).sort(byTotalDesc(rows));
    if (fixed.length > q.count) warnings.push(`${where}${label(scale[at])}名额为${q.text}，直接定级的就有${fixed.length}个，已超出名额`);
    const capacity = Math.max(0, q.count - fixed.length);
    const placements = fillPlaces(free.map((i) => rows[i].total ?? fromInt(0)), capacity);
    const left = capacity - placements.filter((p) => p === 'placed').length;
    const tied = placements.filter((p) => p === 'tie').length;
    if (at + 1 >= scale.length) continue;
    free.forEach((i, k) => {
      if (placements[k] === 'placed') return;
      rows[i].at = at + 1;
      const why =
        placements[k] === 'tie'
          ? `尚余${left}名；${tied}名同分并列于名额边界，全部评为${label(scale[at])}将超出名额，均降为${label(scale[at + 1])}`
          : `排名在名额之外，降为${label(scale[at + 1])}`;
      rows[i].reasons.push(reason(code(scale[at]), `${where}${label(scale[at])}名额为${q.text}，${why}`));
    });
  }
  for (const [bottom, spec] of quotas) {
    if (!spec.min) continue;
    const q = quota(n, spec.min, rounding);
    let count = rows.filter((r) => r.at >= bottom).length;
    const above = rows.map((_, i) => i).filter((i) => rows[i].at < bottom && !rows[i].fixed).sort(byTotalDesc(rows)).reverse();
    for (let k = 0; k < above.length && count < q.count; ) {
      const t = rows[above[k]].total;
      let end = k + 1;
      while (end < above.length && sameTotal(rows[above[end]].total, t)) end++;
      for (let j = k; j < end; j++) {
        const r = rows[above[j]];
        r.reasons.push(reason('quota_min', `${where}${label(scale[bottom])}及以下不少于${q.text}，总分较低，由${label(scale[r.at])}降为${label(scale[bottom])}`));
        r.at = bottom;
        count++;
      }
      k = end;
    }
  }
  return warnings;
}

const sameTotal = (a: Dec | null, b: Dec | null) => (a === null || b === null ? a === b : compare(a, b) === 0);

/**
 * DESIGN's rank: outcome first (a row forced down ranks among the rows of the outcome it
 * got), then total descending; equal outcome and total share a rank (1, 1, 3).
 */
export function outcomeRanks(rows: readonly Standing[]): number[] {
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].at - rows[b].at || byTotalDesc(rows)(a, b));
  const ranks = new Array<number>(rows.length);
  order.forEach((i, pos) => {
    const prev = order[pos - 1];
    const tie = pos > 0 && rows[prev].at === rows[i].at && sameTotal(rows[prev].total, rows[i].total);
    ranks[i] = tie ? ranks[prev] : pos + 1;
  });
  return ranks;
}
