import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';
import { closedMeeting, download, fillTemplate, readWorkbook, sheetGrid, upload, type Grid } from './scoring-kit';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Chinese labels only (issue 15: a printed sheet carries no English field names); uploads map back by label.
const UPGRADE_HEADER = ['编号', '测评对象名称', '所在单位', '测评会编号', '基层党组织自评分', '上级党组织考评分', '党员群众测评满意度', '一票否决', '直接定级'];

/** Columns of a result grid by header name, rows as objects. */
function table(grid: Grid) {
  const [header, ...rows] = grid as unknown[][];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Templates out, filled sheets in, ranked .xlsx/.csv back; satisfaction filled from real closed meetings. */
describe('scoring spreadsheets: templates, uploads, exports', () => {
  let target: Target;
  let scorerKey: string;
  let supervisor: Client;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
    supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
  });
  afterAll(() => target?.stop());

  const get = (path: string) => download(target.url, scorerKey, path);
  const send = (u: Parameters<typeof upload>[2]) => upload(target.url, scorerKey, u);

  it('the .xlsx template has a header of Chinese labels, an example row and a 填写说明 sheet', async () => {
    const res = await get('/api/scoring/templates/upgrade-composite.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('评分模板-晋位升级综合评定（三评）.xlsx'));
    const wb = readWorkbook(res.bytes);
    expect(wb.SheetNames).toEqual(['评分数据', '填写说明']);
    const [header, example] = sheetGrid(wb);
    expect(header).toEqual(UPGRADE_HEADER);
    expect(example).toEqual(['示例01', '示例村党支部', '示例村', null, 88, 92, 0.9333, '否']);
    const grid = sheetGrid(wb, '填写说明');
    const notes = grid.map((r) => r.join(' '));
    expect(notes[0]).toBe('评分规则 晋位升级综合评定（三评）（upgrade-composite）');
    expect(notes.some((l) => l.includes('自评分 × 2 + 群众测评分 × 3 + 上级考评分 × 5'))).toBe(true);
    // Satisfaction is one thing, said the same way in both places: required, unless filled from meetings.
    expect(grid).toContainEqual([
      '党员群众测评满意度',
      null,
      '必填；勾选“自动填入满意度”时可留空',
      '0–1，或如 28/30',
      '满意度系数：填小数（如 0.9333）或票数之比（如 28/30）；测评分 = 满意度 × 100',
    ]);
    expect(notes.some((l) => l.includes('勾选“自动填入满意度”时可留空：按测评对象名称'))).toBe(true);
    expect(grid).toContainEqual(['参数', '权重', '基层党组织自评分 2，群众测评分 3，上级党组织考评分 5']);
    expect(grid).toContainEqual(['参数', '等次分数线', '90分及以上 好；80分及以上 较好；60分及以上 一般']);
  });

  it('the .csv template is UTF-8 with a BOM; weighted takes its columns from ?params, else the 3 : 7 example', async () => {
    const csv = await get('/api/scoring/templates/star-rating.csv');
    expect(csv.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
    expect(text.split('\r\n')[0]).toBe('\uFEFF编号,测评对象名称,所在单位,测评会编号,基础项得分,加分项得分,减分项扣分,评议项得分,民主评议满意率,一票否决,直接定级');
    const example = new TextDecoder().decode((await get('/api/scoring/templates/weighted.csv')).bytes);
    expect(example.split('\r\n')[0]).toBe('编号,self,township,直接定级');
    const params = encodeURIComponent(JSON.stringify({ weights: { work: 6, satisfaction: 4 }, bands: [{ min: 60, grade: '合格' }] }));
    const own = new TextDecoder().decode((await get(`/api/scoring/templates/weighted.csv?params=${params}`)).bytes);
    expect(own.split('\r\n')[0]).toBe('编号,测评对象名称,所在单位,测评会编号,work,satisfaction,直接定级');
    expect((await get('/api/scoring/templates/five-star.xlsx')).status).toBe(404);
  });

  it('a filled-in .xlsx template comes back as the ranked .xlsx: example row skipped, ties share a rank, veto explained', async () => {
    const template = (await get('/api/scoring/templates/upgrade-composite.xlsx')).bytes;
    const filled = fillTemplate(template, [
      ['B1', '东坡村党支部', '东坡村', null, 90, 95, 0.95, '否'],
      ['B2', '南湖村党支部', '南湖村', null, 80, 85, 0.8, null],
      ['B3', '北山村党支部', '北山村', null, 100, 100, 1, '是'],
      ['B4', '西岭村党支部', '西岭村', null, 80, 85, 0.8, null],
    ]);
    const res = await send({ bytes: filled, name: '三评.xlsx', fields: { rule: 'upgrade-composite' }, query: '?format=xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    const wb = readWorkbook(res.bytes);
    expect(wb.SheetNames).toEqual(['评分结果', '说明']);
    const rows = table(sheetGrid(wb));
    // DESIGN's rank rule: the vetoed B3 ranks among the 较差, last, not 1st.
    expect(rows.map((r) => [r['排名'], r['编号'], r['群众测评得分'], r['总分'], r['等次']])).toEqual([
      [1, 'B1', 95, 94, '好'],
      [2, 'B2', 80, 82.5, '较好'],
      [2, 'B4', 80, 82.5, '较好'],
      [4, 'B3', 100, 100, '较差'],
    ]);
    expect(rows[3]['说明']).toBe('存在“一票否决”情形，直接定为“较差”');
    expect(rows[0]['一票否决']).toBe('否');
    expect(rows[0]['满意度（%）']).toBe(95);
    expect(sheetGrid(wb, '说明')).toContainEqual(['结果是否完整', '完整']);
  });

  it('a CSV upload (with or without BOM, headers retyped as labels or in full-width brackets) scores the same', async () => {
    const body = ['r1,85,25,0,90', 'r2,90,10,0,90', 'r3,75,20,0,100', 'r4,60,0,5,60'].join('\r\n');
    const bom = await send({ bytes: `\uFEFF编号 (id),基础项得分 (base),加分项得分 (bonus),减分项扣分 (deductions),评议项得分 (review)\r\n${body}\r\n`, name: 'stars.csv', fields: { rule: 'star-rating' } });
    expect(bom.status).toBe(200);
    expect(bom.body.rows.map((r: any) => [r.id, r.total, r.stars, r.rank])).toEqual([
      ['r1', 100.5, 5, 1],
      ['r2', 97, 4, 2],
      ['r3', 96.5, 4, 3],
      ['r4', 56.5, 1, 4],
    ]);
    expect(bom.body.rows[0].reasons).toEqual(['bonus_cap: 加分项25分超过上限20分，按20分计']);
    expect(bom.body.lines).toEqual([2, 3, 4, 5]);
    const retyped = await send({ bytes: `编号,基础项得分（base）,bonus,减分项扣分,评议项得分,备注\n${body.replaceAll('\r\n', ',\n')},\n`, name: 'stars.csv', fields: { rule: 'star-rating' } });
    expect(retyped.status).toBe(200);
    expect(retyped.body.rows.map((r: any) => r.stars)).toEqual([5, 4, 4, 1]);
    expect(retyped.body.ignoredColumns).toEqual(['备注']);

    const csv = await send({ bytes: `编号,基础项得分,加分项得分,减分项扣分,评议项得分\n${body}`, name: 'stars.csv', fields: { rule: 'star-rating' }, query: '?format=csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFF排名,编号,测评对象名称,所在单位,测评会编号,基础项得分,加分项得分,减分项扣分,评议项得分,民主评议满意率,一票否决,直接定级,满意度（%）,总分,星级,说明,满意度来源');
    expect(lines[1]).toBe('1,r1,,,,85,25,0,90,,否,,,100.5,5,加分项25分超过上限20分，按20分计,');
  });

  it('satisfaction is filled from real closed meetings: by subject or by organization, invalid results flagged, unmatched rows listed', async () => {
    const east = await closedMeeting(target.url, supervisor, {
      title: '2026年东风村民主测评',
      organization: '东风村',
      subjects: ['东风村党支部'],
      eligible: 6,
      votes: ['very_satisfied', 'satisfied', 'dissatisfied', 'very_satisfied', 'satisfied', 'dissatisfied'],
    });
    // 5 of 9: over the publication floor, under the 2/3 quorum.
    const west = await closedMeeting(target.url, supervisor, { title: '2026年西岭村民主测评', organization: '西岭村', subjects: ['西岭村党支部'], eligible: 9, votes: Array(5).fill('very_satisfied') });
    const template = (await get('/api/scoring/templates/upgrade-composite.xlsx')).bytes;
    const sheet = fillTemplate(template, [
      ['D1', '东风村党支部', null, null, 90, 90, null],
      ['D2', null, '西岭村', null, 80, 80, null],
      ['D3', '新农村党支部', null, null, 95, 95, null],
      ['D4', '东风村党支部', null, null, 70, 70, 0.5],
    ]);

    const res = await send({ bytes: sheet, name: 'fill.xlsx', fields: { rule: 'upgrade-composite', fill: '1' } });
    expect(res.status).toBe(200);
    expect(res.body.filled).toEqual([
      { line: 3, id: 'D1', meetingId: east, meeting: '2026年东风村民主测评', subject: '东风村党支部', organization: '东风村', satisfaction: '4/6', satisfied: 4, cast: 6, valid: true },
      {
        line: 4,
        id: 'D2',
        meetingId: west,
        meeting: '2026年西岭村民主测评',
        subject: '西岭村党支部',
        organization: '西岭村',
        satisfaction: '5/5',
        satisfied: 5,
        cast: 5,
        valid: false,
        invalidReason: '参加投票人数未达应参加人数的2/3，结果无效',
      },
    ]);
    expect(res.body.unmatched).toEqual([{ line: 5, id: 'D3', subject: '新农村党支部', reason: '没有找到测评对象“新农村党支部”的已结束测评会', scored: false }]);
    expect(res.body.complete).toBe(false);
    // Filled as the ballot counts (exact fractions, DESIGN "exact satisfaction everywhere").
    expect(res.body.rows.map((r: any) => [r.id, r.satisfaction, r.total, r.grade, r.rank])).toEqual([
      ['D1', '4/6', 83, '较好', 2],
      ['D2', '5/5', 86, '较好', 1],
      ['D4', 0.5, 64, '一般', 3], // its own 0.5 is kept when only blanks are filled
    ]);

    const forced = await send({ bytes: sheet, name: 'fill.xlsx', fields: { rule: 'upgrade-composite', fill: 'force' }, query: '?format=xlsx' });
    expect(forced.status).toBe(200);
    const wb = readWorkbook(forced.bytes);
    const rows = table(sheetGrid(wb));
    const d4 = rows.find((r) => r['编号'] === 'D4')!;
    expect([d4['总分'], d4['满意度来源']]).toEqual([69, '2026年东风村民主测评 · 东风村党支部：4/6（结果有效）']);
    expect(rows.find((r) => r['编号'] === 'D2')!['满意度来源']).toBe(
      '2026年西岭村民主测评 · 西岭村党支部：5/5（不予采用为最高等次：参加投票人数未达应参加人数的2/3，结果无效）',
    );
    const about = sheetGrid(wb, '说明');
    expect(about).toContainEqual(['第5行', 'D3', '没有找到测评对象“新农村党支部”的已结束测评会', '否']);
    expect(about.find((r) => r[0] === '结果是否完整')![1]).toMatch(/^不完整/);
    // The row left out is still in the main table, with why.
    const d3 = rows.find((r) => r['编号'] === 'D3')!;
    expect([d3['排名'], d3['说明']]).toEqual(['未计算', '表格第5行未参与计算：没有找到测评对象“新农村党支部”的已结束测评会']);
  });

  it("a real meeting's 28/30 is filled as 28/30: self 100, superior 83.99 → 89.995 → 90.00 好 (a float gives 89.99 较好)", async () => {
    const votes = [...Array(28).fill('satisfied'), 'dissatisfied', 'basically_satisfied'] as const;
    await closedMeeting(target.url, supervisor, { title: '2026年南湖村民主测评', organization: '南湖村', subjects: ['南湖村党支部'], eligible: 30, votes: [...votes] });
    const template = (await get('/api/scoring/templates/upgrade-composite.xlsx')).bytes;
    const res = await send({ bytes: fillTemplate(template, [['N1', '南湖村党支部', null, null, 100, 83.99, null]]), name: 'n.xlsx', fields: { rule: 'upgrade-composite', fill: '1' } });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ id: 'N1', satisfaction: '28/30', total: 90, grade: '好' });
  });

  it('a top total on an invalid meeting is held below the top grade, or with invalid=refuse left unfilled', async () => {
    // eligible 9, 5 ballots: over the publication floor, under 2/3, so the result does not count.
    await closedMeeting(target.url, supervisor, { title: '2026年北坡村民主测评', organization: '北坡村', subjects: ['北坡村党支部'], eligible: 9, votes: Array(5).fill('very_satisfied') });
    // eligible 6, 1 ballot: withheld under the floor; there is nothing to fill, so the row is refused.
    await closedMeeting(target.url, supervisor, { title: '2026年东岗村民主测评', organization: '东岗村', subjects: ['东岗村党支部'], eligible: 6, votes: ['very_satisfied'] });
    const template = (await get('/api/scoring/templates/upgrade-composite.xlsx')).bytes;
    const sheet = fillTemplate(template, [
      ['B1', '北坡村党支部', null, null, 100, 100, null],
      ['B2', '北坡村党支部', null, null, 100, 100, 0.95],
      ['B3', '东岗村党支部', null, null, 100, 100, null],
    ]);
    const flagged = await send({ bytes: sheet, name: 'b.xlsx', fields: { rule: 'upgrade-composite', fill: '1' } });
    expect(flagged.status).toBe(200);
    expect(flagged.body.unmatched).toEqual([
      { line: 5, id: 'B3', subject: '东岗村党支部', reason: '测评会“2026年东岗村民主测评”只有 1 张选票，少于公布下限，不公布满意度', scored: false },
    ]);
    // 100 on all three would be 好; the satisfaction is from a meeting that does not count.
    expect(flagged.body.rows[0]).toMatchObject({ id: 'B1', total: 100, grade: '较好', satisfactionInvalid: true });
    expect(flagged.body.rows[0].reasons[0]).toMatch(/^satisfaction_invalid: /);
    expect(flagged.body.rows[1]).toMatchObject({ id: 'B2', total: 98.5, grade: '好' }); // its own figure, not filled

    const refused = await send({ bytes: sheet, name: 'b.xlsx', fields: { rule: 'upgrade-composite', fill: '1', invalid: 'refuse' } });
    expect(refused.status).toBe(200);
    expect(refused.body.rows.map((r: any) => r.id)).toEqual(['B2']);
    expect(refused.body.unmatched[0]).toEqual(
      { line: 3, id: 'B1', subject: '北坡村党支部', reason: '测评会“2026年北坡村民主测评”中“北坡村党支部”的满意度不能采用：参加投票人数未达应参加人数的2/3，结果无效', scored: false },
    );
  });

  it('a bad cell is a 400 that names the line Excel shows', async () => {
    const template = (await get('/api/scoring/templates/upgrade-composite.xlsx')).bytes;
    const sheet = fillTemplate(template, [
      ['E1', null, null, null, 90, 90, 0.9],
      ['E2', null, null, null, '九十', 90, 0.9],
    ]);
    const res = await send({ bytes: sheet, name: 'bad.xlsx', fields: { rule: 'upgrade-composite' } });
    expect(res.status).toBe(400);
    const message = '表格第4行（编号 E2）self（基层党组织自评分）不是数字：“九十”';
    expect(res.body.error).toEqual({ code: 'invalid_rows', message, details: [{ row: 4, field: 'self', message }] });
  });

  it('refuses a sheet it cannot use with a 400 that says what to do', async () => {
    const missing = await send({ bytes: '编号,自评分 (self)\nA,90\n', name: 'x.csv', fields: { rule: 'upgrade-composite' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('missing_columns');
    expect(missing.body.error.message).toContain('上级党组织考评分');
    expect(missing.body.error.message).toContain('党员群众测评满意度');

    const gbk = await send({ bytes: new Uint8Array([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0x41, 0x0a]), name: 'gbk.csv', fields: { rule: 'star-rating' } });
    expect(gbk.status).toBe(400);
    expect(gbk.body.error.code).toBe('csv_not_utf8');

    const noFile = await send({ bytes: '', name: 'empty.csv', fields: { rule: 'star-rating' } });
    expect([noFile.status, noFile.body.error.code]).toEqual([400, 'missing_file']);
    const unknownRule = await send({ bytes: 'id\nA\n', name: 'x.csv', fields: { rule: 'five-star' } });
    expect([unknownRule.status, unknownRule.body.error.code]).toEqual([400, 'unknown_rule']);
    const badParams = await send({ bytes: 'id\nA\n', name: 'x.csv', fields: { rule: 'star-rating', params: '{bonusCap:' } });
    expect([badParams.status, badParams.body.error.code]).toEqual([400, 'invalid_params']);

    const lines = (n: number) => `id,base,bonus,deductions,review\n${Array.from({ length: n }, (_, i) => `s${i},90,0,0,90`).join('\n')}\n`;
    expect((await send({ bytes: lines(5000), name: 'ok.csv', fields: { rule: 'star-rating' } })).status).toBe(200);
    for (const n of [5001, 9000]) {
      const tooMany = await send({ bytes: lines(n), name: 'big.csv', fields: { rule: 'star-rating' } });
      expect([tooMany.status, tooMany.body.error.code], `${n} rows`).toEqual([400, 'too_many_rows']);
    }
  });

  it('arbitrary files (random bytes, broken zips, odd CSV) get an answer below 500', async () => {
    const template = new Uint8Array((await get('/api/scoring/templates/first-secretary.xlsx')).bytes);
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.uint8Array({ maxLength: 2000 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
      fc.nat({ max: template.length - 1 }).map((cut) => template.slice(0, cut)),
      fc.array(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('编号', 'id', 'category', '"', '""', '=1+1', '\r')), { maxLength: 8 }), { maxLength: 8 }).map((g) => g.map((r) => r.join(',')).join('\n')),
    );
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('x.xlsx', 'x.csv'), fc.constantFrom('', '1', 'force'), async (bytes, name, fill) => {
        const res = await send({ bytes, name, fields: { rule: 'first-secretary', fill } });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('the scorer page takes sheets over 1 MB like the API (10 MB limit), and refuses bigger ones with 413', async () => {
    const note = '备'.repeat(200);
    const sheet = (rows: number) => `id,base,bonus,deductions,review,备注\n${Array.from({ length: rows }, (_, i) => `s${i},90,${i % 20},0,90,${note}`).join('\n')}\n`;
    const post = (csv: string) => {
      const form = new FormData();
      form.set('rule', 'star-rating');
      form.set('file', new Blob([csv], { type: 'text/csv' }), 'big.csv');
      return fetch(`${target.url}/staff/scoring/upload`, { method: 'POST', headers: { authorization: `Bearer ${scorerKey}` }, body: form });
    };
    const big = sheet(3000);
    expect(new TextEncoder().encode(big).length).toBeGreaterThan(1024 * 1024);
    const ok = await post(big);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('共计算 <strong>3000</strong> 行');
    const tooBig = await post(`${big}${'x'.repeat(10 * 1024 * 1024)}`);
    expect(tooBig.status).toBe(413);
  });

  it('uploads and templates are for scorers and admins only', async () => {
    const sup = await upload(target.url, (await client(target.url, target.adminKey).post('/api/users', { name: '监督员', role: 'supervisor' })).body.key, {
      bytes: 'id\nA\n',
      name: 'x.csv',
      fields: { rule: 'star-rating' },
    });
    expect(sup.status).toBe(403);
    expect((await fetch(`${target.url}/api/scoring/templates/star-rating.xlsx`)).status).toBe(401);
  });
});
