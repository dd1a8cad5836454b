import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, resendingDropped, type Client, type Target } from '../helpers/target';

/**
 * The HTTP contract of DESIGN.md, as a supervisor, a voter and a scorer would meet it. One
 * suite, run against every runtime (Node + SQLite, Workers + D1).
 */
export function contractSuite(name: string, start: () => Promise<Target>) {
  describe(`the HTTP contract on ${name}`, () => {
    let target: Target;
    let admin: Client;
    let supervisor: Client;
    let scorer: Client;
    let voter: Client;

    beforeAll(async () => {
      target = await start();
      admin = client(target.url, target.adminKey);
      const sup = await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' });
      const sco = await admin.post('/api/users', { name: '考评员小李', role: 'scorer' });
      supervisor = client(target.url, sup.body.key);
      scorer = client(target.url, sco.body.key);
      voter = client(target.url);
    });
    afterAll(() => target?.stop());

    const vote = (token: string, choices: Record<string, GradeName>) => voter.post('/api/ballots', { token, choices });
    const grades = (subjects: string[], ...gs: GradeName[]) => Object.fromEntries(subjects.map((s, i) => [s, gs[i]]));

    it('runs a whole meeting: quorum flips at exactly 2/3, results sealed until close, exact satisfaction', async () => {
      const m = await newMeeting(supervisor, {
        title: '2026年度村党支部民主测评',
        organization: '东山村党支部',
        categories: [
          { key: 'party', label: '党员', eligible: 9 },
          { key: 'rep', label: '村民代表', eligible: 6 },
        ],
        subjects: [{ name: '东山村党支部', kind: 'branch' }, { name: '第一书记 张三' }],
      });
      expect(m.body).toMatchObject({ status: 'draft', eligible: 15 });
      const party = await issue(supervisor, m.id, 9, 'party');
      const rep = await issue(supervisor, m.id, 6, 'rep');
      expect(new Set([...party, ...rep]).size).toBe(15);
      expect((await supervisor.post(`/api/meetings/${m.id}/open`)).body.status).toBe('open');

      // 10 ballots: subject 1 gets 9 satisfied of 10 (exactly 90%), subject 2 gets 8 of 10.
      const tokens = [...party.slice(0, 6), ...rep.slice(0, 4)];
      const receipts: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const res = await vote(tokens[i], grades(m.subjects, i < 9 ? (i % 2 ? 'very_satisfied' : 'satisfied') : 'basically_satisfied', i < 8 ? 'satisfied' : 'dissatisfied'));
        expect(res.status).toBe(201);
        expect(res.body.receipt).toMatch(/^[2-9A-HJKMNP-Z]{8,}$/);
        receipts.push(res.body.receipt);
        const t = (await supervisor.get(`/api/meetings/${m.id}/turnout`)).body;
        expect(t).toMatchObject({ eligible: 15, cast: i + 1, required: 10, quorumMet: i + 1 >= 10 });
      }
      const turnout = (await supervisor.get(`/api/meetings/${m.id}/turnout`)).body;
      expect(turnout.ratio).toBe(10 / 15);
      expect(turnout.categories).toEqual([
        expect.objectContaining({ key: 'party', eligible: 9, cast: 6 }),
        expect.objectContaining({ key: 'rep', eligible: 6, cast: 4 }),
      ]);

      const again = await vote(tokens[0], allGraded(m.subjects, 'satisfied'));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('token_used');
      const sealed = await scorer.get(`/api/meetings/${m.id}/results`);
      expect(sealed.status).toBe(409);
      expect((await voter.get(`/api/meetings/${m.id}/receipts`)).status).toBe(409);

      expect((await supervisor.post(`/api/meetings/${m.id}/close`)).body.status).toBe('closed');
      const late = await vote(party[8], allGraded(m.subjects, 'satisfied'));
      expect(late.body.error.code).toBe('meeting_not_open');

      const r = (await scorer.get(`/api/meetings/${m.id}/results`)).body;
      expect(r).toMatchObject({ eligible: 15, cast: 10, required: 10, quorumMet: true, valid: true });
      expect(r.subjects[0]).toMatchObject({
        name: '东山村党支部',
        counts: { very_satisfied: 4, satisfied: 5, basically_satisfied: 1, dissatisfied: 0 },
        cast: 10,
        satisfaction: 0.9,
        meetsThreshold: true,
      });
      expect(r.subjects[1]).toMatchObject({ counts: { very_satisfied: 0, satisfied: 8, basically_satisfied: 0, dissatisfied: 2 }, satisfaction: 0.8, meetsThreshold: false });
      // 6 party and 4 rep ballots: the rep group is under k=5, so it merges and swallows party → no breakdown.
      expect(r.subjects[0].byCategory).toBeUndefined();

      const published = (await voter.get(`/api/meetings/${m.id}/receipts`)).body.receipts;
      expect(published).toEqual([...receipts].sort());

      const coefficients = (await scorer.get('/api/satisfaction')).body;
      expect(coefficients).toContainEqual(
        expect.objectContaining({ meetingId: m.id, subjectId: m.subjects[0], subject: '东山村党支部', organization: '东山村党支部', eligible: 15, cast: 10, valid: true, satisfaction: 0.9 }),
      );
      const csv = await scorer.get('/api/satisfaction.csv');
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      expect(csv.text).toContain('东山村党支部');
    });

    it('under strict-90 exactly 90% does not meet the threshold; below quorum the result is invalid', async () => {
      const m = await newMeeting(supervisor, { title: '严格门槛', rule: 'strict-90', eligible: 12, subjects: [{ name: '书记' }] });
      const tokens = await issue(supervisor, m.id, 12);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      for (let i = 0; i < 7; i++) expect((await vote(tokens[i], allGraded(m.subjects, 'satisfied'))).status).toBe(201);
      await supervisor.post(`/api/meetings/${m.id}/close`);
      const r = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
      expect(r).toMatchObject({ eligible: 12, cast: 7, required: 8, quorumMet: false, valid: false });
      expect(r.subjects[0].satisfaction).toBe(1);

      const n = await newMeeting(supervisor, { title: '严格门槛2', rule: 'strict-90', eligible: 10, subjects: [{ name: '书记' }] });
      const t2 = await issue(supervisor, n.id, 10);
      await supervisor.post(`/api/meetings/${n.id}/open`);
      for (let i = 0; i < 10; i++) await vote(t2[i], allGraded(n.subjects, i < 9 ? 'satisfied' : 'dissatisfied'));
      await supervisor.post(`/api/meetings/${n.id}/close`);
      const s = (await supervisor.get(`/api/meetings/${n.id}/results`)).body.subjects[0];
      expect(s).toMatchObject({ satisfaction: 0.9, meetsThreshold: false });
    });

    it('requires 57 of 85 eligible, counted in integers', async () => {
      const m = await newMeeting(supervisor, { title: '85人', eligible: 85, subjects: [{ name: '支部' }] });
      expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body).toMatchObject({ eligible: 85, cast: 0, required: 57, quorumMet: false });
    });

    it('refuses tokens past the roster with 409, per category', async () => {
      const m = await newMeeting(supervisor, { title: '名册', categories: [{ key: 'party', label: '党员', eligible: 3 }], subjects: [{ name: '支部' }] });
      await issue(supervisor, m.id, 2, 'party');
      const over = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 2, category: 'party' });
      expect(over.status).toBe(409);
      expect(over.body.error.code).toBe('roster_exceeded');
      expect((await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1 })).status).toBe(400);
      expect((await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1, category: 'party' })).status).toBe(201);
    });

    it('checks a ballot in the contract order, and a refused ballot never spends its token', async () => {
      const m = await newMeeting(supervisor, { title: '顺序', eligible: 5, subjects: [{ name: '甲' }, { name: '乙' }] });
      const [t1, t2, t3] = await issue(supervisor, m.id, 3);
      const good = allGraded(m.subjects, 'satisfied');
      expect((await vote('ZZZZZZZZZZZZZZZZZZZZZZZZZZ', good)).status).toBe(404);
      expect((await vote(t1, good)).body.error.code).toBe('meeting_not_open');
      expect((await supervisor.post(`/api/meetings/${m.id}/tokens/void`, { token: t2 })).body).toEqual({ ok: true });
      await supervisor.post(`/api/meetings/${m.id}/open`);
      expect((await vote(t2, good)).body.error.code).toBe('token_void');

      const bad: [unknown, string][] = [
        [{ [m.subjects[0]]: 'satisfied' }, 'incomplete_ballot'],
        [{ ...good, nosuchsubject: 'satisfied' }, 'invalid_choices'],
        [{ ...good, [m.subjects[1]]: 'great' }, 'invalid_grade'],
        [[1, 2], 'invalid_choices'],
        ['satisfied', 'invalid_choices'],
      ];
      for (const [choices, code] of bad) {
        const res = await voter.post('/api/ballots', { token: t1, choices });
        expect(res.status, JSON.stringify(choices)).toBe(400);
        expect(res.body.error.code).toBe(code);
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const malformed = await voter.post('/api/ballots', '{"token": "abc", choices');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('invalid_json');
      const huge = await voter.post('/api/ballots', { token: t1, choices: good, padding: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect((await voter.post('/api/ballots', { choices: good })).status).toBe(400);

      expect((await vote(t1, good)).status).toBe(201);
      expect((await vote(t1, good)).body.error.code).toBe('token_used');
      expect((await supervisor.post(`/api/meetings/${m.id}/tokens/void`, { token: t1 })).status).toBe(409);
      expect((await vote(t3.toLowerCase().replace(/(.{5})/g, '$1-'), good)).status).toBe(201);
    });

    it('gives exactly one ballot for hundreds of concurrent uses of one token', async () => {
      const m = await newMeeting(supervisor, { title: '并发', eligible: 5, subjects: [{ name: '甲' }, { name: '乙' }, { name: '丙' }] });
      // Four more ordinary votes lift the meeting over the publication floor, so its receipts show.
      const [token, ...others] = await issue(supervisor, m.id, 5);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      // A retry after a dropped request (see resendingDropped) must get 409 or 201 like any other.
      const replies = await Promise.all(Array.from({ length: 300 }, () => resendingDropped(() => vote(token, allGraded(m.subjects, 'very_satisfied')))));
      const statuses = replies.map((r) => r.status);
      const odd = replies.filter((r) => r.status !== 201 && r.status !== 409);
      expect(odd.map((r) => `${r.status} ${r.text.slice(0, 300)}`)).toEqual([]);
      // One 201 (none only if the proxy dropped the very answer that said 201: the count below
      // still shows the one ballot), every other use a 409.
      const accepted = statuses.filter((s) => s === 201).length;
      expect(accepted).toBeLessThanOrEqual(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(300 - accepted);
      for (const t of others) expect((await vote(t, allGraded(m.subjects, 'satisfied'))).status).toBe(201);
      await supervisor.post(`/api/meetings/${m.id}/close`);
      const r = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
      expect(r.cast).toBe(5);
      expect(r.subjects[0].counts.very_satisfied).toBe(1);
      expect((await voter.get(`/api/meetings/${m.id}/receipts`)).body.receipts).toHaveLength(5);
    });

    it('shows per-category results only for groups of at least k ballots, merging small ones into 其他', async () => {
      const m = await newMeeting(supervisor, {
        title: '分类',
        categories: [
          { key: 'party', label: '党员', eligible: 8 },
          { key: 'rep', label: '村民代表', eligible: 6 },
          { key: 'cadre', label: '村干部', eligible: 3 },
          { key: 'retired', label: '老干部', eligible: 3 },
        ],
        subjects: [{ name: '支部' }],
      });
      const byCat = { party: 6, rep: 5, cadre: 3, retired: 2 };
      const tokens: Record<string, string[]> = {};
      for (const [k, n] of Object.entries(byCat)) tokens[k] = await issue(supervisor, m.id, n, k);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      for (const [k, list] of Object.entries(tokens)) for (const t of list) await vote(t, allGraded(m.subjects, k === 'party' ? 'satisfied' : 'dissatisfied'));
      await supervisor.post(`/api/meetings/${m.id}/close`);
      const s = (await scorer.get(`/api/meetings/${m.id}/results`)).body.subjects[0];
      expect(s.byCategory.map((g: { key: string; cast: number }) => [g.key, g.cast])).toEqual([
        ['party', 6],
        ['rep', 5],
        ['other', 5],
      ]);
      expect(s.byCategory[2]).toMatchObject({ label: '其他', counts: { dissatisfied: 5 } });
    });

    it('serves results.csv as UTF-8 with a BOM, one row per subject', async () => {
      const m = await newMeeting(supervisor, { title: 'CSV, "引号"', eligible: 5, subjects: [{ name: '支部' }, { name: '书记, 张三' }] });
      const tokens = await issue(supervisor, m.id, 5);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      for (const t of tokens) await vote(t, allGraded(m.subjects, 'very_satisfied'));
      await supervisor.post(`/api/meetings/${m.id}/close`);
      const res = await scorer.get(`/api/meetings/${m.id}/results.csv`);
      expect(res.headers.get('content-type')).toMatch(/text\/csv.*utf-8/i);
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const lines = res.text.slice(1).trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toBe('支部,5,0,0,0,5,5,100.00,是,是');
      expect(lines[2]).toBe('"书记, 张三",5,0,0,0,5,5,100.00,是,是');
    });

    it('keeps roles apart: keys are checked, shown once, and revocable', async () => {
      expect((await voter.post('/api/meetings', { title: 'x', eligible: 1, subjects: [{ name: 'a' }] })).status).toBe(401);
      expect((await client(target.url, 'wrong-key').get('/api/meetings')).status).toBe(401);
      expect((await scorer.post('/api/meetings', { title: 'x', eligible: 1, subjects: [{ name: 'a' }] })).status).toBe(403);
      expect((await supervisor.post('/api/users', { name: 'x', role: 'admin' })).status).toBe(403);
      expect((await supervisor.get('/api/satisfaction')).status).toBe(403);
      const made = await admin.post('/api/users', { name: '临时', role: 'supervisor' });
      expect(made.status).toBe(201);
      expect(made.body.key).toBeTruthy();
      const temp = client(target.url, made.body.key);
      expect((await temp.get('/api/meetings')).status).toBe(200);
      expect((await admin.post(`/api/users/${made.body.id}/revoke`)).status).toBe(200);
      expect((await temp.get('/api/meetings')).status).toBe(401);
      expect((await admin.post('/api/users', { name: 'x', role: 'emperor' })).status).toBe(400);
    });

    it('refuses inconsistent meetings with 400 and unknown ones with 404', async () => {
      const bad = [
        { title: '无名册', subjects: [{ name: 'a' }] },
        { title: '不一致', eligible: 5, categories: [{ key: 'a', label: 'A', eligible: 3 }], subjects: [{ name: 'a' }] },
        { title: '无对象', eligible: 5, subjects: [] },
        { title: '坏规则', eligible: 5, rule: 'no-such-rule', subjects: [{ name: 'a' }] },
        { title: '坏比例', eligible: 5, rule: { quorum: { num: 4, den: 3 } }, subjects: [{ name: 'a' }] },
        { title: '', eligible: 5, subjects: [{ name: 'a' }] },
      ];
      for (const body of bad) {
        const res = await supervisor.post('/api/meetings', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect((await supervisor.get('/api/meetings/nope')).status).toBe(404);
      expect((await supervisor.post('/api/meetings/nope/open')).status).toBe(404);
      const m = await newMeeting(supervisor, { title: '状态', eligible: 2, subjects: [{ name: 'a' }], rule: { threshold: { percent: 85 } } });
      expect(m.body.rule).toMatchObject({ threshold: { percent: 85, strict: false }, quorum: { num: 2, den: 3 }, minGroup: 5 });
      expect((await supervisor.post(`/api/meetings/${m.id}/close`)).status).toBe(409);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      expect((await supervisor.post(`/api/meetings/${m.id}/open`)).status).toBe(409);
      await supervisor.post(`/api/meetings/${m.id}/close`);
      expect((await supervisor.post(`/api/meetings/${m.id}/open`)).status).toBe(409);
      expect((await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1 })).status).toBe(409);
    });

    it('keeps a hash-chained audit trail of staff actions that verifies', async () => {
      const m = await newMeeting(supervisor, { title: '审计', eligible: 2, subjects: [{ name: 'a' }] });
      const [t] = await issue(supervisor, m.id, 2);
      await supervisor.post(`/api/meetings/${m.id}/open`);
      await vote(t, allGraded(m.subjects, 'satisfied'));
      await supervisor.post(`/api/meetings/${m.id}/close`);
      const audit = (await scorer.get(`/api/meetings/${m.id}/audit`)).body;
      expect(audit.verified).toBe(true);
      expect(audit.events.map((e: { type: string }) => e.type)).toEqual(['meeting_created', 'tokens_issued', 'meeting_opened', 'meeting_closed']);
      expect(JSON.stringify(audit)).not.toContain(t);
      expect(audit.events[1].data).toMatchObject({ count: 2 });
    });
  });
}
