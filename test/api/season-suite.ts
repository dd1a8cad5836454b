import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client, type Target } from '../helpers/target';

export interface SeasonTarget extends Target {
  /** Moves the server's clock forward; only where the runtime lets a test hold the clock (Node, in process). */
  advance?(ms: number): void;
  /** Edits the stored frozen result behind the server's back (a tamper test), where the file is reachable. */
  tamperResult?(seasonId: string): void;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * A whole season over real HTTP, as a county organization department would run it: three
 * villages scored under 晋位升级 (self : mass : superior = 2 : 3 : 5), one with two rounds,
 * one invalid meeting, one withheld under the floor, one still open, a manual entry, and last
 * year's season to compare with. Every number below is worked out by hand in the comments.
 */
export function seasonSuite(name: string, start: () => Promise<SeasonTarget>) {
  describe(`a season (考评) from ballots to a final result on ${name}`, () => {
    let target: SeasonTarget;
    let supervisor: Client;
    let scorer: Client;
    let voter: Client;
    let anyone: Client;

    beforeAll(async () => {
      target = await start();
      const admin = client(target.url, target.adminKey);
      supervisor = client(target.url, (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key);
      scorer = client(target.url, (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key);
      voter = client(target.url);
      anyone = client(target.url);
    }, 180_000);
    afterAll(() => target?.stop());

    /** A meeting whose subjects feed entries, `ballots` voted with grades per ballot index, then closed (unless `keepOpen`). */
    async function round(title: string, eligible: number, subjects: { name: string; entry: string }[], ballots: number, grade: (i: number, subject: number) => GradeName, keepOpen = false) {
      const m = await newMeeting(supervisor, { title, eligible, subjects });
      const tokens = await issue(supervisor, m.id, Math.max(ballots, 1));
      expect((await supervisor.post(`/api/meetings/${m.id}/open`)).status).toBe(200);
      for (let i = 0; i < ballots; i++) {
        const choices = Object.fromEntries(m.subjects.map((s, k) => [s, grade(i, k)]));
        const res = await voter.post('/api/ballots', { token: tokens[i], choices });
        expect(res.status, res.text).toBe(201);
      }
      if (!keepOpen) expect((await supervisor.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
      return m;
    }

    const entriesOf = (body: { entries: { key: string; id: string }[] }) => Object.fromEntries(body.entries.map((e) => [e.key, e.id]));
    const byEntry = <T extends { entry?: string; key?: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.entry ?? r.key, r]));

    let season: string;
    let previous: string;
    let ids: Record<string, string>;
    const meetings: Record<string, string> = {};

    it('publishes last year’s season from hand-typed satisfaction, to compare with', async () => {
      const p = await scorer.post('/api/seasons', {
        title: '2025年度晋位升级考评',
        rule: 'upgrade-composite',
        entries: [
          { key: 'A', name: '东山村' },
          { key: 'B', name: '西山村' },
          { key: 'C', name: '南山村' },
        ],
      });
      expect(p.status, p.text).toBe(201);
      previous = p.body.id;
      // A: (2·50 + 3·50 + 5·50)/10 = 50 较差; B: (2·80 + 3·80 + 5·80)/10 = 80 较好; C: 50 较差.
      const rows = await scorer.call('PUT', `/api/seasons/${previous}/rows`, {
        rows: [
          { entry: 'A', self: 50, superior: 50, satisfaction: 0.5 },
          { entry: 'B', self: 80, superior: 80, satisfaction: 0.8 },
          { entry: 'C', self: 50, superior: 50, satisfaction: '0.5' },
        ],
      });
      expect(rows.status, rows.text).toBe(200);
      const pub = await scorer.post(`/api/seasons/${previous}/publish`);
      expect(pub.status, pub.text).toBe(200);
      const r = byEntry((await scorer.get(`/api/seasons/${previous}/result`)).body.rows);
      expect([r.A.grade, r.B.grade, r.C.grade]).toEqual(['较差', '较好', '较差']);
    });

    it('creates the season with its entries; keys are unique; unknown rules and previous seasons are 400', async () => {
      const entries = [
        { key: 'A', name: '东山村', organization: '东山村党支部' },
        { key: 'B', name: '西山村' },
        { key: 'C', name: '南山村' },
        { key: 'D', name: '北山村' },
      ];
      expect((await supervisor.post('/api/seasons', { title: 'x', rule: 'upgrade-composite', entries })).status).toBe(403);
      const dup = await scorer.post('/api/seasons', { title: 'x', rule: 'upgrade-composite', entries: [entries[0], entries[0]] });
      expect([dup.status, dup.body.error.code]).toEqual([400, 'invalid_input']);
      expect((await scorer.post('/api/seasons', { title: 'x', rule: 'no-such-rule', entries })).status).toBe(400);
      expect((await scorer.post('/api/seasons', { title: 'x', rule: 'upgrade-composite', previous: 'nope', entries })).status).toBe(400);
      const s = await scorer.post('/api/seasons', { title: '2026年度晋位升级考评', rule: 'upgrade-composite', previous, entries });
      expect(s.status, s.text).toBe(201);
      expect(s.body).toMatchObject({ status: 'draft', rule: 'upgrade-composite', rounds: 'pool', noticeDays: 7, previous });
      expect(s.body.entries.map((e: { key: string }) => e.key)).toEqual(['A', 'B', 'C', 'D']);
      season = s.body.id;
      ids = entriesOf(s.body);
      expect((await supervisor.get(`/api/seasons/${season}`)).body.entries[0]).toMatchObject({ key: 'A', name: '东山村', organization: '东山村党支部' });
      expect((await supervisor.get('/api/seasons')).body.seasons.map((x: { id: string }) => x.id)).toContain(season);
      expect((await anyone.get('/api/seasons')).status).toBe(401);
      expect((await anyone.get(`/api/seasons/${season}/result`)).status).toBe(401);
    });

    it('links ballot subjects to entries when a meeting is created; an unknown entry is 400', async () => {
      const bad = await supervisor.post('/api/meetings', { title: '错', eligible: 5, subjects: [{ name: '甲', entry: 'no-such-entry' }] });
      expect([bad.status, bad.body.error.code]).toEqual([400, 'unknown_entry']);
      // Round 1, 30 ballots: A gets 20 很满意 + 8 满意 + 2 基本满意 → 28/30; B gets 15 满意 of 30.
      const m1 = await round('第一轮测评', 30, [{ name: '东山村党支部', entry: ids.A }, { name: '西山村党支部', entry: ids.B }], 30, (i, s) =>
        s === 0 ? (i < 20 ? 'very_satisfied' : i < 28 ? 'satisfied' : 'basically_satisfied') : i < 15 ? 'satisfied' : 'dissatisfied',
      );
      expect(m1.body.subjects.map((s: { entry: string }) => s.entry)).toEqual([ids.A, ids.B]);
      meetings.m1 = m1.id;
      // Round 2 for B only, 10 ballots: 9 满意 → B pooled (15 + 9)/(30 + 10) = 24/40.
      meetings.m2 = (await round('西山村补充测评', 10, [{ name: '西山村党支部', entry: ids.B }], 10, (i) => (i < 9 ? 'satisfied' : 'dissatisfied'))).id;
      // Invalid: 6 of 30 cast, under 2/3 (20): does not count for A, though all 6 are 满意.
      meetings.m3 = (await round('东山村无效测评', 30, [{ name: '东山村党支部', entry: ids.A }], 6, () => 'satisfied')).id;
      // Withheld: 4 of 6 cast is valid (4·3 ≥ 6·2) but under the floor k = 5.
      meetings.m4 = (await round('北山村小范围测评', 6, [{ name: '北山村党支部', entry: ids.D }], 4, () => 'satisfied')).id;
      // Still open.
      meetings.m5 = (await round('北山村正在测评', 10, [{ name: '北山村党支部', entry: ids.D }], 1, () => 'satisfied', true)).id;
    }, 180_000);

    it('gives each entry its satisfaction exactly, pooled over its counted rounds, and says why a meeting does not count', async () => {
      const res = await supervisor.get(`/api/seasons/${season}/satisfaction`);
      expect(res.status).toBe(200);
      const e = byEntry(res.body.entries as { key: string }[]) as Record<string, any>;
      expect(e.A).toMatchObject({ satisfied: 28, cast: 30, fraction: '28/30', satisfaction: 28 / 30 });
      expect(e.A.meetings).toEqual([
        expect.objectContaining({ meetingId: meetings.m1, counted: true, satisfied: 28, cast: 30 }),
        expect.objectContaining({ meetingId: meetings.m3, counted: false, reason: 'meeting_invalid', satisfied: 6, cast: 6 }),
      ]);
      expect(e.B).toMatchObject({ satisfied: 24, cast: 40, fraction: '24/40', satisfaction: 0.6, satisfactionPercent: '60.00' });
      expect(e.B.meetings.map((m: { counted: boolean }) => m.counted)).toEqual([true, true]);
      expect(e.C).toMatchObject({ fraction: null, satisfaction: null, meetings: [] });
      expect(e.D).toMatchObject({ fraction: null, satisfied: null });
      // Under the floor or still open: no counts shown here either.
      expect(e.D.meetings).toEqual([
        expect.objectContaining({ meetingId: meetings.m4, counted: false, reason: 'withheld', satisfied: null, cast: null }),
        expect.objectContaining({ meetingId: meetings.m5, counted: false, reason: 'meeting_not_closed', satisfied: null, cast: null }),
      ]);
    });

    it('refuses bad rows with every problem at once, and a hand-typed satisfaction for an entry fed by ballots', async () => {
      const res = await scorer.call('PUT', `/api/seasons/${season}/rows`, {
        rows: [
          { entry: 'A', self: '一百', superior: 83.99, satisfaction: 0.95 },
          { entry: 'Z', self: 90, superior: 90 },
          { entry: 'B', self: 1001, superior: 60 },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_rows');
      expect(res.body.error.details.map((d: { row: number; field: string }) => [d.row, d.field])).toEqual([
        [1, 'self'],
        [1, 'satisfaction'],
        [2, 'entry'],
        [3, 'self'],
      ]);
      expect(res.body.error.details[1].message).toContain('选票');
      expect((await supervisor.call('PUT', `/api/seasons/${season}/rows`, { rows: [] })).status).toBe(403);
    });

    it('computes the result from the ballots’ fractions: 28/30 with self 100 and superior 83.99 is 90.00, 好', async () => {
      const put = await scorer.call('PUT', `/api/seasons/${season}/rows`, {
        rows: [
          { entry: 'A', self: 100, superior: 83.99 },
          { entry: 'B', self: 70, superior: 60 },
          { entry: 'C', self: 60, superior: 50, satisfaction: 0.5 },
        ],
      });
      expect(put.status, put.text).toBe(200);
      const res = await supervisor.get(`/api/seasons/${season}/result`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'draft', rule: 'upgrade-composite', output: 'grade' });
      const r = byEntry(res.body.rows) as Record<string, any>;
      // A: (2·100 + 3·(28/30·100) + 5·83.99)/10 = (200 + 280 + 419.95)/10 = 89.995 → 90.00 好, never 89.99.
      expect(r.A).toMatchObject({ name: '东山村', fraction: '28/30', satisfactionFrom: 'ballots', total: 90, grade: '好', rank: 1, color: 'green' });
      expect(r.A).toMatchObject({ previous: { total: 50, outcome: '较差' }, change: 'up' });
      // B: (2·70 + 3·60 + 5·60)/10 = (140 + 180 + 300)/10 = 62 一般; last year 较好.
      expect(r.B).toMatchObject({ fraction: '24/40', total: 62, grade: '一般', rank: 2, color: 'yellow', change: 'down' });
      // C: (2·60 + 3·50 + 5·50)/10 = 52 较差, by hand; 较差 last year too.
      expect(r.C).toMatchObject({ satisfactionFrom: 'manual', total: 52, grade: '较差', rank: 3, color: 'red', change: 'same' });
      expect(r.C.reasons).toEqual([expect.stringMatching(/^satisfaction_manual: /), expect.stringMatching(/^consecutive_low: /)]);
      // D: nothing counted and no row: said, not guessed.
      expect(r.D).toMatchObject({ total: null, grade: null, rank: null, color: 'none', previous: null, change: null });
      expect(r.D.reasons).toEqual([expect.stringMatching(/^no_satisfaction: /), expect.stringMatching(/^no_scores: /)]);
    });

    it('hands out the rule’s sheet with entries listed and ballots’ satisfaction read-only; uploading it back replaces the rows', async () => {
      const res = await fetch(`${target.url}/api/seasons/${season}/result.xlsx`, { headers: { authorization: `Bearer ${target.adminKey}` } });
      expect(res.status).toBe(200);
      const wb = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' });
      const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null });
      const header = grid[0] as string[];
      const col = (text: string) => header.findIndex((h) => h.includes(text));
      expect(grid.slice(1).map((r) => r[0])).toEqual(['A', 'B', 'C', 'D']);
      expect(grid[1][col('来自选票')]).toBe('28/30');
      expect(grid[1][col('基层党组织自评分')]).toBe(100);
      expect(grid[3][col('手工满意度')]).toBe(0.5);
      // The scorer types over the read-only satisfaction and changes B's self: only the latter is read.
      grid[1][col('来自选票')] = '30/30';
      grid[2][col('基层党组织自评分')] = 80;
      const sheet = XLSX.utils.aoa_to_sheet(grid as unknown[][]);
      const out = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(out, sheet, '评分数据');
      const form = new FormData();
      form.set('file', new Blob([XLSX.write(out, { type: 'array', bookType: 'xlsx' })]), 'season.xlsx');
      const up = await fetch(`${target.url}/api/seasons/${season}/rows/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${target.adminKey}` } });
      expect(up.status, await up.clone().text()).toBe(200);
      expect(((await up.json()) as { rows: unknown[] }).rows).toHaveLength(3);
      const r = byEntry((await scorer.get(`/api/seasons/${season}/result`)).body.rows) as Record<string, any>;
      // B: (2·80 + 180 + 300)/10 = 64 一般; A unchanged at 90.
      expect([r.A.total, r.A.fraction, r.B.total, r.B.self]).toEqual([90, '28/30', 64, 80]);
    });

    it('is not public before publication', async () => {
      expect((await anyone.get(`/seasons/${season}/notice`)).status).toBe(404);
      expect((await anyone.get(`/seasons/${season}/board`)).status).toBe(404);
    });

    it('publishes for the notice period, frozen: rows, links and a second publish are 409', async () => {
      const pub = await scorer.post(`/api/seasons/${season}/publish`, { contact: '监督电话 0571-88886666' });
      expect(pub.status, pub.text).toBe(200);
      expect(pub.body.status).toBe('notice');
      expect(Date.parse(pub.body.noticeUntil) - Date.parse(pub.body.noticeFrom)).toBe(7 * DAY);
      const frozen = (await scorer.get(`/api/seasons/${season}/result`)).body;
      expect(frozen).toMatchObject({ status: 'notice', noticeUntil: pub.body.noticeUntil });

      const rows = await scorer.call('PUT', `/api/seasons/${season}/rows`, { rows: [{ entry: 'A', self: 0, superior: 0 }] });
      expect([rows.status, rows.body.error.code]).toEqual([409, 'season_published']);
      const link = await supervisor.post('/api/meetings', { title: '迟到的测评', eligible: 5, subjects: [{ name: '东山村党支部', entry: ids.A }] });
      expect([link.status, link.body.error.code]).toEqual([409, 'season_published']);
      expect((await scorer.post(`/api/seasons/${season}/publish`)).status).toBe(409);
      // A meeting linked before publication closing now changes nothing either.
      expect((await supervisor.post(`/api/meetings/${meetings.m5}/close`)).status).toBe(200);
      expect((await scorer.get(`/api/seasons/${season}/result`)).body).toEqual(frozen);

      const notice = await anyone.get(`/seasons/${season}/notice`);
      expect(notice.status).toBe(200);
      expect(notice.text).toContain('东山村');
      expect(notice.text).toContain('90.00');
      expect(notice.text).toContain('0571-88886666');
      expect((await anyone.get(`/seasons/${season}/board`)).status).toBe(200);
    });

    it('refuses to finalize during the notice period, then makes the result final', async () => {
      const early = await scorer.post(`/api/seasons/${season}/finalize`);
      expect([early.status, early.body.error.code]).toEqual([409, 'notice_running']);
      if (!target.advance) return;
      target.advance(7 * DAY - 60_000);
      expect((await scorer.post(`/api/seasons/${season}/finalize`)).body.error.code).toBe('notice_running');
      target.advance(60_000);
      const done = await scorer.post(`/api/seasons/${season}/finalize`);
      expect(done.status, done.text).toBe(200);
      expect(done.body.status).toBe('final');
      expect((await scorer.post(`/api/seasons/${season}/finalize`)).status).toBe(409);
      expect((await scorer.get(`/api/seasons/${season}`)).body.status).toBe('final');
    });

    it('keeps every change in the season’s own hash chain, which breaks when a stored result is edited', async () => {
      const audit = (await supervisor.get(`/api/seasons/${season}/audit`)).body;
      expect(audit.ok).toBe(true);
      const types = audit.events.map((e: { type: string }) => e.type);
      expect(types.slice(0, 1)).toEqual(['season_created']);
      expect(types.filter((t: string) => t === 'rows_replaced')).toHaveLength(2);
      expect(types).toContain('season_published');
      if (target.advance) expect(types.at(-1)).toBe('season_finalized');
      const published = audit.events.find((e: { type: string }) => e.type === 'season_published');
      expect(published.data.digest).toMatch(/^[0-9a-f]{64}$/);
      if (!target.tamperResult) return;
      target.tamperResult(season);
      const broken = (await supervisor.get(`/api/seasons/${season}/audit`)).body;
      expect(broken.ok).toBe(false);
      expect(broken.problems.join('')).toContain('公示结果已被改动');
    });
  });
}
