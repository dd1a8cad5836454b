import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

const codes = (row: { reasons: string[] }) => row.reasons.map((r) => r.split(':')[0]);
const pick = (rows: Array<Record<string, unknown>>, ...keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

/** POST /api/scoring/run over real HTTP: each preset, its reasons and ties, and the refusals. */
describe('POST /api/scoring/run', () => {
  let target: Target;
  let admin: Client;
  let scorer: Client;
  let supervisor: Client;
  const run = (body: unknown) => scorer.post('/api/scoring/run', body);

  beforeAll(async () => {
    target = await startNodeTarget();
    admin = client(target.url, target.adminKey);
    scorer = client(target.url, (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key);
    supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
  });
  afterAll(() => target?.stop());

  describe('upgrade-composite (晋位升级 三评 2:3:5)', () => {
    it('grades by total, a veto forces 较差 with its reason, equal totals share a rank', async () => {
      const res = await run({
        rule: 'upgrade-composite',
        rows: [
          { id: 'U1', self: 90, superior: 95, satisfaction: 0.95 },
          { id: 'U2', self: 80, superior: 85, satisfaction: '0.8' },
          { id: 'U3', self: 100, superior: 100, satisfaction: 1, veto: '是' },
          { id: 'U4', self: 80, superior: 85, satisfaction: 0.8 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.rule).toBe('upgrade-composite');
      expect(res.body.params.weights).toEqual({ self: 2, mass: 3, superior: 5 });
      expect(pick(res.body.rows, 'id', 'total', 'grade', 'rank')).toEqual([
        // DESIGN's rank rule: the vetoed U3 ranks among the 较差, never 1st.
        ['U1', 94, '好', 1],
        ['U2', 82.5, '较好', 2],
        ['U3', 100, '较差', 4],
        ['U4', 82.5, '较好', 2],
      ]);
      expect(res.body.rows[2].reasons).toEqual(['veto: 存在“一票否决”情形，直接定为“较差”']);
      expect(res.body.rows[0].reasons).toEqual([]);
    });

    it('params override weights and bands, and the answer echoes the params used', async () => {
      const res = await run({
        rule: 'upgrade-composite',
        params: { weights: { self: 1, mass: 1, superior: 1 }, bands: [{ min: 95, grade: '优' }], lowest: '良' },
        rows: [
          { id: 1, self: 95, superior: 95, satisfaction: 0.95 },
          { id: 2, self: 94.99, superior: 95, satisfaction: 0.95 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.params).toEqual({
        weights: { self: 1, mass: 1, superior: 1 },
        bands: [{ min: 95, grade: '优' }],
        lowest: '良',
        quotas: {},
        quotaRounding: 'floor',
      });
      expect(pick(res.body.rows, 'total', 'grade', 'rank')).toEqual([
        [95, '优', 1],
        [95, '优', 1], // 94.9966… rounds to 95.00, and the rounded total is what decides
      ]);
    });
  });

  describe('first-secretary (第一书记 work × satisfaction, quotas per category)', () => {
    it('a row with base < 80 passes 优秀 to the next row and takes 良好 at its own rank', async () => {
      const rows = [100, 95, 90, 85].map((work, i) => ({ id: `s${i + 1}`, category: '行政村', work, base: i === 0 ? 70 : 90, satisfaction: 0.9 }));
      const res = await run({ rule: 'first-secretary', rows });
      expect(res.status).toBe(200);
      expect(pick(res.body.rows, 'id', 'total', 'grade', 'rank')).toEqual([
        // DESIGN's rank rule: outcome first, so the blocked s1 (良好) ranks after s2 (优秀).
        ['s1', 90, '良好', 2],
        ['s2', 85.5, '优秀', 1],
        ['s3', 81, '称职', 3],
        ['s4', 76.5, '称职', 4],
      ]);
      expect(res.body.rows[0].reasons).toEqual(['block_excellent: 基本工作目标和执行工作制度及工作纪律得分低于80分，不得评为优秀']);
      expect(codes(res.body.rows[2])).toEqual(['quota_excellent', 'quota_good']);
    });

    it('two rows tied across the quota edge both fall below it, and ranks restart in each category', async () => {
      const res = await run({
        rule: 'first-secretary',
        rows: [
          { id: 'v1', category: '行政村', work: 90, base: 90, satisfaction: 1 },
          ...[95, 95, 80, 70].map((work, i) => ({ id: `c${i + 1}`, category: '社区', work, base: 90, satisfaction: 1 })),
        ],
      });
      expect(res.status).toBe(200);
      expect(pick(res.body.rows, 'id', 'grade', 'rank')).toEqual([
        ['v1', '称职', 1],
        ['c1', '称职', 1],
        ['c2', '称职', 1],
        ['c3', '称职', 3],
        ['c4', '称职', 4],
      ]);
      expect(res.body.rows[1].reasons[0]).toContain('2名同分并列于名额边界');
    });
  });

  describe('star-rating (评星定级)', () => {
    it('caps the bonus at 20, caps at ★4 for base < 80 or deductions, and keeps ★5 within 30%', async () => {
      const res = await run({
        rule: 'star-rating',
        rows: [
          { id: 'r1', base: 85, bonus: 25, deductions: 0, review: 90 },
          { id: 'r2', base: 90, bonus: 10, deductions: 0, review: 90 },
          { id: 'r3', base: 75, bonus: 20, deductions: 0, review: 100 },
          { id: 'r4', base: 60, bonus: 0, deductions: 5, review: 60 },
        ],
      });
      expect(res.status).toBe(200);
      expect(pick(res.body.rows, 'id', 'total', 'stars', 'rank')).toEqual([
        ['r1', 100.5, 5, 1],
        ['r2', 97, 4, 2],
        ['r3', 96.5, 4, 3],
        ['r4', 56.5, 1, 4],
      ]);
      expect(codes(res.body.rows[0])).toEqual(['bonus_cap']);
      expect(codes(res.body.rows[1])).toEqual(['quota_five_star']);
      expect(codes(res.body.rows[2])).toEqual(['cap_base']);
      expect(codes(res.body.rows[3])).toEqual(['cap_base', 'cap_deductions']);
    });

    it('two ★5 rows tied at the quota edge both drop to ★4 and share rank 1', async () => {
      const same = { base: 90, bonus: 10, deductions: 0, review: 90 };
      const res = await run({ rule: 'star-rating', rows: [{ id: 'a', ...same }, { id: 'b', ...same }, { id: 'c', base: 70, bonus: 0, deductions: 0, review: 70 }, { id: 'd', base: 60, bonus: 0, deductions: 0, review: 60 }] });
      expect(pick(res.body.rows, 'id', 'stars', 'rank')).toEqual([
        ['a', 4, 1],
        ['b', 4, 1],
        ['c', 3, 3],
        ['d', 2, 4],
      ]);
      expect(res.body.rows[0].reasons[0]).toMatch(/^quota_five_star: 五星名额为1名（4 × 30% 向下取整），尚余1名；2名同分并列/);
    });
  });

  describe('weighted (e.g. village self : township = 3 : 7)', () => {
    const params = { weights: { self: 3, township: 7 }, bands: [{ min: 90, grade: '好' }, { min: 80, grade: '较好' }, { min: 60, grade: '一般' }] };

    it('totals Σ w·field / Σ w over the named columns and grades by the bands, edges inclusive', async () => {
      const res = await run({
        rule: 'weighted',
        params,
        rows: [
          { id: 'v1', self: 100, township: 90 },
          { id: 'v2', self: 80, township: 80 },
          { id: 'v3', self: 50, township: 60 },
          { id: 'v4', self: 90, township: 70 },
          { id: 'v5', self: '80.00', township: 80 },
        ],
      });
      expect(res.status).toBe(200);
      expect(pick(res.body.rows, 'id', 'total', 'grade', 'rank')).toEqual([
        ['v1', 93, '好', 1],
        ['v2', 80, '较好', 2],
        ['v3', 57, '较差', 5],
        ['v4', 76, '一般', 4],
        ['v5', 80, '较好', 2],
      ]);
    });

    it('without weights and bands it is a 400 that shows what to send', async () => {
      const res = await run({ rule: 'weighted', rows: [{ id: 1, self: 80 }] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_params');
      expect(res.body.error.message).toContain('weighted 需要参数 weights 和 bands');
    });
  });

  describe('refusals', () => {
    const good = { id: 'A', self: 90, superior: 90, satisfaction: 0.9 };

    it('an unknown rule is a 400 that lists the rules there are', async () => {
      const res = await run({ rule: 'five-star', rows: [good] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'unknown_rule' });
      expect(res.body.error.message).toContain('未知的评分规则 "five-star"；可用规则：upgrade-composite、first-secretary、star-rating、weighted');
    });

    it('a non-numeric score is a 400 naming the row, the id and the column', async () => {
      const res = await run({ rule: 'upgrade-composite', rows: [good, { ...good, id: 'B', self: '九十' }] });
      expect(res.status).toBe(400);
      const message = '第2行（编号 B）self（基层党组织自评分）不是数字：“九十”';
      expect(res.body.error).toEqual({ code: 'invalid_rows', message, details: [{ row: 2, field: 'self', message }] });
    });

    it('an out-of-range score is a 400 with the range (a percentage typed as satisfaction)', async () => {
      const res = await run({ rule: 'upgrade-composite', rows: [{ ...good, satisfaction: 93 }] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('satisfaction（党员群众测评满意度）超出范围：93，应为 0–1');
    });

    it('a missing field is a 400 naming it', async () => {
      const { superior: _, ...noSuperior } = good;
      const res = await run({ rule: 'upgrade-composite', rows: [noSuperior] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('第1行（编号 A）缺少 superior（上级党组织考评分）');
    });

    it('an envelope without rows, or not JSON at all, is a 400 before any scoring', async () => {
      const noRows = await run({ rule: 'upgrade-composite' });
      expect(noRows.status).toBe(400);
      expect(noRows.body.error.code).toBe('invalid_input');
      expect(noRows.body.error.message).toContain('rows');
      const notJson = await scorer.post('/api/scoring/run', '{rule:', { 'content-type': 'application/json' });
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.code).toBe('invalid_json');
    });

    it('arbitrary bodies get an answer below 500 (never a crash for bad input)', async () => {
      const cell = fc.oneof(fc.jsonValue(), fc.constantFrom('', ' 90 ', '1e400', '是', '-0', '0x10', '∞', 'NaN'), fc.double());
      const row = fc.dictionary(fc.constantFrom('id', 'self', 'superior', 'satisfaction', 'veto', 'category', 'work', 'base', 'bonus', 'deductions', 'review', '__proto__'), cell);
      const body = fc.record(
        {
          rule: fc.oneof(fc.constantFrom('upgrade-composite', 'first-secretary', 'star-rating', 'weighted'), fc.jsonValue()),
          params: fc.oneof(fc.jsonValue(), fc.record({ weights: fc.dictionary(fc.string({ maxLength: 6 }), cell), bands: fc.array(fc.record({ min: cell, grade: cell, stars: cell })) }, { requiredKeys: [] })),
          rows: fc.oneof(fc.array(row, { maxLength: 8 }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const res = await run(b);
          expect(res.status, JSON.stringify(b)).toBeLessThan(500);
          if (res.status !== 200) expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/); // said in Chinese
        }),
        { numRuns: 300 },
      );
    });

    it('no key is a 401, a supervisor is a 403, an admin may score', async () => {
      const body = { rule: 'upgrade-composite', rows: [good] };
      expect((await client(target.url).post('/api/scoring/run', body)).status).toBe(401);
      const sup = await supervisor.post('/api/scoring/run', body);
      expect(sup.status).toBe(403);
      expect(sup.body.error.code).toBe('forbidden');
      expect((await admin.post('/api/scoring/run', body)).status).toBe(200);
    });
  });
});
