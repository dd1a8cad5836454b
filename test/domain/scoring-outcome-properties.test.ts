import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDec } from '../../src/domain/scoring/decimal';
import { quota, type QuotaRounding } from '../../src/domain/scoring/quota';
import { runRule, SHEET_PRESETS } from '../../src/domain/scoring';
import type { ScoredRow } from '../../src/domain/scoring';

const places = (n: number, s: number, r: QuotaRounding = 'floor') => quota(n, parseDec(s)!, r).count;
const share = fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 1);
const rounding = fc.constantFrom<QuotaRounding>('floor', 'round', 'ceil');
const coarse = fc.integer({ min: 0, max: 20 }).map((k) => k * 5);

const branches = fc
  .array(
    fc.record({
      base: fc.oneof(coarse, fc.constantFrom(79.99, 80, 100)),
      bonus: fc.constantFrom(0, 5, 20, 25),
      deductions: fc.constantFrom(0, 0, 0, 20),
      review: coarse,
      veto: fc.constantFrom(false, false, false, true),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((rows) => rows.map((r, i) => ({ id: `b${i}`, ...r })));

const count = (rows: ScoredRow[], f: (r: ScoredRow) => boolean) => rows.filter(f).length;

describe('quotas per outcome: ceilings never exceeded, floors always met', () => {
  it('star-rating: ★5 and ★4 stay within their maxima and ★1-and-below reaches its minimum', () => {
    fc.assert(
      fc.property(branches, share, share, share, rounding, (rows, s5, s4, m1, r) => {
        const params = { quotas: { '5': { max: s5 }, '4': { max: s4 }, '1': { min: m1 } }, quotaRounding: r };
        const out = runRule('star-rating', params, rows).rows;
        const n = rows.length;
        expect(count(out, (x) => x.stars === 5)).toBeLessThanOrEqual(places(n, s5, r));
        expect(count(out, (x) => x.stars === 4)).toBeLessThanOrEqual(places(n, s4, r));
        expect(count(out, (x) => x.stars! <= 1)).toBeGreaterThanOrEqual(places(n, m1, r));
        for (const x of out) if (x.veto) expect(x.stars).toBe(0);
      }),
    );
  });

  it('star-rating: a direct rating counts in the quota; within it, the quota still holds', () => {
    fc.assert(
      fc.property(branches, fc.integer({ min: 0, max: 3 }), share, (rows, k, s5) => {
        const direct = rows.map((r, i) => (i < k ? { ...r, veto: false, direct: 5 } : r));
        const out = runRule('star-rating', { fiveStarShare: s5 }, direct).rows;
        const cap = places(rows.length, s5);
        const fives = count(out, (x) => x.stars === 5);
        if (Math.min(k, rows.length) <= cap) expect(fives).toBeLessThanOrEqual(cap);
        out.slice(0, k).forEach((x) => expect(x.stars).toBe(5)); // the honour stands
      }),
    );
  });

  it('upgrade-composite: grade quotas hold and a tie never splits across an edge', () => {
    const composites = fc
      .array(fc.record({ self: coarse, superior: coarse, satisfaction: fc.constantFrom('1/2', '2/3', '9/10', '28/30', '1/1') }), { minLength: 1, maxLength: 25 })
      .map((rows) => rows.map((r, i) => ({ id: i, ...r })));
    fc.assert(
      fc.property(composites, share, share, (rows, top, bottom) => {
        const out = runRule('upgrade-composite', { quotas: { 好: { max: top }, 较差: { min: bottom } } }, rows).rows;
        expect(count(out, (x) => x.grade === '好')).toBeLessThanOrEqual(places(rows.length, top));
        expect(count(out, (x) => x.grade === '较差')).toBeGreaterThanOrEqual(places(rows.length, bottom));
        const order = ['好', '较好', '一般', '较差'];
        for (const a of out) for (const b of out) if (a.total === b.total) expect(order.indexOf(a.grade!)).toBe(order.indexOf(b.grade!));
      }),
    );
  });

  it('the params an answer echoes read back to the same answer', () => {
    fc.assert(
      fc.property(branches, share, share, (rows, s5, m1) => {
        const first = runRule('star-rating', { quotas: { '5': { max: s5 }, '1': { min: m1 } }, noStarBelow: 40 }, rows);
        const again = runRule('star-rating', first.params, rows);
        expect(again.params).toEqual(first.params);
        expect(again.rows).toEqual(first.rows);
      }),
      { numRuns: 50 },
    );
  });
});

describe('itemized sheets: totals monotonic in every positive item', () => {
  type Sheet = { sections: Array<{ key: string; items: Array<Record<string, any>> }> };
  const work = (SHEET_PRESETS['first-secretary-001'] as { work: Sheet }).work;
  const items = work.sections.flatMap((s) => s.items.map((i) => ({ column: `${s.key}.${i.key}`, item: i })));
  /** +1 when more of the item means more points, −1 when fewer. */
  const sign = (i: Record<string, any>) => (i.kind === 'score' ? 1 : i.kind === 'range' ? (i.deduct ? -1 : 1) : i.kind === 'flag' ? Math.sign(i.points - (i.otherwise ?? 0)) : Math.sign(i.each));
  const value = (i: Record<string, any>) =>
    i.kind === 'score' ? fc.integer({ min: 0, max: i.max }) : i.kind === 'flag' ? fc.boolean() : i.kind === 'range' ? fc.integer({ min: i.min, max: i.max }) : i.kind === 'amount' ? fc.integer({ min: 0, max: 400 }).map((k) => k / 10) : fc.integer({ min: 0, max: 6 });
  const row = fc.record(Object.fromEntries(items.map(({ column, item }) => [column, value(item)])));
  const bump = (i: Record<string, any>, v: any) => (i.kind === 'flag' ? true : i.kind === 'score' ? Math.min(i.max, v + 1) : i.kind === 'range' ? Math.min(i.max, v + 1) : v + (i.kind === 'amount' ? 1.5 : 1));
  const run = (cells: Record<string, unknown>) =>
    runRule('first-secretary', { sheet: 'first-secretary-001', shares: { excellent: 1 } }, [{ id: 1, category: '村', satisfaction: '9/10', ...cells }]).rows[0];

  it('raising any item moves work and the total only in that item\'s direction', () => {
    fc.assert(
      fc.property(row, fc.integer({ min: 0, max: items.length - 1 }), (cells, k) => {
        const { column, item } = items[k];
        const a = run(cells);
        const b = run({ ...cells, [column]: bump(item, (cells as Record<string, unknown>)[column]) });
        const s = sign(item);
        if (s > 0) {
          expect(b.work as number).toBeGreaterThanOrEqual(a.work as number);
          expect(b.total!).toBeGreaterThanOrEqual(a.total!);
        } else {
          expect(b.work as number).toBeLessThanOrEqual(a.work as number);
          expect(b.total!).toBeLessThanOrEqual(a.total!);
        }
      }),
    );
  });
});
