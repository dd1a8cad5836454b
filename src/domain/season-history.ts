import { DomainError } from './errors';

/** What a published season said about one entry: the history a later season compares with. */
export interface PastOutcome {
  total: number | null;
  outcome: string | number | null;
}

export type Change = 'up' | 'down' | 'same';
export type Color = 'green' | 'yellow' | 'red' | 'none';

export type ColorRule = { by: 'outcome' } | { by: 'satisfaction'; green: number; yellow: number };

const FIRST_SECRETARY = ['优秀', '良好', '称职', '基本称职', '不称职'];

/**
 * The rule's outcomes, best first: stars 5…lowest, or the grade bands then the lowest grade.
 * Read from the params the rule actually used, so custom bands order as written.
 */
export function outcomeOrder(rule: string, effective: Record<string, unknown>): (string | number)[] {
  if (rule === 'star-rating') {
    const lowest = typeof effective.lowest === 'number' ? effective.lowest : 1;
    return [5, 4, 3, 2, 1, 0].filter((s) => s >= lowest);
  }
  if (rule === 'first-secretary') return FIRST_SECRETARY;
  const bands = Array.isArray(effective.bands) ? (effective.bands as { grade?: unknown }[]) : [];
  const grades = bands.map((b) => b.grade).filter((g): g is string => typeof g === 'string');
  const lowest = typeof effective.lowest === 'string' ? [effective.lowest] : [];
  return [...grades, ...lowest.filter((l) => !grades.includes(l))];
}

/** up / down / same by outcome; null when either side has none or an outcome the rule does not name. */
export function changeOf(order: (string | number)[], now: string | number | null, before: string | number | null): Change | null {
  if (now === null || before === null) return null;
  const a = order.indexOf(now);
  const b = order.indexOf(before);
  if (a < 0 || b < 0) return null;
  return a < b ? 'up' : a > b ? 'down' : 'same';
}

/** `params.colors` of a season: absent means by outcome. Checked at creation, so a bad one is a 400 then. */
export function readColorRule(raw: unknown): ColorRule {
  if (raw === undefined || raw === null) return { by: 'outcome' };
  const o = raw as Record<string, unknown>;
  if (typeof raw === 'object' && !Array.isArray(raw) && o.by === 'outcome' && Object.keys(o).length === 1) return { by: 'outcome' };
  const pct = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
  if (typeof raw === 'object' && !Array.isArray(raw) && o.by === 'satisfaction' && pct(o.green) && pct(o.yellow) && (o.yellow as number) <= (o.green as number)) {
    return { by: 'satisfaction', green: o.green as number, yellow: o.yellow as number };
  }
  throw new DomainError('invalid_params', '参数 colors 应为 {"by": "outcome"} 或 {"by": "satisfaction", "green": 90, "yellow": 80}（百分数，yellow 不大于 green）');
}

/**
 * The 三色 board's colour. By outcome: the best outcome green, the worst red, the rest yellow.
 * By satisfaction: ≥ green% green, ≥ yellow% yellow, else red, compared exactly on the fraction.
 */
export function colorOf(rule: ColorRule, order: (string | number)[], outcome: string | number | null, satisfaction: { num: bigint; den: bigint } | null): Color {
  if (rule.by === 'satisfaction') {
    if (!satisfaction) return 'none';
    // num/den ≥ p/100  ⇔  num·100·100 ≥ round(p·100)·den (p has at most 2 decimals that matter)
    const at = (p: number) => satisfaction.num * 10000n >= BigInt(Math.round(p * 100)) * satisfaction.den;
    return at(rule.green) ? 'green' : at(rule.yellow) ? 'yellow' : 'red';
  }
  if (outcome === null || order.length === 0) return 'none';
  if (outcome === order[0]) return 'green';
  if (outcome === order[order.length - 1]) return 'red';
  return 'yellow';
}
