import { describe, it, expect } from 'vitest';
import { ruleNames, rules, runScoring, templateFields } from '../../src/domain/scoring';
import { statusOf } from '../../src/http/error-status';
import { errorOf, score } from './scoring-helpers';

const good = { id: 'a', self: 90, satisfaction: 0.9, superior: 90 };

describe('runScoring refuses bad input with a 400 a scorer can act on', () => {
  it.each([['nope'], [undefined], [42], ['__proto__'], ['toString']])('an unknown rule %s is unknown_rule', (rule) => {
    const e = errorOf(() => runScoring({ rule, rows: [good] }));
    expect(e.code).toBe('unknown_rule');
    expect(statusOf(e)).toBe(400);
    expect(e.message).toContain('upgrade-composite');
  });

  it('a missing request is an unknown rule, not a crash', () => {
    expect(errorOf(() => runScoring(null as never)).code).toBe('unknown_rule');
  });

  it.each([
    ['rows not an array', { a: 1 }, 'rows 应为数组'],
    ['no rows at all', undefined, 'rows 应为数组'],
    ['empty rows', [], 'rows 为空'],
    ['a row that is not an object', [good, 5], '第2行应为对象'],
    ['a row without id', [{ ...good, id: undefined }], '第1行缺少 id'],
    ['an id that is an object', [{ ...good, id: {} }], '第1行id（编号）应为文字或数字'],
    ['duplicate ids', [good, { ...good }], '第2行（编号 a）与第1行编号重复'],
    ['duplicate ids written as number and text', [{ ...good, id: 7 }, { ...good, id: '7' }], '编号重复'],
    ['a missing field', [good, { id: 'b', self: 90, satisfaction: 0.9 }], '第2行（编号 b）缺少 superior（上级党组织考评分）'],
    ['a blank cell', [{ ...good, self: '' }], '缺少 self'],
    ['a non-numeric cell', [{ ...good, self: 'abc' }], '第1行（编号 a）self（基层党组织自评分）不是数字：“abc”'],
    ['NaN', [{ ...good, self: NaN }], '不是数字'],
    ['Infinity', [{ ...good, superior: Infinity }], '不是数字'],
    ['a boolean score', [{ ...good, self: true }], '不是数字'],
    // DESIGN "no invented ceilings": bonus points pass 100, so only 1000 is a typo.
    ['a score above 1000', [{ ...good, self: 1000.01 }], '超出范围：1000.01，应为 0–1000'],
    ['a negative score', [{ ...good, superior: -1 }], '超出范围'],
    ['satisfaction as a percentage', [{ ...good, satisfaction: 93.33 }], '应为 0–1（满意度系数：填小数（如 0.9333）或票数之比（如 28/30）'],
    ['a fraction over 1', [{ ...good, satisfaction: '31/30' }], '超出范围：“31/30”，应为 0–1'],
    ['a fraction over nothing', [{ ...good, satisfaction: '28/0' }], '不是数字：“28/0”'],
    ['a fraction object with a stray key', [{ ...good, satisfaction: { num: 28, den: 30, x: 1 } }], '不是数字'],
    ['a veto that is not yes or no', [{ ...good, veto: 'maybe' }], 'veto（一票否决）应为 是/否'],
  ])('refuses %s', (_, rows, message) => {
    const e = errorOf(() => runScoring({ rule: 'upgrade-composite', rows }));
    expect(e.code).toBe('invalid_rows');
    expect(statusOf(e)).toBe(400);
    expect(e.message).toContain(message);
  });

  it.each([
    ['first-secretary', { id: 1, category: '', work: 90, base: 90, satisfaction: 1 }, '缺少 category（类别）'],
    ['first-secretary', { id: 1, category: '村', work: 1001, base: 90, satisfaction: 1 }, 'work（工作目标考评得分）超出范围'],
    ['star-rating', { id: 1, base: 90, bonus: -1, deductions: 0, review: 90 }, 'bonus（加分项得分）超出范围'],
    ['star-rating', { id: 1, base: 90, bonus: 0, review: 90 }, '缺少 deductions（减分项扣分）'],
  ])('%s refuses %j', (rule, row, message) => {
    const e = errorOf(() => runScoring({ rule, rows: [row] }));
    expect(e.code).toBe('invalid_rows');
    expect(e.message).toContain(message);
  });

  it.each([
    ['upgrade-composite', 'not an object', '应为对象'],
    ['upgrade-composite', { weight: {} }, '不认识参数 weight'],
    ['upgrade-composite', { weights: { village: 1 } }, 'weights 不认识 village'],
    ['upgrade-composite', { weights: { self: 0, mass: 0, superior: 0 } }, '权重之和应大于0'],
    ['upgrade-composite', { lowest: '' }, 'lowest'],
    ['first-secretary', { shares: { excellent: 1.5 } }, 'shares.excellent 不应大于 1'],
    ['first-secretary', { shares: { best: 0.3 } }, '不认识参数 best'],
    ['first-secretary', { quotaRounding: 'up' }, 'quotaRounding 应为 floor、round 或 ceil'],
    ['star-rating', { fiveStarShares: 0.1 }, '不认识参数 fiveStarShares'],
    ['star-rating', { bands: [{ min: 90, stars: 6 }] }, 'bands[0].stars 不应大于 5'],
    ['star-rating', { bands: [{ min: 90, stars: 4.5 }] }, '应为整数'],
    ['star-rating', { bonusCap: 'twenty' }, 'bonusCap 应为数字'],
  ])('%s refuses params %j', (rule, params, message) => {
    const e = errorOf(() => runScoring({ rule, params, rows: [{ id: 1 }] }));
    expect(e.code).toBe('invalid_params');
    expect(statusOf(e)).toBe(400);
    expect(e.message).toContain(message);
  });
});

