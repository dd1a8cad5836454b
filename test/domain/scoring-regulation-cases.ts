/**
 * Cases worked by hand from the regulations in /work/shared/regulations (001 第一书记 §16/§19,
 * 002 五星创评, 003 评星定级) and DESIGN "Scoring, as the regulations write it". Each case
 * names its source, the input, and the outcome a scorer with pencil and paper gets; the
 * test (scoring-regulations.test.ts) runs them, and the same table goes into the issue note.
 */
export interface Expected {
  total?: number | null;
  grade?: string;
  stars?: number;
  rank?: number;
  /** Reason codes, in order; omitted = not checked. */
  codes?: string[];
}

export interface Case {
  name: string;
  source: string;
  rule: string;
  params?: Record<string, unknown>;
  rows: Array<Record<string, unknown>>;
  expect: Record<string, Expected>;
  /** Lines `warnings` must contain (substrings). */
  warnings?: string[];
}

const uc = (id: string, self: number, superior: number, satisfaction: unknown, extra: object = {}) => ({ id, self, superior, satisfaction, ...extra });
const fs = (id: string, work: number, base: number, satisfaction: unknown, extra: object = {}) => ({ id, category: '行政村', work, base, satisfaction, ...extra });
const sr = (id: string, base: number, bonus: number, deductions: number, review: number, extra: object = {}) => ({ id, base, bonus, deductions, review, ...extra });
/** A branch whose total is exactly t: base = review = t, no bonus or deduction. */
const flat = (id: string, t: number) => sr(id, t, 0, 0, t);
/** Lifts the ★5 quota for single-row cases (floor(1 × 30%) = 0 places); warns, as any share over 30% does. */
const ALL_FIVE = { fiveStarShare: 1 };

