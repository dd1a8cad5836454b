import { describe, it, expect } from 'vitest';
import { runRule } from '../../src/domain/scoring';
import { byId, codes, errorOf } from './scoring-helpers';

// DESIGN "Exact satisfaction everywhere": a meeting's 28/30 reaches the total as 28/30.
// self 100, superior 83.99: (2·100 + 3·(28/30·100) + 5·83.99) / 10 = (200 + 280 + 419.95) / 10 = 89.995 → 90.00 好.
// The float 0.9333333333333333 gives 89.99499999… → 89.99 较好, which is what this guards against.
describe('satisfaction as an exact fraction', () => {
  const row = (satisfaction: unknown, id = 'a') => ({ id, self: 100, superior: 83.99, satisfaction });

  it.each([
    ['"a/b" text', '28/30', 90, '好'],
    ['{num, den}', { num: 28, den: 30 }, 90, '好'],
    ['reduced "14/15"', '14/15', 90, '好'],
    ['the float of 28/30', 28 / 30, 89.99, '较好'],
    ['a decimal as written', '0.93333', 89.99, '较好'], // 89.99495
  ])('upgrade-composite with satisfaction as %s → %s %s', (_, satisfaction, total, grade) => {
    const [r] = runRule('upgrade-composite', undefined, [row(satisfaction)]).rows;
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
  });

  it('first-secretary: work 135 × 28/30 = 126.00 exactly, no 0–100 ceiling on work', () => {
    const [r] = runRule('first-secretary', { shares: { excellent: 1 } }, [
      { id: 's', category: '村', work: 135, base: 90, satisfaction: { num: 28, den: 30 } },
    ]).rows;
    expect(r.total).toBe(126);
    expect(r.grade).toBe('优秀');
  });

  it('the row echoes the fraction as given, so the answer can be checked against the ballots', () => {
    const [r] = runRule('upgrade-composite', undefined, [row({ num: 28, den: 30 })]).rows;
    expect(r.satisfaction).toEqual({ num: 28, den: 30 });
  });

  it('a satisfaction from a meeting that does not count never reaches the top grade, and says why', () => {
    const { rows } = runRule('upgrade-composite', undefined, [{ ...row('30/30'), satisfactionInvalid: true }]);
    // (200 + 300 + 419.95) / 10 = 91.995 → 92.00, a 好 total held to 较好.
    expect(rows[0].total).toBe(92);
    expect(rows[0].grade).toBe('较好');
    expect(codes(rows[0])).toEqual(['satisfaction_invalid']);
  });

  it("first-secretary: an invalid meeting's satisfaction blocks 优秀; the place passes on", () => {
    const { rows } = runRule('first-secretary', { shares: { excellent: 0.5, good: 0.5 } }, [
      { id: 'x', category: '村', work: 100, base: 90, satisfaction: '30/30', satisfactionInvalid: true },
      { id: 'y', category: '村', work: 90, base: 90, satisfaction: '27/30' },
    ]);
    expect(byId(rows, 'x').grade).toBe('良好');
    expect(byId(rows, 'y').grade).toBe('优秀');
    expect(codes(byId(rows, 'x'))).toContain('satisfaction_invalid');
  });
});

describe('every bad cell at once', () => {
  it('reports each bad cell of each row with row and field', () => {
    const e = errorOf(() =>
      runRule('upgrade-composite', undefined, [
        { id: 'a', self: '九十', superior: 90, satisfaction: '28/0' },
        { id: 'b', self: 90, superior: 90, satisfaction: 0.9 },
        { id: 'a', self: 90, superior: 1200 },
      ]),
    );
    expect(e.code).toBe('invalid_rows');
    expect(e.details).toEqual({
      details: [
        { row: 1, field: 'self', message: '第1行（编号 a）self（基层党组织自评分）不是数字：“九十”' },
        { row: 1, field: 'satisfaction', message: expect.stringContaining('第1行（编号 a）satisfaction（党员群众测评满意度）不是数字：“28/0”') },
        { row: 3, field: 'id', message: '第3行（编号 a）与第1行编号重复' },
        { row: 3, field: 'superior', message: expect.stringContaining('第3行（编号 a）superior（上级党组织考评分）超出范围：1200，应为 0–1000') },
        { row: 3, field: 'satisfaction', message: '第3行（编号 a）缺少 satisfaction（党员群众测评满意度）' },
      ],
    });
    expect(e.message).toContain('共5处问题');
  });
});
