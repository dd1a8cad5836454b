import { describe, it, expect } from 'vitest';
import { runScoring } from '../../src/domain/scoring';
import { statusOf } from '../../src/http/error-status';
import { errorOf, score } from './scoring-helpers';

const RULE = 'weighted';
const VILLAGE = {
  weights: { self: 3, township: 7 },
  bands: [
    { min: 90, grade: '好' },
    { min: 80, grade: '较好' },
    { min: 60, grade: '一般' },
  ],
};

describe('weighted: total = Σ w·field / Σ w, for rules that are none of the presets', () => {
  it.each([
    // village self : township = 3 : 7
    [80, 90, 87, '较好'],
    [90, 90, 90, '好'],
    [100, 85.71, 90, '好'], // 89.997 rounds up into the band
    [100, 85.707, 89.99, '较好'], // 89.9949
    [60, 60, 60, '一般'],
    [50, 50, 50, '较差'], // below every band: the default lowest grade
  ])('village self %s, township %s → %s %s', (self, township, total, grade) => {
    const [r] = score(RULE, [{ id: '张庄村', self, township }], VILLAGE);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.reasons).toEqual([]);
  });

  it('uses any numeric columns and echoes the others', () => {
    const rows = score(RULE, [{ id: 1, a: 10, b: 20, c: '30', name: '一村' }], {
      weights: { a: 1, b: 1, c: 2 },
      bands: [{ min: 20, grade: '合格' }],
      lowest: '不合格',
    });
    expect(rows[0]).toMatchObject({ name: '一村', c: '30', total: 22.5, grade: '合格', rank: 1 });
  });

  it('ranks ties together', () => {
    const rows = score(
      RULE,
      [
        { id: 'a', self: 80, township: 80 },
        { id: 'b', self: 90, township: 90 },
        { id: 'c', self: 80, township: 80 },
      ],
      VILLAGE,
    );
    expect(rows.map((r) => r.rank)).toEqual([2, 1, 2]);
  });

  it('echoes weights and bands (sorted high to low) and the lowest grade', () => {
    const result = runScoring({
      rule: RULE,
      params: { weights: { self: 3, township: 7 }, bands: [{ min: 60, grade: '一般' }, { min: 90, grade: '好' }] },
      rows: [{ id: 1, self: 1, township: 1 }],
    });
    expect(result.params).toEqual({
      quotas: {},
      quotaRounding: 'floor',
      weights: { self: 3, township: 7 },
      bands: [
        { min: 90, grade: '好' },
        { min: 60, grade: '一般' },
      ],
      lowest: '较差',
    });
  });

  it.each([
    ['no params', undefined, 'weights 和 bands'],
    ['no bands', { weights: { self: 3 } }, 'weights 和 bands'],
    ['empty weights', { weights: {}, bands: VILLAGE.bands }, '至少需要一个字段'],
    ['a negative weight', { weights: { self: -1, township: 7 }, bands: VILLAGE.bands }, 'weights.self 不应小于 0'],
    ['weights summing to 0', { weights: { self: 0 }, bands: VILLAGE.bands }, '权重之和应大于0'],
    ['a non-numeric weight', { weights: { self: 'x' }, bands: VILLAGE.bands }, 'weights.self 应为数字'],
    ['a column named total', { weights: { total: 1 }, bands: VILLAGE.bands }, '字段名不能是“total”'],
    ['empty bands', { weights: { self: 1 }, bands: [] }, 'bands'],
    ['two bands with one min', { weights: { self: 1 }, bands: [{ min: 60, grade: 'a' }, { min: 60, grade: 'b' }] }, 'min 相同'],
    ['a band without grade', { weights: { self: 1 }, bands: [{ min: 60 }] }, 'bands[0].grade'],
    ['an unknown param', { ...VILLAGE, quota: 1 }, '不认识参数 quota'],
  ])('refuses %s', (_, params, message) => {
    const e = errorOf(() => runScoring({ rule: RULE, params, rows: [{ id: 1, self: 1, township: 1 }] }));
    expect(e.code).toBe('invalid_params');
    expect(statusOf(e)).toBe(400);
    expect(e.message).toContain(message);
  });

  it('a row missing a weighted column is refused, naming row and column', () => {
    const e = errorOf(() => score(RULE, [{ id: 'a', self: 1, township: 2 }, { id: 'b', self: 1 }], VILLAGE));
    expect(e.code).toBe('invalid_rows');
    expect(e.message).toBe('第2行（编号 b）缺少 township（township）');
  });
});
