import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDec } from '../../src/domain/scoring/decimal';
import { quota, type QuotaRounding } from '../../src/domain/scoring/quota';
import type { ScoredRow } from '../../src/domain/scoring';
import { score } from './scoring-helpers';

// Coarse values make ties (the hard cases) common.
const coarse = fc.integer({ min: 0, max: 20 }).map((k) => k * 5);
const fine = fc.integer({ min: 0, max: 10_000 }).map((k) => k / 100);
const satisfaction = fc.oneof(
  fc.constantFrom(0.5, 0.8, 0.9, 1),
  fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const share = fc.constantFrom(0, 0.1, 0.25, 0.3, 0.5, 1);
const rounding = fc.constantFrom<QuotaRounding>('floor', 'round', 'ceil');

const withIds = <T extends object>(rows: T[]) => rows.map((r, i) => ({ id: `r${i}`, ...r }));
const places = (n: number, s: number, r: QuotaRounding) => quota(n, parseDec(s)!, r).count;

const secretaries = fc
  .array(
    fc.record({
      category: fc.constantFrom('行政村', '社区'),
      work: fc.oneof(coarse, fine),
      base: fc.constantFrom(70, 79.99, 80, 90),
      satisfaction: fc.constantFrom(0.8, 0.9, 1),
      downgraded: fc.boolean(),
      dismissed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map(withIds);

const branches = fc
  .array(
    fc.record({
      base: fc.oneof(coarse, fc.constantFrom(79.99, 80)),
      bonus: fc.constantFrom(0, 5, 20, 25),
      deductions: fc.constantFrom(0, 0, 0, 1),
      review: fc.oneof(coarse, fine),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map(withIds);

const composites = fc
  .array(fc.record({ self: fc.oneof(coarse, fine), superior: fc.oneof(coarse, fine), satisfaction, veto: fc.boolean() }), {
    minLength: 1,
    maxLength: 20,
  })
  .map(withIds);

const groupsOf = (rows: ScoredRow[]) => {
  const groups = new Map<unknown, ScoredRow[]>();
  for (const r of rows) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);
  return [...groups.values()];
};

describe('quotas are ceilings, filled in rank order', () => {
  it('first-secretary never gives more 优秀 or 良好 than the category quota', () => {
    fc.assert(
      fc.property(secretaries, share, share, rounding, (rows, excellent, good, r) => {
        const out = score('first-secretary', rows, { shares: { excellent, good }, quotaRounding: r });
        for (const group of groupsOf(out)) {
          const n = group.length;
          expect(group.filter((x) => x.grade === '优秀').length).toBeLessThanOrEqual(places(n, excellent, r));
          expect(group.filter((x) => x.grade === '良好').length).toBeLessThanOrEqual(places(n, good, r));
        }
      }),
    );
  });

  it('every 优秀 outscores every eligible row left out, and every 良好 every 称职 row', () => {
    fc.assert(
      fc.property(secretaries, (rows) => {
        const out = score('first-secretary', rows);
        for (const group of groupsOf(out)) {
          const eligible = (x: ScoredRow) => !x.dismissed && !x.downgraded && Number(x.base) >= 80;
          const best = group.filter((x) => x.grade === '优秀');
          const good = group.filter((x) => x.grade === '良好');
          for (const a of best) {
            for (const b of group.filter((x) => eligible(x) && x.grade !== '优秀')) expect(a.total!).toBeGreaterThan(b.total!);
          }
          for (const a of good) {
            for (const b of group.filter((x) => x.grade === '称职')) expect(a.total!).toBeGreaterThan(b.total!);
          }
        }
      }),
    );
  });

  it('star-rating never gives ★5 to more rows than the quota, nor to a capped row', () => {
    fc.assert(
      fc.property(branches, share, rounding, (rows, s, r) => {
        const out = score('star-rating', rows, { fiveStarShare: s, quotaRounding: r });
        const five = out.filter((x) => x.stars === 5);
        expect(five.length).toBeLessThanOrEqual(places(rows.length, s, r));
        for (const x of five) {
          expect(x.total!).toBeGreaterThanOrEqual(90);
          expect(x.base).toBeGreaterThanOrEqual(80);
          expect(x.deductions).toBe(0);
        }
        for (const x of out) expect([1, 2, 3, 4, 5]).toContain(x.stars);
      }),
    );
  });
});

describe('totals are monotonic in each score', () => {
  const bump = fc.integer({ min: 0, max: 5000 }).map((k) => k / 100);
  const up = (v: number, by: number, max: number) => Math.min(max, Math.round((v + by) * 100) / 100);

  it('upgrade-composite: more self, superior or satisfaction never lowers the total', () => {
    fc.assert(
      fc.property(composites, fc.constantFrom('self', 'superior', 'satisfaction'), bump, (rows, field, by) => {
        const row = { ...rows[0], veto: false };
        const higher = { ...row, [field]: field === 'satisfaction' ? Math.min(1, row[field] + by / 100) : up(row[field], by, 100) };
        const [a] = score('upgrade-composite', [row]);
        const [b] = score('upgrade-composite', [higher]);
        expect(b.total!).toBeGreaterThanOrEqual(a.total!);
      }),
    );
  });

  it('star-rating: more base, bonus or review never lowers it; more deductions never raise it', () => {
    fc.assert(
      fc.property(branches, fc.constantFrom('base', 'bonus', 'review', 'deductions'), bump, (rows, field, by) => {
        const row = rows[0];
        const [a] = score('star-rating', [row]);
        const [b] = score('star-rating', [{ ...row, [field]: up(row[field], by, 100) }]);
        if (field === 'deductions') expect(b.total!).toBeLessThanOrEqual(a.total!);
        else expect(b.total!).toBeGreaterThanOrEqual(a.total!);
      }),
    );
  });

  it('first-secretary: more work or satisfaction never lowers it', () => {
    fc.assert(
      fc.property(secretaries, fc.constantFrom('work', 'satisfaction'), bump, (rows, field, by) => {
        const row = rows[0];
        const higher = { ...row, [field]: field === 'satisfaction' ? Math.min(1, row.satisfaction + by / 100) : up(row.work, by, 100) };
        expect(score('first-secretary', [higher])[0].total!).toBeGreaterThanOrEqual(score('first-secretary', [row])[0].total!);
      }),
    );
  });

  it('weighted: more of any positively weighted column never lowers it', () => {
    const weights = fc.record({ a: fc.integer({ min: 0, max: 10 }), b: fc.integer({ min: 1, max: 10 }) });
    fc.assert(
      fc.property(weights, fine, fine, fc.constantFrom('a', 'b'), bump, (w, a, b, field, by) => {
        const params = { weights: w, bands: [{ min: 50, grade: '合格' }] };
        const row = { id: 1, a, b };
        const [x] = score('weighted', [row], params);
        const [y] = score('weighted', [{ ...row, [field]: up(row[field], by, 100) }], params);
        expect(y.total!).toBeGreaterThanOrEqual(x.total!);
      }),
    );
  });
});

describe('a veto or block never improves an outcome', () => {
  const GRADE_ORDER = ['好', '较好', '一般', '较差'];
  const FS_ORDER = ['优秀', '良好', '称职', '不称职'];

  it('a vetoed branch is 较差, never better than without the veto', () => {
    fc.assert(
      fc.property(composites, fc.nat(), (rows, pick) => {
        const i = pick % rows.length;
        const free = score('upgrade-composite', rows.map((r, k) => (k === i ? { ...r, veto: false } : r)));
        const vetoed = score('upgrade-composite', rows.map((r, k) => (k === i ? { ...r, veto: true } : r)));
        expect(vetoed[i].grade).toBe('较差');
        expect(GRADE_ORDER.indexOf(vetoed[i].grade!)).toBeGreaterThanOrEqual(GRADE_ORDER.indexOf(free[i].grade!));
        expect(vetoed[i].total).toBe(free[i].total);
      }),
    );
  });

  it('the base cap never gives a capped branch more stars than it would have without it', () => {
    fc.assert(
      fc.property(branches, (rows) => {
        const capped = score('star-rating', rows);
        const uncapped = score('star-rating', rows, { fiveStarMinBase: 0 });
        // Only the capped rows: others may gain a five-star place a capped row no longer takes.
        capped.forEach((x, i) => {
          if (rows[i].base < 80) expect(x.stars).toBeLessThanOrEqual(uncapped[i].stars!);
        });
      }),
    );
  });

  it('a blocked secretary is never 优秀, a dismissed one always 不称职', () => {
    fc.assert(
      fc.property(secretaries, (rows) => {
        for (const x of score('first-secretary', rows)) {
          if (x.downgraded || Number(x.base) < 80) expect(x.grade).not.toBe('优秀');
          expect(x.grade === '不称职').toBe(x.dismissed === true);
        }
      }),
    );
  });

  it('blocking a secretary whose total no one else shares never improves their grade', () => {
    fc.assert(
      fc.property(secretaries, fc.nat(), (rows, pick) => {
        const i = pick % rows.length;
        const open = score('first-secretary', rows.map((r, k) => (k === i ? { ...r, downgraded: false } : r)));
        const mine = open[i];
        fc.pre(!open.some((x, k) => k !== i && x.category === mine.category && x.total === mine.total));
        const blocked = score('first-secretary', rows.map((r, k) => (k === i ? { ...r, downgraded: true } : r)));
        expect(FS_ORDER.indexOf(blocked[i].grade!)).toBeGreaterThanOrEqual(FS_ORDER.indexOf(mine.grade!));
      }),
    );
  });
});

describe("ranks follow DESIGN's rank rule: outcome first, then total", () => {
  const ORDER = ['优秀', '良好', '称职', '基本称职', '不称职', '好', '较好', '一般', '较差'];
  // Lower is better: stars descending, grades in their scale's order.
  const outcome = (x: ScoredRow) => (x.stars !== undefined ? 5 - x.stars : ORDER.indexOf(x.grade!));
  const better = (y: ScoredRow, x: ScoredRow) => outcome(y) < outcome(x) || (outcome(y) === outcome(x) && y.total! > x.total!);
  const check = (rows: ScoredRow[]) => {
    for (const group of groupsOf(rows)) {
      for (const x of group) expect(x.rank).toBe(1 + group.filter((y) => better(y, x)).length);
    }
  };

  it('for every rule, rank = 1 + the rows with a better outcome or the same outcome and a higher total (per category for first-secretary)', () => {
    fc.assert(fc.property(composites, (rows) => check(score('upgrade-composite', rows))));
    fc.assert(fc.property(branches, (rows) => check(score('star-rating', rows))));
    fc.assert(fc.property(secretaries, (rows) => check(score('first-secretary', rows))));
  });

  it('rows come back in input order with their ids and fields', () => {
    fc.assert(
      fc.property(branches, (rows) => {
        const out = score('star-rating', rows);
        expect(out.map((x) => x.id)).toEqual(rows.map((r) => r.id));
        out.forEach((x, i) => expect(x).toMatchObject(rows[i]));
      }),
    );
  });

  it('every reason is "<code>: <说明>"', () => {
    fc.assert(
      fc.property(secretaries, branches, (s, b) => {
        const all = [...score('first-secretary', s), ...score('star-rating', b)].flatMap((x) => x.reasons);
        for (const reason of all) expect(reason).toMatch(/^[a-z_]+: \S/);
      }),
    );
  });
});
