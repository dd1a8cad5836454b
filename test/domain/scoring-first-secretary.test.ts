import { describe, it, expect } from 'vitest';
import { byId, codes, score } from './scoring-helpers';

const RULE = 'first-secretary';

/** Rows of one category with these work scores (satisfaction 1, base 90), ids s1, s2, … */
function village(works: number[], extra: Record<number, Record<string, unknown>> = {}) {
  return works.map((work, i) => ({ id: `s${i + 1}`, category: '行政村', work, base: 90, satisfaction: 1, ...extra[i + 1] }));
}

const gradesOf = (rows: ReturnType<typeof score>) => rows.map((r) => r.grade);

describe('first-secretary (第一书记): total = work × satisfaction, graded by quota within category', () => {
  it('the total is work × satisfaction, rounded half-up', () => {
    const [row] = score(RULE, [{ id: 1, category: '村', work: 95, base: 90, satisfaction: 0.9333333333333333 }]);
    expect(row.total).toBe(88.67);
  });

  it('the top 30% are 优秀, the next 30% 良好, the rest 称职', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94, 93, 92, 91]));
    expect(gradesOf(rows)).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '良好', '称职', '称职', '称职', '称职']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('rows not placed name the quota that kept them out', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94, 93, 92, 91]));
    expect(codes(byId(rows, 's1'))).toEqual([]);
    expect(codes(byId(rows, 's4'))).toEqual(['quota_excellent']);
    expect(codes(byId(rows, 's7'))).toEqual(['quota_excellent', 'quota_good']);
    expect(byId(rows, 's4').reasons[0]).toBe('quota_excellent: “行政村”类优秀名额为3名（10 × 30% 向下取整），排名在名额之外，未评为优秀');
  });

  it('a row with base < 80 passes its 优秀 place to the next eligible row and is considered for 良好', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94, 93, 92, 91], { 1: { base: 79.99 } }));
    expect(gradesOf(rows)).toEqual(['良好', '优秀', '优秀', '优秀', '良好', '良好', '称职', '称职', '称职', '称职']);
    expect(byId(rows, 's1').reasons).toEqual([
      'block_excellent: 基本工作目标和执行工作制度及工作纪律得分低于80分，不得评为优秀',
    ]);
    // DESIGN's rank rule: outcome first, so the 良好 row with the best total ranks after the three 优秀.
    expect(byId(rows, 's1').rank).toBe(4);
  });

  it('a downgraded village blocks 优秀 the same way, and base exactly 80 does not', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94, 93, 92, 91], { 2: { downgraded: '是' }, 3: { base: 80 } }));
    expect(gradesOf(rows).slice(0, 5)).toEqual(['优秀', '良好', '优秀', '优秀', '良好']);
    expect(byId(rows, 's2').reasons).toEqual(['block_excellent: 所任职党组织年度考评定级降位，不得评为优秀']);
    expect(byId(rows, 's3').reasons).toEqual([]);
  });

  it('a block is named even when the row would not have been 优秀 anyway', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94, 93, 92, 91], { 10: { base: 50, downgraded: true } }));
    expect(byId(rows, 's10').grade).toBe('称职');
    expect(codes(byId(rows, 's10'))).toEqual(['block_excellent', 'block_excellent', 'quota_good']);
  });

  it('a dismissed secretary is 不称职, takes no place, but counts in the quota base', () => {
    // 7 rows: floor(7 × 30%) = 2 places each; without the dismissed row it would be 1.
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 94], { 1: { dismissed: true } }));
    expect(gradesOf(rows)).toEqual(['不称职', '优秀', '优秀', '良好', '良好', '称职', '称职']);
    expect(byId(rows, 's1').reasons).toEqual(['dismissed: 有直接确定为不称职的情形，定为不称职，不占名额']);
    // DESIGN's rank rule: a dismissed row ranks among the 不称职, last here, never 1st.
    expect(byId(rows, 's1').rank).toBe(7);
  });

  it('ranks and quotas are per category', () => {
    const rows = score(RULE, [
      ...village([90, 80, 70, 60]),
      ...[95, 85, 75].map((work, i) => ({ id: `c${i + 1}`, category: '社区', work, base: 90, satisfaction: 1 })),
    ]);
    expect(rows.map((r) => [r.id, r.rank, r.grade])).toEqual([
      ['s1', 1, '优秀'], // floor(4 × 30%) = 1
      ['s2', 2, '良好'],
      ['s3', 3, '称职'],
      ['s4', 4, '称职'],
      ['c1', 1, '称职'], // floor(3 × 30%) = 0
      ['c2', 2, '称职'],
      ['c3', 3, '称职'],
    ]);
    expect(byId(rows, 'c1').reasons[0]).toContain('“社区”类优秀名额为0名（3 × 30% 向下取整）');
  });

  it('tied rows that would overflow the 优秀 quota all fall to the next grade', () => {
    // places 3; s3 and s4 tie for the third: neither is 优秀, both fit 良好's 3 places with s5.
    const rows = score(RULE, village([100, 99, 98, 98, 96, 95, 94, 93, 92, 91]));
    expect(gradesOf(rows)).toEqual(['优秀', '优秀', '良好', '良好', '良好', '称职', '称职', '称职', '称职', '称职']);
    expect(byId(rows, 's3').rank).toBe(3);
    expect(byId(rows, 's4').rank).toBe(3);
    expect(byId(rows, 's3').reasons).toEqual([
      'quota_excellent: “行政村”类优秀名额为3名（10 × 30% 向下取整），尚余1名；2名同分并列于名额边界，全部评为优秀将超出名额，均不评为优秀',
    ]);
  });

  it('ties at the 良好 boundary all stay 称职', () => {
    const rows = score(RULE, village([100, 99, 98, 97, 96, 95, 95, 93, 92, 91]));
    expect(gradesOf(rows)).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '称职', '称职', '称职', '称职', '称职']);
    expect(byId(rows, 's6').reasons[1]).toContain('2名同分并列于名额边界');
  });

  it('totals equal after rounding are tied (what is published decides)', () => {
    const rows = score(RULE, [
      ...village([100, 100, 100]),
      { id: 'a', category: '行政村', work: 89.994, base: 90, satisfaction: 1 },
      { id: 'b', category: '行政村', work: 89.991, base: 90, satisfaction: 1 },
      ...village([50, 50, 50, 50, 50]).map((r, i) => ({ ...r, id: `t${i}` })),
    ]);
    expect(byId(rows, 'a').total).toBe(89.99);
    expect(byId(rows, 'a').rank).toBe(byId(rows, 'b').rank);
  });

  it('shares, the minimum base and the quota rounding are params', () => {
    const works = [100, 99, 98, 97, 96];
    expect(gradesOf(score(RULE, village(works), { shares: { excellent: 0.2, good: 0.4 } }))).toEqual([
      '优秀', '良好', '良好', '称职', '称职',
    ]);
    expect(gradesOf(score(RULE, village(works), { quotaRounding: 'round' }))).toEqual([
      '优秀', '优秀', '良好', '良好', '称职', // 5 × 30% = 1.5 → 2
    ]);
    expect(gradesOf(score(RULE, village(works, { 1: { base: 85 } }), { excellentMinBase: 90 }))).toEqual([
      '良好', '优秀', '称职', '称职', '称职',
    ]);
  });

  it('blocking a row tied across both boundaries can lift it: its tie-mate then fits 优秀 alone', () => {
    // A documented consequence of "ties at a boundary all fall below it".
    const four = village([90, 90, 80, 70]);
    expect(gradesOf(score(RULE, four))).toEqual(['称职', '称职', '称职', '称职']);
    expect(gradesOf(score(RULE, village([90, 90, 80, 70], { 1: { downgraded: true } })))).toEqual([
      '良好', '优秀', '称职', '称职',
    ]);
  });
});
