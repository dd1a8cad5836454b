import Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';
import { dbBytes, foundIn } from './db-bytes';

const GRADES: GradeName[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'];
const N = 50;

/** Kendall's tau between a sequence of arrival numbers and 0..n-1: 1 = arrival order, -1 = reversed. */
function kendallTau(order: number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) (order[i] < order[j] ? concordant++ : discordant++);
  return (concordant - discordant) / ((order.length * (order.length - 1)) / 2);
}

/** Ballot i grades subject j with digit j of i in base 4: 64 distinct ballots for 3 subjects. */
const patternOf = (i: number, subjects: string[]) => Object.fromEntries(subjects.map((s, j) => [s, GRADES[Math.floor(i / 4 ** j) % 4]]));
const arrivalOf = (digits: string) => [...digits].reduce((n, d, j) => n + Number(d) * 4 ** j, 0);

describe('anonymity with the database file in hand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-anon-'));
  const dbFile = join(dir, 'minping.db');
  let server: ChildServer;
  let admin: Client;
  beforeAll(async () => {
    server = await startChildServer(dbFile);
    admin = client(server.url, TEST_ADMIN_KEY);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('50 ballots cast in a known order: no cookie, no log line, no raw token on disk, and neither rows nor bytes follow arrival order', async () => {
    const m = await newMeeting(admin, { title: '匿名性测试', eligible: 60, subjects: [{ name: '支部' }, { name: '书记' }, { name: '主任' }] });
    const tokens = await issue(admin, m.id, 60);
    await admin.post(`/api/meetings/${m.id}/open`);
    const voter = client(server.url);
    const receipts: string[] = [];
    const cookies: string[] = [];
    const logBefore = server.output().length;

    for (let i = 0; i < N; i++) {
      // Every fifth voter uses the plain HTML form, the rest the API, as phones would.
      if (i % 5 === 0) {
        const page = await voter.get(`/b/${tokens[i]}`);
        const form = new URLSearchParams(patternOf(i, m.subjects)).toString();
        const posted = await voter.post(`/b/${tokens[i]}`, form, { 'content-type': 'application/x-www-form-urlencoded' });
        expect(posted.status).toBe(200);
        receipts.push(posted.text.match(/[2-9A-HJKMNP-Z]{10}/g)!.find((r) => !tokens[i].includes(r))!);
        cookies.push(...[page, posted].map((r) => r.headers.get('set-cookie') ?? '').filter(Boolean));
      } else {
        const res = await voter.post('/api/ballots', { token: tokens[i], choices: patternOf(i, m.subjects) });
        expect(res.status).toBe(201);
        receipts.push(res.body.receipt);
        cookies.push(res.headers.get('set-cookie') ?? '');
      }
    }
    // Refusals too: unknown, used, malformed. None may leave a trace either.
    for (const bad of [
      () => voter.post('/api/ballots', { token: 'ABCDEFGHJKMNPQRSTUVWXYZ234', choices: {} }),
      () => voter.post('/api/ballots', { token: tokens[1], choices: patternOf(1, m.subjects) }),
      () => voter.post('/api/ballots', '{"token":', { 'content-type': 'application/json' }),
      () => voter.get(`/b/${tokens[1]}`),
      () => voter.get('/b/NOT-A-TOKEN'),
    ]) {
      const res = await bad();
      expect(res.status).toBeGreaterThanOrEqual(400);
      cookies.push(res.headers.get('set-cookie') ?? '');
    }
    expect(cookies.filter(Boolean)).toEqual([]);
    const log = server.output().slice(logBefore);
    expect(foundIn(Buffer.from(log), [...tokens, ...receipts, '127.0.0.1', '/api/ballots', '/b/'])).toEqual([]);

    // Results stay sealed while voting runs.
    expect((await admin.get(`/api/meetings/${m.id}/results`)).status).toBe(409);
    expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);

    // Someone copies the files off the running server after the meeting.
    const copy = join(dir, 'stolen.db');
    copyFileSync(dbFile, copy);
    if (existsSync(`${dbFile}-wal`)) copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
    const bytes = dbBytes(copy);
    const formatted = tokens.map((t) => t.match(/.{1,5}/g)!.join('-'));
    expect(foundIn(bytes, [...tokens, ...formatted, ...tokens.map((t) => t.toLowerCase()), '127.0.0.1'])).toEqual([]);

    const db = new Database(copy, { readonly: true });
    const rows = db.prepare("select * from ballots where meeting_id = ? and state = 'filled'").all(m.id) as { id: string; grades: string }[];
    const scanned = db.prepare("select id, grades from ballots not indexed where state = 'filled'").all() as { id: string; grades: string }[];
    const tokenRows = db.prepare("select receipt from tokens where meeting_id = ? and state = 'used'").all(m.id) as { receipt: string }[];
    db.close();
    expect(rows.length).toBe(N);
    expect(Object.keys(rows[0]).sort()).toEqual(['category', 'channel', 'grades', 'id', 'meeting_id', 'state']);

    const byRows = rows.map((r) => arrivalOf(r.grades));
    const byScan = scanned.filter((r) => rows.some((x) => x.id === r.id)).map((r) => arrivalOf(r.grades));
    // Where each ballot's bytes sit in the file: SQLite fills a page from its end, in insert order.
    const byBytes = rows.map((r) => ({ at: bytes.indexOf(Buffer.from(r.id)), i: arrivalOf(r.grades) })).sort((a, b) => a.at - b.at).map((x) => x.i);
    // The spent slips' receipts: their rows were rewritten when spent, so they too could betray order.
    const arrivalOfReceipt = new Map(receipts.map((r, i) => [r, i]));
    const byReceiptRows = tokenRows.map((t) => arrivalOfReceipt.get(t.receipt)!);
    const byReceiptBytes = receipts.map((r, i) => ({ at: bytes.indexOf(Buffer.from(r)), i })).sort((a, b) => a.at - b.at).map((x) => x.i);

    const arrival = Array.from({ length: N }, (_, i) => i);
    const taus = [byRows, byScan, byBytes, byReceiptRows, byReceiptBytes].map(kendallTau);
    for (const order of [byRows, byScan, byBytes, byReceiptRows, byReceiptBytes]) {
      expect(order.slice().sort((a, b) => a - b)).toEqual(arrival);
      expect(order).not.toEqual(arrival);
      expect(order).not.toEqual(arrival.slice().reverse());
    }
    // A random order has |tau| ≈ 0.1 at n = 50; 0.4 is four standard deviations out.
    for (const tau of taus) expect(Math.abs(tau)).toBeLessThan(0.4);
    console.log(`anonymity: Kendall tau vs arrival over ${N} ballots — rows ${taus[0].toFixed(3)}, table scan ${taus[1].toFixed(3)}, file bytes ${taus[2].toFixed(3)}, receipts by row ${taus[3].toFixed(3)}, receipts by bytes ${taus[4].toFixed(3)}`);
  });

  it('per-category results never show a group of fewer than minGroup ballots, whatever the turnout per category', async () => {
    const cats = ['party', 'rep', 'women', 'youth'];
    await fc.assert(
      fc.asyncProperty(fc.tuple(...cats.map(() => fc.nat({ max: 9 }))), fc.constantFrom(5, 6, 8), async (cast, minGroup) => {
        const m = await newMeeting(admin, {
          title: '小组保护',
          rule: { minGroup },
          categories: cats.map((key) => ({ key, label: key, eligible: 10 })),
          subjects: [{ name: '支部' }, { name: '书记' }],
        });
        const voter = client(server.url);
        const slips = await Promise.all(cats.map((c) => issue(admin, m.id, 10, c)));
        await admin.post(`/api/meetings/${m.id}/open`);
        for (let c = 0; c < cats.length; c++) {
          for (let i = 0; i < cast[c]; i++) {
            expect((await voter.post('/api/ballots', { token: slips[c][i], choices: patternOf(c * 10 + i, m.subjects) })).status).toBe(201);
          }
        }
        await admin.post(`/api/meetings/${m.id}/close`);
        const results = (await admin.get(`/api/meetings/${m.id}/results`)).body;
        for (const s of results.subjects) {
          if (!s.byCategory) continue;
          expect(s.byCategory.length).toBeGreaterThanOrEqual(2);
          for (const g of s.byCategory) expect(g.cast).toBeGreaterThanOrEqual(minGroup);
          expect(s.byCategory.reduce((n: number, g: { cast: number }) => n + g.cast, 0)).toBe(s.cast);
          // A category shown under its own key has at least minGroup ballots of its own.
          for (const g of s.byCategory) if (cats.includes(g.key)) expect(cast[cats.indexOf(g.key)]).toBeGreaterThanOrEqual(minGroup);
        }
      }),
      { numRuns: 12 },
    );
  });
});