describe('spreadsheet cells are accepted as scorers type them', () => {
  it('numeric strings, padded or with exponents, are numbers', () => {
    const [r] = score('upgrade-composite', [{ id: 'a', self: '89.5', satisfaction: ' 0.9 ', superior: '9e1' }]);
    expect(r.total).toBe(89.9);
  });

  it.each([
    [true, true],
    ['是', true],
    ['TRUE', true],
    ['1', true],
    [1, true],
    ['否', false],
    [false, false],
    [0, false],
    ['', false],
    [null, false],
  ])('flag %j means %s', (veto, vetoed) => {
    const [r] = score('upgrade-composite', [{ ...good, veto }]);
    expect(r.grade).toBe(vetoed ? '较差' : '好');
  });

  it('ids may be numbers or text, trimmed', () => {
    const rows = score('upgrade-composite', [{ ...good, id: 3 }, { ...good, id: ' 三村 ' }]);
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe('rule metadata for upload templates', () => {
  it('lists the four presets', () => {
    expect(ruleNames).toEqual(['upgrade-composite', 'first-secretary', 'star-rating', 'weighted']);
  });

  it('names every column with a Chinese label and says which are required', () => {
    const fields = rules['first-secretary'].fields;
    expect(fields.map((f) => [f.name, f.required])).toEqual([
      ['id', true],
      ['category', true],
      ['work', true],
      ['base', true],
      ['satisfaction', true],
      ['downgraded', false],
      ['dismissed', false],
      ['direct', false], // DESIGN 直接定级
    ]);
    for (const name of ruleNames) {
      for (const f of rules[name].fields) expect(f.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives default params that runScoring accepts as they are', () => {
    for (const name of ['upgrade-composite', 'first-secretary', 'star-rating'] as const) {
      const params = rules[name].defaultParams;
      const cell = (f: (typeof rules)[typeof name]['fields'][number]) =>
        f.kind === 'number' ? Math.min(50, f.max ?? 50) : f.kind === 'flag' ? false : (f.options?.[0] ?? 'x');
      const row = Object.fromEntries(rules[name].fields.map((f) => [f.name, cell(f)]));
      expect(runScoring({ rule: name, params, rows: [row] }).params).toMatchObject(params!);
    }
    expect(rules.weighted.defaultParams).toBeNull();
  });

  it('builds weighted columns from the weights', () => {
    const fields = templateFields('weighted', { weights: { self: 3, township: 7 }, bands: [{ min: 60, grade: '合格' }] });
    expect(fields.map((f) => f.name)).toEqual(['id', 'self', 'township', 'direct']);
    expect(templateFields('star-rating').map((f) => f.name)).toEqual(['id', 'base', 'bonus', 'deductions', 'review', 'satisfaction', 'veto', 'direct']);
  });
});
