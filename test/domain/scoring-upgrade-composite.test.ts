import { describe, it, expect } from 'vitest';
import { runScoring } from '../../src/domain/scoring';
import { byId, codes, score } from './scoring-helpers';

const RULE = 'upgrade-composite';
const one = (row: Record<string, unknown>, params?: unknown) => score(RULE, [{ id: 'x', ...row }], params)[0];

describe('upgrade-composite (晋位升级): total = (2·self + 3·mass + 5·superior) / 10', () => {
  it.each([
    // self, satisfaction, superior → total, grade
    [90, 0.9, 90, 90, '好'], // band edge is inclusive
    [100, 1, 100, 100, '好'],
    [49.975, 1, 100, 90, '好'], // exactly 89.995 → 90.00 half-up, though floats give 89.99499…
    [49.97, 1, 100, 89.99, '较好'], // exactly 89.994 → 89.99
    [80, 0.8, 80, 80, '较好'],
    [79.99, 0.8, 80, 80, '较好'], // 79.998 rounds up to the band
    [79.9, 0.8, 80, 79.98, '一般'],
    [60, 0.6, 60, 60, '一般'],
    [59.99, 0.5999, 59.99, 59.99, '较差'], // 59.9925
    [0, 0, 0, 0, '较差'],
  ])('self %s, satisfaction %s, superior %s → %s %s', (self, satisfaction, superior, total, grade) => {
    const row = one({ self, satisfaction, superior });
    expect(row.total).toBe(total);
    expect(row.grade).toBe(grade);
  });

  it('the mass score is satisfaction × 100, taken as the decimal it is written as', () => {
    const row = one({ self: 0, satisfaction: 0.9333333333333333, superior: 0 });
    expect(row.mass).toBe(93.33333333333333);
    // 0.3 × 93.33333333333333 = 27.999999999999999, which rounds to 28.00
    expect(row.total).toBe(28);
  });

  it('a vetoed branch is 较差 whatever its total, and says why', () => {
    const row = one({ self: 100, satisfaction: 1, superior: 100, veto: true });
    expect(row.total).toBe(100);
    expect(row.grade).toBe('较差');
    expect(row.reasons).toEqual(['veto: 存在“一票否决”情形，直接定为“较差”']);
  });

  it('a veto is named even when the branch was 较差 anyway', () => {
    const row = one({ self: 10, satisfaction: 0.1, superior: 10, veto: '是' });
    expect(row.grade).toBe('较差');
    expect(codes(row)).toEqual(['veto']);
  });

  it('a branch without a veto has no reasons; veto 否 or blank counts as no veto', () => {
    for (const veto of [undefined, false, '否', '', 0]) {
      const row = one({ self: 90, satisfaction: 0.9, superior: 90, veto });
      expect(row.grade).toBe('好');
      expect(row.reasons).toEqual([]);
    }
  });

  // DESIGN's rank rule changed this: a vetoed unit ranks among the 较差, never above better outcomes.
  it('a vetoed branch ranks among the grade it got, below a lower total with a better grade', () => {
    const rows = score(RULE, [
      { id: 'a', self: 70, satisfaction: 0.7, superior: 70 },
      { id: 'b', self: 95, satisfaction: 0.95, superior: 95, veto: true },
    ]);
    expect(byId(rows, 'b')).toMatchObject({ total: 95, grade: '较差', rank: 2 });
    expect(byId(rows, 'a')).toMatchObject({ total: 70, grade: '一般', rank: 1 });
  });

  it('tied totals share a rank and rows come back in input order', () => {
    const rows = score(RULE, [
      { id: 'c', self: 80, satisfaction: 0.8, superior: 80 },
      { id: 'a', self: 90, satisfaction: 0.9, superior: 90 },
      { id: 'b', self: 90, satisfaction: 0.9, superior: 90 },
      { id: 'd', self: 70, satisfaction: 0.7, superior: 70 },
    ]);
    expect(rows.map((r) => [r.id, r.rank])).toEqual([
      ['c', 3],
      ['a', 1],
      ['b', 1],
      ['d', 4],
    ]);
  });

  it('input fields come back unchanged, spreadsheet strings included', () => {
    const row = one({ self: '90', satisfaction: '0.9', superior: ' 90 ', note: '备注' });
    expect(row).toMatchObject({ id: 'x', self: '90', satisfaction: '0.9', superior: ' 90 ', note: '备注', total: 90, grade: '好' });
  });

  it('weights are params and are divided by their sum', () => {
    const row = one({ self: 60, satisfaction: 0.9, superior: 100 }, { weights: { self: 1, mass: 1, superior: 1 } });
    expect(row.total).toBe(83.33);
    // omitted weights keep their default: (0·60 + 3·90 + 5·100) / 8 = 96.25
    expect(one({ self: 60, satisfaction: 0.9, superior: 100 }, { weights: { self: 0 } }).total).toBe(96.25);
  });

  it('bands and the lowest grade are params, and a veto uses the lowest grade', () => {
    const params = { bands: [{ min: 85, grade: '优秀' }, { min: 70, grade: '合格' }], lowest: '不合格' };
    expect(one({ self: 85, satisfaction: 0.85, superior: 85 }, params).grade).toBe('优秀');
    expect(one({ self: 69, satisfaction: 0.7, superior: 70 }, params).grade).toBe('不合格');
    expect(one({ self: 100, satisfaction: 1, superior: 100, veto: 1 }, params).grade).toBe('不合格');
  });

  it('echoes the effective params, defaults filled in', () => {
    const result = runScoring({ rule: RULE, rows: [{ id: 1, self: 1, satisfaction: 1, superior: 1 }] });
    expect(result.rule).toBe(RULE);
    expect(result.params).toEqual({
      quotas: {},
      quotaRounding: 'floor',
      weights: { self: 2, mass: 3, superior: 5 },
      bands: [
        { min: 90, grade: '好' },
        { min: 80, grade: '较好' },
        { min: 60, grade: '一般' },
      ],
      lowest: '较差',
    });
  });
});
