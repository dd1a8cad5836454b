import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetColumns } from '../../src/services/scoring-columns';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';
import { download, fillTemplate, openInLibreOffice, readWorkbook, sheetGrid, upload } from './scoring-kit';

const codes = (row: { reasons: string[] }) => row.reasons.map((r) => r.split(':')[0]);
const pick = (rows: Array<Record<string, unknown>>, ...keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

/** Issue 15's list, one API case per bullet, each with the numbers worked by hand. */
describe('POST /api/scoring/run: scoring as the regulations write it', () => {
  let target: Target;
  let scorer: Client;
  let scorerKey: string;
  const run = (body: unknown) => scorer.post('/api/scoring/run', body);

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
    scorer = client(target.url, scorerKey);
  });
  afterAll(() => target?.stop());

  it('28/30 as "a/b" or {num, den}: (200 + 280 + 419.95)/10 = 89.995 → 90.00 好', async () => {
    const res = await run({
      rule: 'upgrade-composite',
      rows: [
        { id: 'a', self: 100, superior: 83.99, satisfaction: '28/30' },
        { id: 'b', self: 100, superior: 83.99, satisfaction: { num: 28, den: 30 } },
      ],
    });
    expect(res.status).toBe(200);
    expect(pick(res.body.rows, 'id', 'total', 'grade')).toEqual([
      ['a', 90, '好'],
      ['b', 90, '好'],
    ]);
  });

  it('work 135 is accepted (001 §16 bonus items pass 100): 135 × 0.9 = 121.50', async () => {
    const res = await run({ rule: 'first-secretary', params: { shares: { excellent: 1 } }, rows: [{ id: 's', category: '村', work: 135, base: 90, satisfaction: 0.9 }] });
    expect(res.status).toBe(200);
    expect(pick(res.body.rows, 'total', 'grade')).toEqual([[121.5, '优秀']]);
  });

  it('stars below ★1: a vetoed 98 gets 0 (ranked below the ★4), noStarBelow 50, 满意率 59% −5 and 49% 不定星级', async () => {
    const res = await run({
      rule: 'star-rating',
      params: { fiveStarShare: 0.5, noStarBelow: 50, satisfactionRules: [{ below: 60, deduct: 5 }, { below: 50, noStar: true }] },
      rows: [
        { id: 'veto', base: 98, bonus: 0, deductions: 0, review: 98, veto: '是' }, // 98, 不定星级
        { id: 'low', base: 45, bonus: 0, deductions: 0, review: 45 }, // 45 < 50
        { id: 's59', base: 90, bonus: 0, deductions: 0, review: 90, satisfaction: 0.59 }, // 90 − 5 = 85 ★4
        { id: 's49', base: 95, bonus: 0, deductions: 0, review: 95, satisfaction: '49/100' }, // 95 − 5 = 90, 不定星级
      ],
    });
    expect(res.status).toBe(200);
    expect(pick(res.body.rows, 'id', 'total', 'stars', 'rank')).toEqual([
      ['veto', 98, 0, 2], // ranked among the 不定星级, not above the ★4
      ['low', 45, 0, 4],
      ['s59', 85, 4, 1],
      ['s49', 90, 0, 3],
    ]);
    expect(codes(res.body.rows[0])).toEqual(['veto']);
    expect(codes(res.body.rows[3])).toEqual(['satisfaction_deduct', 'satisfaction_no_star']);
  });

  it('quotas per outcome (002): ★5 ≤ 10%, ★4 ≤ 30%, ★1-and-below ≥ 20% on 10 branches', async () => {
    const rows = [100, 97, 94, 91, 88, 85, 82, 75, 65, 55].map((t, i) => ({ id: `b${i + 1}`, base: t, bonus: 0, deductions: 0, review: t }));
    const res = await run({ rule: 'star-rating', params: { quotas: { '5': { max: 0.1 }, '4': { max: 0.3 }, '1': { min: 0.2 } } }, rows });
    expect(res.status).toBe(200);
    // banded 5 5 5 5 4 4 4 3 2 1 → ★5 keeps 1; ★4 keeps the 3 best of 97 94 91 88 85 82; the 65 goes down to ★1.
    expect(res.body.rows.map((r: any) => r.stars)).toEqual([5, 4, 4, 4, 3, 3, 3, 3, 1, 1]);
    expect(res.body.params.quotas).toEqual({ '5': { max: 0.1 }, '4': { max: 0.3 }, '1': { min: 0.2 } });
  });

  it('基本称职 by satisfaction (001 §19) takes no place; the 优秀 place passes to the next row', async () => {
    const res = await run({
      rule: 'first-secretary',
      params: { satisfactionLevels: [{ below: 0.7, grade: '不称职' }, { below: 0.8, grade: '基本称职' }] },
      rows: [100, 95, 90, 85].map((work, i) => ({ id: `s${i + 1}`, category: '行政村', work, base: 90, satisfaction: i === 0 ? '3/4' : '9/10' })),
    });
    expect(res.status).toBe(200);
    // s1: 100 × 3/4 = 75, 75% < 80% → 基本称职; floor(4 × 30%) = 1 优秀 → s2 (85.5), 1 良好 → s3 (81).
    expect(pick(res.body.rows, 'id', 'total', 'grade', 'rank')).toEqual([
      ['s1', 75, '基本称职', 4],
      ['s2', 85.5, '优秀', 1],
      ['s3', 81, '良好', 2],
      ['s4', 76.5, '称职', 3],
    ]);
  });

  it('a deduction under 一次不少于20分 and 评议项 over 30% are accepted with warnings', async () => {
    const res = await run({ rule: 'star-rating', params: { weights: { score: 0.6, review: 0.4 } }, rows: [{ id: 'a', base: 90, bonus: 0, deductions: 5, review: 80 }] });
    expect(res.status).toBe(200);
    expect(res.body.rows[0].total).toBe(83); // (90 − 5) × 0.6 + 80 × 0.4 = 51 + 32
    expect(res.body.warnings).toEqual([
      '评议项权重为40%，超过“原则上按照不高于30%的比例计入总分”（已按所填权重计算）',
      '第1行（编号 a）减分项扣5分，少于“一次不少于20分”的减分（已按所填扣分计算）',
    ]);
  });

  it('direct rating: an honour sets ★5 without scores and takes a place; a veto still wins', async () => {
    const res = await run({
      rule: 'star-rating',
      params: { fiveStarShare: 0.5 },
      rows: [
        { id: 'honour', direct: 5 },
        { id: 'a', base: 100, bonus: 0, deductions: 0, review: 100 },
        { id: 'b', base: 95, bonus: 0, deductions: 0, review: 95 },
        { id: 'vetoed', base: 92, bonus: 0, deductions: 0, review: 92, direct: 5, veto: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(pick(res.body.rows, 'id', 'total', 'stars')).toEqual([
      ['honour', null, 5],
      ['a', 100, 5],
      ['b', 95, 4],
      ['vetoed', 92, 0],
    ]);
  });

  it('every bad cell at once: 400 invalid_rows with details [{row, field, message}]', async () => {
    const res = await run({
      rule: 'first-secretary',
      rows: [
        { id: 's1', category: '村', work: '一百', base: 90, satisfaction: '28/30' },
        { id: 's2', category: '', work: 90, base: 1001, satisfaction: '31/30' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_rows');
    expect(res.body.error.details.map((d: any) => [d.row, d.field])).toEqual([
      [1, 'work'],
      [2, 'category'],
      [2, 'base'],
      [2, 'satisfaction'],
    ]);
    expect(res.body.error.message).toContain('共4处问题');
  });

  it('the 001 §16 sheet through the API: the answer shows every item\'s points', async () => {
    const res = await run({
      rule: 'first-secretary',
      params: { sheet: 'first-secretary-001', shares: { excellent: 1 } },
      rows: [{ id: 'S', category: '村', satisfaction: 1, 'research.diary': 4, 'talks.talked': 5, 'talks.received': 3, 'deeds.funds': 2, 'rules.missedDays': 12 }],
    });
    expect(res.status).toBe(200);
    const r = res.body.rows[0];
    // base 60 + 40, 民主活动日 12 × −1 bounded at −10, 资金 2 × 5 = 10 → base 90, work 100
    expect([r.base, r.work, r.total, r.items['rules.missedDays'], r.items['deeds.funds']]).toEqual([90, 100, 100, -10, 10]);
  });

  it('round trip: the 001 template → filled .xlsx → ranked .xlsx, opened by LibreOffice, printed A4 landscape', async () => {
    const params = { sheet: 'first-secretary-001', shares: { excellent: 0.5, good: 0.5 } };
    const tpl = await download(target.url, scorerKey, `/api/scoring/templates/first-secretary.xlsx?params=${encodeURIComponent(JSON.stringify(params))}`);
    expect(tpl.status).toBe(200);
    const [header] = sheetGrid(readWorkbook(tpl.bytes)) as string[][];
    const fields = sheetColumns('first-secretary', params);
    expect(header).toEqual(fields.map((f) => f.label)); // Chinese labels only, one column per item
    const line = (cells: Record<string, unknown>) => fields.map((f) => cells[f.name] ?? null);
    const filled = fillTemplate(tpl.bytes, [
      // 171 × 53/57 = 159.00 (the case worked in test/domain/scoring-sheet.test.ts)
      line({
        id: 'S1', category: '行政村', satisfaction: '53/57', 'team.conflict': 2, 'team.trips': 2, 'plan.noYearPlan': '是', 'rules.violations': 1,
        'rules.missedDays': 3, 'rules.annualReview': '是', 'venue.equipment': '是', 'venue.invest': 2.6, 'service.agency': '是', 'research.diary': 3,
        'meetings.missed': 2, 'attend.missed': 1, 'talks.talked': 5, 'talks.received': 2, 'pairing.school': '是', 'pairing.jobs': 1,
        'pairing.relief': 2, 'deeds.funds': 3.5, 'deeds.policyFunds': 5, 'deeds.bases': 1, 'upgrade.up': 1,
      }),
      // every base item kept, nothing else: work 100, × 0.95 = 95.00
      line({ id: 'S2', category: '行政村', satisfaction: 0.95, 'research.diary': 4, 'talks.talked': 5, 'talks.received': 3 }),
    ]);
    const res = await upload(target.url, scorerKey, { bytes: filled, name: '第一书记.xlsx', fields: { rule: 'first-secretary', params: JSON.stringify(params) }, query: '?format=xlsx' });
    expect(res.status).toBe(200);
    expect(readWorkbook(res.bytes).SheetNames).toEqual(['评分结果', '各项得分', '说明']);

    const { rows, pageSize } = openInLibreOffice(res.bytes, 'ranked.xlsx');
    const [h, ...body] = rows;
    const at = (name: string) => h.indexOf(name);
    expect(h.filter((x) => /[a-z]{2,}/.test(x))).toEqual([]); // no English field names (A、B、C级 is the regulation's own wording)
    expect(body.map((r) => [r[at('排名')], r[at('编号')], r[at('满意度（%）')], r[at('工作目标考评得分（细则合计）')], r[at('总分')], r[at('等次')]])).toEqual([
      ['1', 'S1', '92.98', '171', '159', '优秀'],
      ['2', 'S2', '95', '100', '95', '良好'],
    ]);
    expect(body[0][at('群众满意度')]).toBe('53/57'); // the exact cell, so the file uploads again unchanged
    const [w, hgt] = pageSize.split(/\s*x\s*|\s+pts/).map(Number);
    expect(pageSize).toContain('A4');
    expect(w).toBeGreaterThan(hgt); // landscape
  }, 180_000);
});
