import { describe, it, expect } from 'vitest';
import { runScoring } from '../../src/domain/scoring';
import { byId, codes, score } from './scoring-helpers';

const RULE = 'star-rating';
const row = (base: number, bonus: number, deductions: number, review: number, id: unknown = 'x') => ({
  id,
  base,
  bonus,
  deductions,
  review,
});
// A lone row has floor(1 × 30%) = 0 five-star places, so single-row cases lift the quota.
const one = (r: Record<string, unknown>, params: unknown = { fiveStarShare: 1 }) => score(RULE, [r], params)[0];

/** n rows that each reach ★5 on their own, with distinct totals 100, 99.7, 99.4, … (in input order). */
const strongBranches = (n: number) => Array.from({ length: n }, (_, k) => row(100, 0, 0, 100 - k, `b${k + 1}`));

describe('star-rating (评星定级): total = (base + min(bonus, 20) − deductions) × 0.7 + review × 0.3', () => {
  it.each([
    // base, bonus, deductions, review → total, stars
    [90, 0, 0, 90, 90, 5], // band edge is inclusive
    [100, 0, 0, 66.65, 90, 5], // exactly 89.995 → 90.00
    [99.99, 0, 0, 66.67, 89.99, 4], // exactly 89.994 → 89.99
    [80, 0, 0, 80, 80, 4],
    [80, 0, 0, 79.96, 79.99, 3], // 79.988
    [70, 0, 0, 70, 70, 3],
    [80, 0, 0, 46.7, 70.01, 3],
    [60, 0, 0, 60, 60, 2],
    [59.99, 0, 0, 59.99, 59.99, 1],
    [0, 0, 0, 0, 0, 1],
  ])('base %s, bonus %s, deductions %s, review %s → %s, ★%s', (base, bonus, deductions, review, total, stars) => {
    const r = one(row(base, bonus, deductions, review));
    expect(r.total).toBe(total);
    expect(r.stars).toBe(stars);
  });

  it('bonus over 20 counts as 20, and the cap is named', () => {
    const r = one(row(80, 25, 0, 80));
    expect(r.total).toBe(94); // (80 + 20) × 0.7 + 24
    expect(r.reasons).toEqual(['bonus_cap: 加分项25分超过上限20分，按20分计']);
  });

  it('bonus of exactly 20 is not capped', () => {
    expect(one(row(80, 20, 0, 80)).reasons).toEqual([]);
  });

  it('base < 80 caps a ★5 total at ★4', () => {
    const r = one(row(79.99, 20, 0, 100));
    expect(r.total).toBeGreaterThanOrEqual(90);
    expect(r.stars).toBe(4);
    expect(r.reasons).toEqual(['cap_base: 基础项得分低于80分，不得评为五星，最高四星']);
  });

  it('any deduction caps a ★5 total at ★4', () => {
    const r = one(row(100, 10, 0.5, 100));
    expect(r.total).toBe(106.65);
    expect(r.stars).toBe(4);
    expect(r.reasons).toEqual(['cap_deductions: 有减分项（扣0.5分），不得评为五星，最高四星']);
  });

  it('a cap is named even when the branch only reached ★3', () => {
    const r = one(row(70, 0, 2, 75));
    expect(r.stars).toBe(3);
    expect(codes(r)).toEqual(['cap_base', 'cap_deductions']);
  });

  it('a lone branch cannot be ★5 under the default quota: floor(1 × 30%) = 0 places', () => {
    const r = score(RULE, [row(100, 0, 0, 100)])[0];
    expect(r.total).toBe(100);
    expect(r.stars).toBe(4);
    expect(r.reasons).toEqual(['quota_five_star: 五星名额为0名（1 × 30% 向下取整），排名在名额之外，降为四星']);
  });

  it('★5 goes to at most 30% of rows; lower totals beyond that drop to ★4', () => {
    const rows = score(RULE, strongBranches(10));
    expect(rows.map((r) => r.stars)).toEqual([5, 5, 5, 4, 4, 4, 4, 4, 4, 4]);
    expect(byId(rows, 'b4').reasons).toEqual(['quota_five_star: 五星名额为3名（10 × 30% 向下取整），排名在名额之外，降为四星']);
    expect(byId(rows, 'b1').reasons).toEqual([]);
  });

  it('rows tied across the ★5 boundary all drop to ★4', () => {
    const rows = strongBranches(10);
    rows[3].review = rows[2].review; // b3 and b4 tie for the third place
    const out = score(RULE, rows);
    expect(out.map((r) => r.stars)).toEqual([5, 5, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(byId(out, 'b3').rank).toBe(3);
    expect(byId(out, 'b4').rank).toBe(3);
    expect(byId(out, 'b3').reasons[0]).toContain('尚余1名；2名同分并列于名额边界');
  });

  it('the quota counts every row, capped and low ones included, and capped rows use no place', () => {
    const rows = [
      row(79, 20, 0, 100, 'capped'), // total 99.3, the best, but capped to ★4
      row(100, 0, 0, 100, 'a'),
      row(100, 0, 0, 99, 'b'),
      row(100, 0, 0, 98, 'c'),
      ...Array.from({ length: 6 }, (_, k) => row(50, 0, 0, 50, `low${k}`)),
    ];
    const out = score(RULE, rows);
    expect(out.slice(0, 4).map((r) => r.stars)).toEqual([4, 5, 5, 5]);
    expect(codes(byId(out, 'capped'))).toEqual(['cap_base']);
  });

  it('the five-star share is a param (10% elsewhere)', () => {
    const out = score(RULE, strongBranches(10), { fiveStarShare: 0.1 });
    expect(out.map((r) => r.stars)).toEqual([5, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(out[1].reasons[0]).toContain('1名（10 × 10% 向下取整）');
  });

  it('bonus cap, weights and bands are params', () => {
    expect(one(row(80, 25, 0, 80), { bonusCap: 10 }).total).toBe(87);
    expect(one(row(80, 25, 0, 80), { bonusCap: 10 }).reasons).toEqual(['bonus_cap: 加分项25分超过上限10分，按10分计']);
    expect(one(row(80, 0, 0, 100), { weights: { score: 6, review: 4 } }).total).toBe(88);
    const bands = [{ min: 95, stars: 5 }, { min: 50, stars: 3 }];
    expect(one(row(90, 0, 0, 90), { bands }).stars).toBe(3);
    expect(one(row(10, 0, 0, 10), { bands, lowest: 2 }).stars).toBe(2);
  });

  it('a large deduction can push the total below zero: ★1, not an error', () => {
    const r = one(row(10, 0, 100, 0));
    expect(r.total).toBe(-63);
    expect(r.stars).toBe(1);
  });

  it('echoes the effective params', () => {
    const result = runScoring({ rule: RULE, params: { fiveStarShare: '0.1' }, rows: [row(1, 1, 1, 1)] });
    expect(result.params).toMatchObject({ bonusCap: 20, weights: { score: 0.7, review: 0.3 }, fiveStarShare: 0.1, lowest: 1 });
  });
});
