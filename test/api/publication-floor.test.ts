import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { closedMeeting, download, readWorkbook, sheetGrid, upload } from './scoring-kit';

/** The publication floor k: a meeting with fewer ballots publishes turnout and validity, nothing countable. */
describe('publication floor (MINPING_MIN_GROUP)', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let admin: Client;
  let scorer: Client;
  let scorerKey: string;

  beforeAll(async () => {
    target = await startNodeTarget();
    admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
    scorer = client(target.url, scorerKey);
  });
  afterAll(() => target?.stop());

  /** A meeting closed after `votes` ballots, each grading every subject 很满意; returns its id and receipts. */
  async function closedAfter(votes: number, body: Record<string, unknown> = {}) {
    const m = await newMeeting(admin, { title: `只投 ${votes} 票`, organization: '小村', eligible: 3, subjects: [{ name: '小村党支部' }, { name: '第一书记' }], ...body });
    const tokens = await issue(admin, m.id, votes);
    await admin.post(`/api/meetings/${m.id}/open`);
    const receipts = [];
    for (const t of tokens) receipts.push((await client(target.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'very_satisfied') })).body.receipt);
    expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    return { ...m, receipts };
  }

  it('closing after one ballot publishes nothing countable: results, CSV, Excel, notice, receipts, satisfaction', async () => {
    const m = await closedAfter(1);
    const [receipt] = m.receipts;
    expect(receipt).toMatch(/\S{6,}/);

    const results = await admin.get(`/api/meetings/${m.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ withheld: true, minGroup: 5, cast: 1, eligible: 3, valid: false });
    expect(results.body.subjects).toEqual([
      { id: m.subjects[0], name: '小村党支部', kind: null, satisfaction: null },
      { id: m.subjects[1], name: '第一书记', kind: null, satisfaction: null },
    ]);
    expect(JSON.stringify(results.body.subjects)).not.toMatch(/counts|satisfied|byCategory|meetsThreshold/);

    const csv = await scorer.get(`/api/meetings/${m.id}/results.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[1]).toBe('小村党支部,,,,,,,3,,,否,0'); // 弃权 and 废票(全场) columns: no counts, the meeting's 0 spoilt slips
    expect(lines.at(-1)).toContain('少于公布下限 5 张');

    const xlsx = await fetch(`${target.url}/api/meetings/${m.id}/results.xlsx`, { headers: { authorization: `Bearer ${scorerKey}` } });
    const grid = sheetGrid(readWorkbook(await xlsx.arrayBuffer()));
    // The 结果 sheet's subject row: its name, and not one count of it.
    const row = grid.find((r) => r[0] === '小村党支部');
    expect(row).toEqual(['小村党支部', '', '', '', '', '', '', 3, '', '', '否', 0]);

    const notice = await client(target.url).get(`/notice/${m.id}`);
    expect(notice.status).toBe(200);
    expect(notice.text).toContain('少于公布下限 5 张');
    expect(notice.text).not.toContain(receipt);
    expect(notice.text).not.toContain('100.00%');
    expect((await client(target.url).get(`/api/meetings/${m.id}/receipts`)).body.receipts).toEqual([]);

    const sat = (await scorer.get('/api/satisfaction')).body.filter((r: { meetingId: string }) => r.meetingId === m.id);
    expect(sat).toHaveLength(2);
    for (const row of sat) expect(row).toMatchObject({ withheld: true, cast: 1, satisfied: null, satisfaction: null, satisfactionPercent: null });
    const satCsv = (await scorer.get('/api/satisfaction.csv')).text.split(/\r?\n/).filter((l) => l.includes(m.id));
    expect(satCsv).toHaveLength(2);
    for (const line of satCsv) expect(line).toMatch(/,3,1,否,,$/);

    const staffPage = await admin.get(`/staff/meetings/${m.id}/results`);
    expect(staffPage.text).toContain('少于公布下限 5 张');
    expect(staffPage.text).not.toContain('100.00%');
  });

  it('the scoring fill path takes no satisfaction from a meeting under the floor, and says why', async () => {
    await closedMeeting(target.url, admin, { title: '南山村测评', organization: '南山村', subjects: ['南山村党支部'], eligible: 4, votes: ['very_satisfied', 'satisfied'] });
    const template = await download(target.url, scorerKey, '/api/scoring/templates/upgrade-composite.csv');
    const [header] = new TextDecoder().decode(template.bytes).split(/\r?\n/);
    const csv = `${header}\nN1,南山村党支部,,,90,90,\nN2,北坡村党支部,,,90,90,0.9\n`;
    const res = await upload(target.url, scorerKey, { bytes: csv, name: 'fill.csv', fields: { rule: 'upgrade-composite', fill: '1' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.filled).toEqual([]);
    expect(res.body.rows.map((r: { id: string }) => r.id)).toEqual(['N2']);
    expect(res.body.unmatched).toEqual([expect.objectContaining({ id: 'N1', scored: false, reason: expect.stringContaining('只有 2 张选票，少于公布下限') })]);
  });

  it('at the floor the counts are published as before', async () => {
    const m = await closedAfter(5, { eligible: 5 });
    const r = await admin.get(`/api/meetings/${m.id}/results`);
    expect(r.body).toMatchObject({ withheld: false, minGroup: 5, cast: 5, valid: true });
    expect(r.body.subjects[0]).toMatchObject({ counts: { very_satisfied: 5, satisfied: 0, basically_satisfied: 0, dissatisfied: 0 }, satisfaction: 1 });
    const notice = await client(target.url).get(`/notice/${m.id}`);
    for (const receipt of m.receipts) expect(notice.text).toContain(receipt);
  });

  it('a meeting may raise k but never lower it: minGroup 1 or 4 is a 400 naming k, minGroup 8 withholds 6 ballots', async () => {
    for (const minGroup of [1, 4]) {
      const res = await admin.post('/api/meetings', { title: '想关掉下限', eligible: 20, rule: { minGroup }, subjects: [{ name: '支部' }] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_rule');
      expect(res.body.error.message).toContain('不能低于本系统的下限 5');
    }
    const m = await closedAfter(6, { eligible: 10, rule: { minGroup: 8 } });
    expect((await admin.get(`/api/meetings/${m.id}/results`)).body).toMatchObject({ withheld: true, minGroup: 8, cast: 6 });
  });

  it('a roster under k is allowed with a warning, in the answer and on the staff meeting page', async () => {
    const small = await admin.post('/api/meetings', { title: '三人小组', eligible: 3, subjects: [{ name: '组长' }] });
    expect(small.status).toBe(201);
    expect(small.body.warnings).toEqual([expect.stringContaining('应参加人数 3 少于公布下限 5')]);
    const page = await admin.get(`/staff/meetings/${small.body.id}`);
    expect(page.text).toContain('应参加人数 3 少于公布下限 5');
    const big = await admin.post('/api/meetings', { title: '全村', eligible: 30, subjects: [{ name: '支部' }] });
    expect(big.body.warnings).toBeUndefined();
  });

  it('a deployment may set a higher floor: MINPING_MIN_GROUP=7 withholds 6 ballots and refuses minGroup 5', async () => {
    const strict = await startNodeTarget({ minGroup: 7 });
    try {
      const a = client(strict.url, strict.adminKey);
      expect((await a.post('/api/meetings', { title: 'x', eligible: 20, rule: { minGroup: 5 }, subjects: [{ name: '支部' }] })).body.error.message).toContain('下限 7');
      const id = await closedMeeting(strict.url, a, { title: '六票', organization: '村', subjects: ['支部'], eligible: 6, votes: Array(6).fill('satisfied') });
      expect((await a.get(`/api/meetings/${id}/results`)).body).toMatchObject({ withheld: true, minGroup: 7, cast: 6, valid: true });
    } finally {
      await strict.stop();
    }
  });
});