export const CASES: Case[] = [
  // ── upgrade-composite: total = (2·self + 3·satisfaction·100 + 5·superior) / 10 ──
  {
    name: 'a meeting\'s 28/30 stays a fraction: (200 + 280 + 419.95)/10 = 89.995 → 90.00 好',
    source: 'issue 15 / DESIGN exact satisfaction',
    rule: 'upgrade-composite',
    rows: [uc('a', 100, 83.99, '28/30'), uc('b', 100, 83.99, { num: 28, den: 30 })],
    expect: { a: { total: 90, grade: '好' }, b: { total: 90, grade: '好' } },
  },
  {
    name: 'the float 0.9333333333333333 is 89.99499… → 89.99 较好 (why fractions matter)',
    source: 'issue 15',
    rule: 'upgrade-composite',
    rows: [uc('a', 100, 83.99, 28 / 30)],
    expect: { a: { total: 89.99, grade: '较好' } },
  },
  {
    name: 'a veto forces 较差 and the vetoed 100 ranks below a 70 一般',
    source: 'DESIGN 一票否决; rank rule',
    rule: 'upgrade-composite',
    rows: [uc('v', 100, 100, 1, { veto: true }), uc('x', 70, 70, 0.7)],
    expect: { v: { total: 100, grade: '较差', rank: 2, codes: ['veto'] }, x: { total: 70, grade: '一般', rank: 1 } },
  },
  {
    name: 'band edges are inclusive: (160 + 240 + 400)/10 = 80 → 较好',
    source: 'DESIGN bands ≥ 80',
    rule: 'upgrade-composite',
    rows: [uc('a', 80, 80, 0.8)],
    expect: { a: { total: 80, grade: '较好' } },
  },
  {
    name: 'a direct rating needs no scores: total null, grade as given, reason direct',
    source: 'DESIGN 直接定级',
    rule: 'upgrade-composite',
    rows: [{ id: 'd', direct: '好' }, uc('x', 70, 70, 0.7)],
    expect: { d: { total: null, grade: '好', rank: 1, codes: ['direct'] }, x: { grade: '一般', rank: 2 } },
  },
  {
    name: 'a veto wins over a direct rating',
    source: 'DESIGN 直接定级: vetoes still win',
    rule: 'upgrade-composite',
    rows: [uc('d', 95, 95, 0.95, { direct: '好', veto: '是' })],
    expect: { d: { total: 95, grade: '较差', codes: ['veto'] } },
  },
  {
    name: 'quotas by grade name: 好 at most 50% of 4 = 2; the two lower totals drop one grade',
    source: 'DESIGN quotas per outcome',
    rule: 'upgrade-composite',
    params: { quotas: { 好: { max: 0.5 } } },
    rows: [uc('a', 100, 100, 1), uc('b', 98, 98, 0.98), uc('c', 96, 96, 0.96), uc('d', 94, 94, 0.94)],
    expect: { a: { grade: '好' }, b: { grade: '好' }, c: { grade: '较好', codes: ['quota_max'] }, d: { grade: '较好', codes: ['quota_max'] } },
  },
  {
    name: 'a floor on the bottom grade: 较差 at least 25% of 4 = 1 moves the lowest total down',
    source: 'DESIGN quotas: min on the bottom outcome',
    rule: 'upgrade-composite',
    params: { quotas: { 较差: { min: 0.25 } } },
    rows: [uc('a', 95, 95, 0.95), uc('b', 85, 85, 0.85), uc('c', 75, 75, 0.75), uc('d', 65, 65, 0.65)],
    expect: { a: { grade: '好' }, b: { grade: '较好' }, c: { grade: '一般' }, d: { total: 65, grade: '较差', codes: ['quota_min'] } },
  },
  {
    name: 'satisfaction from a meeting that does not count: a 好 total is held to 较好',
    source: 'issue 15 fill path; 001 §17 参加投票人数不少于2/3',
    rule: 'upgrade-composite',
    rows: [uc('a', 100, 100, '1/1', { satisfactionInvalid: true })],
    expect: { a: { total: 100, grade: '较好', codes: ['satisfaction_invalid'] } },
  },

  // ── first-secretary: total = work × satisfaction, places by category ──
  {
    name: 'work 135 (bonus items pass 100) × 28/30 = 126.00, accepted',
    source: '001 §16 奖分; issue 15',
    rule: 'first-secretary',
    params: { shares: { excellent: 1 } },
    rows: [fs('s', 135, 90, '28/30')],
    expect: { s: { total: 126, grade: '优秀' } },
  },
  {
    name: '10 secretaries: 30% 优秀 (3), 30% 良好 (3), the rest 称职',
    source: '001 §19 按30%的比例确定优秀…良好',
    rule: 'first-secretary',
    rows: [100, 99, 98, 97, 96, 95, 94, 93, 92, 91].map((w, i) => fs(`s${i + 1}`, w, 90, 1)),
    expect: { s3: { grade: '优秀', rank: 3 }, s4: { grade: '良好', rank: 4 }, s6: { grade: '良好' }, s7: { grade: '称职', rank: 7 } },
  },
  {
    name: 'base 79.99 < 80 cannot be 优秀: the place passes on, it takes 良好 and ranks after the 优秀',
    source: '001 §19 得分低于80分…不得确定为优秀',
    rule: 'first-secretary',
    rows: [fs('s1', 100, 79.99, 1), fs('s2', 99, 90, 1), fs('s3', 98, 90, 1), fs('s4', 97, 90, 1)],
    expect: { s1: { grade: '良好', rank: 2, codes: ['block_excellent'] }, s2: { grade: '优秀', rank: 1 } },
  },
  {
    name: 'a downgraded village blocks 优秀 the same way',
    source: '001 §19 所任职党组织年度考评定级降位的',
    rule: 'first-secretary',
    rows: [fs('s1', 100, 90, 1, { downgraded: '是' }), fs('s2', 99, 90, 1), fs('s3', 98, 90, 1), fs('s4', 97, 90, 1)],
    expect: { s1: { grade: '良好', codes: ['block_excellent'] }, s2: { grade: '优秀' } },
  },
  {
    name: 'dismissed (直接确定为不称职): 不称职, no place, still counted in n, ranked last',
    source: '001 §19 出现下列情形之一的直接确定为不称职',
    rule: 'first-secretary',
    rows: [fs('s1', 100, 90, 1, { dismissed: true }), fs('s2', 99, 90, 1), fs('s3', 98, 90, 1), fs('s4', 97, 90, 1)],
    expect: { s1: { grade: '不称职', rank: 4, codes: ['dismissed'] }, s2: { grade: '优秀', rank: 1 }, s3: { grade: '良好' } },
  },
  {
    name: 'satisfactionLevels: 75% < 80% → 基本称职, 65% < 70% → 不称职, straight, no place',
    source: '001 §19 群众满意度测评为基本称职或不称职等次的直接确定',
    rule: 'first-secretary',
    params: { satisfactionLevels: [{ below: 0.7, grade: '不称职' }, { below: 0.8, grade: '基本称职' }] },
    rows: [fs('a', 100, 90, 0.75), fs('b', 100, 90, 0.65), fs('c', 90, 90, 0.9), fs('d', 80, 90, 0.9)],
    expect: {
      a: { total: 75, grade: '基本称职', rank: 3, codes: ['satisfaction_level'] },
      b: { total: 65, grade: '不称职', rank: 4, codes: ['satisfaction_level'] },
      c: { total: 81, grade: '优秀', rank: 1 },
      d: { total: 72, grade: '良好', rank: 2 },
    },
  },
  {
    name: 'a satisfaction exactly at the cut-off (80%) is not below it: placed as usual',
    source: 'DESIGN satisfactionLevels: strictly below',
    rule: 'first-secretary',
    params: { shares: { excellent: 1 }, satisfactionLevels: [{ below: 0.8, grade: '基本称职' }] },
    rows: [fs('a', 100, 90, '4/5')],
    expect: { a: { total: 80, grade: '优秀' } },
  },
  {
    name: 'a direct 优秀 takes one of the places: 4 rows → 1 place, the best scored row gets none',
    source: 'DESIGN 直接定级 counts in the quotas',
    rule: 'first-secretary',
    rows: [{ id: 'd', category: '行政村', direct: '优秀' }, fs('s1', 100, 90, 1), fs('s2', 90, 90, 1), fs('s3', 80, 90, 1)],
    expect: { d: { total: null, grade: '优秀', rank: 1, codes: ['direct'] }, s1: { grade: '良好', codes: ['quota_excellent'] }, s2: { grade: '称职' } },
  },
  {
    name: 'a dismissal wins over a direct 优秀',
    source: 'DESIGN 直接定级: dismissals still win',
    rule: 'first-secretary',
    params: { shares: { excellent: 1 } },
    rows: [fs('d', 100, 90, 1, { direct: '优秀', dismissed: true })],
    expect: { d: { grade: '不称职', codes: ['dismissed'] } },
  },
  {
    name: 'quotas by grade name say the same as shares: 优秀 at most 50% of 4 = 2',
    source: 'DESIGN quotas per outcome (grade names)',
    rule: 'first-secretary',
    params: { quotas: { 优秀: { max: 0.5 } } },
    rows: [fs('s1', 100, 90, 1), fs('s2', 99, 90, 1), fs('s3', 98, 90, 1), fs('s4', 97, 90, 1)],
    expect: { s1: { grade: '优秀' }, s2: { grade: '优秀' }, s3: { grade: '良好' }, s4: { grade: '称职' } },
  },

  // ── star-rating: total = (base + min(bonus, 20) − deductions) × 0.7 + review × 0.3 ──
  {
    name: 'bonus 25 counts as 20: (85 + 20) × 0.7 + 90 × 0.3 = 100.50 ★5',
    source: '003 累计加分一般不超过20分',
    rule: 'star-rating',
    params: ALL_FIVE,
    rows: [sr('a', 85, 25, 0, 90)],
    expect: { a: { total: 100.5, stars: 5, codes: ['bonus_cap'] } },
  },
  {
    name: 'a vetoed 98 is 不定星级 (0 stars) and ranks last',
    source: 'issue 15 (a vetoed 98 got ★5)',
    rule: 'star-rating',
    params: ALL_FIVE,
    rows: [flat('v', 98), flat('x', 61)].map((r, i) => (i === 0 ? { ...r, veto: '是' } : r)),
    expect: { v: { total: 98, stars: 0, rank: 2, codes: ['veto'] }, x: { total: 61, stars: 2, rank: 1 } },
  },
  {
    name: '002 bands with 50分以下不定星级: 50.00 is ★1, 49.99 is 0',
    source: '002 50—59分為一星級,50分以下不定星級',
    rule: 'star-rating',
    params: { bands: [{ min: 90, stars: 5 }, { min: 80, stars: 4 }, { min: 70, stars: 3 }, { min: 60, stars: 2 }, { min: 50, stars: 1 }], lowest: 0 },
    rows: [flat('a', 50), flat('b', 49.99)],
    expect: { a: { total: 50, stars: 1 }, b: { total: 49.99, stars: 0, codes: ['cap_base'] } },
  },
  {
    name: 'noStarBelow 50 on the default bands: 45 → 0 stars, reason no_star_below',
    source: 'DESIGN params.noStarBelow',
    rule: 'star-rating',
    params: { noStarBelow: 50 },
    rows: [flat('a', 45)],
    expect: { a: { total: 45, stars: 0, codes: ['cap_base', 'no_star_below'] } },
  },
  {
    name: '满意率 59% < 60%: 90 − 5 = 85.00 ★4',
    source: '002 滿意率較低的…60%以下扣5分',
    rule: 'star-rating',
    params: { ...ALL_FIVE, satisfactionRules: [{ below: 60, deduct: 5 }, { below: 50, noStar: true }] },
    rows: [{ ...flat('a', 90), satisfaction: 0.59 }],
    expect: { a: { total: 85, stars: 4, codes: ['satisfaction_deduct'] } },
  },
  {
    name: '满意率 49% < 50%: 5 off and 不定星级',
    source: '002 50%以下不定星級',
    rule: 'star-rating',
    params: { ...ALL_FIVE, satisfactionRules: [{ below: 60, deduct: 5 }, { below: 50, noStar: true }] },
    rows: [{ ...flat('a', 95), satisfaction: '49/100' }],
    expect: { a: { total: 90, stars: 0, codes: ['satisfaction_deduct', 'satisfaction_no_star'] } },
  },
  {
    name: '满意率 exactly 60% is not below 60%: nothing taken off',
    source: 'DESIGN satisfactionRules: strictly below',
    rule: 'star-rating',
    params: { ...ALL_FIVE, satisfactionRules: [{ below: 60, deduct: 5 }] },
    rows: [{ ...flat('a', 90), satisfaction: '3/5' }],
    expect: { a: { total: 90, stars: 5, codes: [] } },
  },
  {
    name: '002 quotas on 10 branches: ★5 ≤ 10% (1), ★4 ≤ 30% (3), ★1 and below ≥ 10% (met)',
    source: '002 五星級…不超過10%…一星級以下…不低于10%; 四星 30%',
    rule: 'star-rating',
    params: { quotas: { '5': { max: 0.1 }, '4': { max: 0.3 }, '1': { min: 0.1 } } },
    rows: [100, 97, 94, 91, 88, 85, 82, 75, 65, 55].map((t, i) => flat(`b${i + 1}`, t)),
    expect: {
      b1: { stars: 5, rank: 1 },
      b2: { stars: 4, codes: ['quota_five_star'] },
      b4: { stars: 4, codes: ['quota_five_star'] },
      b5: { stars: 3, codes: ['quota_4_star'] },
      b7: { stars: 3, rank: 7 },
      b8: { stars: 3 },
      b9: { stars: 2 },
      b10: { stars: 1, codes: ['cap_base'] },
    },
  },
  {
    name: 'a floor not met moves the lowest total down: ★1 and below ≥ 20% of 10 = 2 takes the 65 down',
    source: 'DESIGN quotas: min on the bottom outcome',
    rule: 'star-rating',
    params: { quotas: { '1': { min: 0.2 } } },
    rows: [100, 97, 94, 91, 88, 85, 82, 75, 65, 55].map((t, i) => flat(`b${i + 1}`, t)),
    expect: { b8: { stars: 3 }, b9: { total: 65, stars: 1, codes: ['cap_base', 'quota_min'] }, b10: { stars: 1 } },
  },
  {
    name: 'fiveStarShare 0.1 is shorthand for quotas."5".max',
    source: 'DESIGN fiveStarShare stays as shorthand',
    rule: 'star-rating',
    params: { fiveStarShare: 0.1 },
    rows: [100, 97, 94, 91, 88, 85, 82, 75, 65, 55].map((t, i) => flat(`b${i + 1}`, t)),
    expect: { b1: { stars: 5 }, b2: { stars: 4, codes: ['quota_five_star'] }, b5: { stars: 4, codes: [] } },
  },
  {
    name: 'a direct ★5 takes a place: 4 rows at 50% → 2 places, one left for the scored 100',
    source: 'DESIGN 直接定级 counts in the quotas',
    rule: 'star-rating',
    params: { fiveStarShare: 0.5 },
    rows: [{ id: 'd', direct: 5 }, flat('a', 100), flat('b', 95), flat('c', 92)],
    expect: { d: { total: null, stars: 5, codes: ['direct'] }, a: { stars: 5 }, b: { stars: 4, codes: ['quota_five_star'] }, c: { stars: 4 } },
  },
  {
    name: 'a veto wins over a direct ★5',
    source: 'DESIGN 直接定级: vetoes still win',
    rule: 'star-rating',
    rows: [{ ...flat('d', 95), direct: '5', veto: true }],
    expect: { d: { stars: 0, codes: ['veto', 'direct'] } },
  },
  {
    name: 'a deduction of 5 where 003 says 一次不少于20分: (100 + 20 − 5) × 0.7 + 30 = 110.50, ★4 cap, with a warning',
    source: '003 给予一次不少于20分的减分',
    rule: 'star-rating',
    params: ALL_FIVE,
    rows: [sr('a', 100, 20, 5, 100)],
    expect: { a: { total: 110.5, stars: 4, codes: ['cap_deductions'] } },
    warnings: ['第1行（编号 a）减分项扣5分，少于“一次不少于20分”的减分'],
  },
  {
    name: '评议项 at 40% (over 原则上不高于30%): 90 × 0.6 + 80 × 0.4 = 86 with a warning',
    source: '003 评议项得分，原则上按照不高于30%的比例计入总分',
    rule: 'star-rating',
    params: { weights: { score: 0.6, review: 0.4 } },
    rows: [sr('a', 90, 0, 0, 80)],
    expect: { a: { total: 86, stars: 4 } },
    warnings: ['评议项权重为40%，超过“原则上按照不高于30%的比例计入总分”'],
  },
  {
    name: 'lowest 0: a total under every band is 不定星级 without any veto',
    source: 'DESIGN params.lowest may be 0',
    rule: 'star-rating',
    params: { lowest: 0 },
    rows: [flat('a', 59.99)],
    expect: { a: { total: 59.99, stars: 0, codes: ['cap_base'] } },
  },
  {
    name: 'base 79.99 caps (79.99 + 20) × 0.7 + 30 = 99.993 → 99.99 at ★4',
    source: '003 基础项得分低于80分…原则上不得评定为五星级',
    rule: 'star-rating',
    params: ALL_FIVE,
    rows: [sr('a', 79.99, 20, 0, 100)],
    expect: { a: { total: 99.99, stars: 4, codes: ['cap_base'] } },
  },
];
