import * as XLSX from '@e965/xlsx';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, droppedByProxy, resendingDropped, type Client } from '../helpers/target';
import { startWorkerTarget, type WorkerTarget } from '../helpers/worker-target';
import { openStream } from './stream-kit';

/**
 * What only the Workers runtime can get wrong: the deploy bundle, wrangler's handling of the
 * drizzle migrations, D1 batches standing in for transactions, and what D1 keeps on disk.
 */
describe('minping on Cloudflare Workers + D1 (wrangler, local workerd)', () => {
  let target: WorkerTarget;
  let staff: Client;
  let voter: Client;
  /** Read-only look at the local D1 file, as anyone with the database would see it. */
  const d1 = <T>(query: string, ...params: unknown[]): T[] => {
    const db = new Database(target.d1File(), { readonly: true });
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    target = await startWorkerTarget();
    staff = client(target.url, target.adminKey);
    voter = client(target.url);
  });
  afterAll(() => target?.stop());

  it('deploys a bundle with no Node-only import and none of the Node runtime', () => {
    const bundle = readFileSync(target.bundle, 'utf8');
    expect(bundle).not.toMatch(/^\s*import\b[^;]*\bfrom\s*["']node:/m);
    expect(bundle).not.toMatch(/\brequire\(\s*["'](node:|fs|path|crypto|better-sqlite3)/);
    // esbuild heads every bundled module with its path: what went in, by name.
    const modules = [...bundle.matchAll(/^\/\/ ((?:src|web|db|node_modules)\/\S+)$/gm)].map((m) => m[1]);
    expect(modules).toContain('src/runtime/worker.ts');
    const nodeOnly = modules.filter((m) => /^src\/runtime\/node|^src\/store\/sqlite|node_modules\/(@hono\/node-server|better-sqlite3|drizzle-orm\/better-sqlite3)\//.test(m));
    expect(nodeOnly).toEqual([]);
  });

  it('has every drizzle migration applied by wrangler, WITHOUT ROWID kept', () => {
    const journal = JSON.parse(readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'));
    const applied = d1<{ name: string }>('SELECT name FROM d1_migrations ORDER BY id').map((r) => r.name);
    expect(applied).toEqual(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
    const tables = Object.fromEntries(d1<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'").map((t) => [t.name, t.sql]));
    for (const t of ['users', 'meetings', 'categories', 'subjects', 'tokens', 'ballots', 'audit_events']) expect(tables[t], t).toBeTruthy();
    expect(tables.ballots).toMatch(/\)\s*WITHOUT ROWID\s*$/);
    expect(tables.tokens).toMatch(/\)\s*WITHOUT ROWID\s*$/);
  });

  it('takes exactly one of 200 concurrent ballots on one token; D1 keeps one ballot, no token, time or order', async () => {
    const m = await newMeeting(staff, { title: '并发（D1）', eligible: 2, subjects: [{ name: '甲' }, { name: '乙' }] });
    const [token, paper] = await issue(staff, m.id, 2);
    expect((await staff.post(`/api/meetings/${m.id}/open`)).status).toBe(200);
    const send = () => voter.post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') });
    const replies = await Promise.all(Array.from({ length: 200 }, () => resendingDropped(send)));
    // One 201, unless the proxy dropped that very answer: the count after close still shows one ballot.
    const accepted = replies.filter((r) => r.status === 201).length;
    expect(accepted).toBeLessThanOrEqual(1);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(200 - accepted);
    expect([...new Set(refused.map((r) => `${r.status} ${r.body?.error?.code ?? r.text.slice(0, 200)}`))]).toEqual(['409 token_used']);
    const keyed = await staff.post(`/api/meetings/${m.id}/paper-ballots`, { token: paper, choices: allGraded(m.subjects, 'dissatisfied') });
    expect(keyed.status).toBe(201);
    await staff.post(`/api/meetings/${m.id}/close`);
    expect((await staff.get(`/api/meetings/${m.id}/results`)).body.cast).toBe(2);

    const columns = d1<{ name: string }>("SELECT name FROM pragma_table_info('ballots')").map((c) => c.name);
    // A slot per slip, filled in place: still no token, time or address among its columns.
    expect(columns.sort()).toEqual(['category', 'channel', 'grades', 'id', 'meeting_id', 'state']);
    const rows = d1<{ channel: string; grades: string }>("SELECT channel, grades FROM ballots WHERE meeting_id = ? AND state = 'filled' ORDER BY channel", m.id);
    expect(rows.map((r) => r.channel)).toEqual(['paper', 'phone']);
    const file = readFileSync(target.d1File());
    for (const raw of [token, paper]) expect(file.includes(raw), 'raw token on disk').toBe(false);
    expect(d1('SELECT 1 FROM tokens WHERE meeting_id = ? AND length(hash) = 64', m.id)).toHaveLength(2);
  });

  it('exports results as a real Excel workbook and serves the public notice', async () => {
    const m = await newMeeting(staff, { title: '导出（Workers）', eligible: 5, subjects: [{ name: '支部' }] });
    const tokens = await issue(staff, m.id, 5);
    await staff.post(`/api/meetings/${m.id}/open`);
    for (const t of tokens) await voter.post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'very_satisfied') });
    await staff.post(`/api/meetings/${m.id}/close`);
    const res = await fetch(`${target.url}/api/meetings/${m.id}/results.xlsx`, { headers: { authorization: `Bearer ${target.adminKey}` } });
    expect(res.status).toBe(200);
    const book = XLSX.read(new Uint8Array(await res.arrayBuffer()));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
    // The 结果 sheet opens with the title and turnout; the subject's row holds its counts.
    expect(rows.find((r) => r[0] === '支部')).toEqual(expect.arrayContaining(['支部', 5, 100]));
    const notice = await voter.get(`/notice/${m.id}`);
    expect(notice.status).toBe(200);
    expect(notice.text).toContain('导出（Workers）');
    // Anchored on Workers too: the close event's digests verify against D1, the notice prints the head.
    const audit = (await staff.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit).toMatchObject({ verified: true, problems: [] });
    expect(audit.events.at(-1).data).toMatchObject({ cast: 5, ballotsDigest: expect.stringMatching(/^[0-9a-f]{64}$/), resultsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(notice.text).toContain(audit.events.at(-1).hash);
  });

  it('issues a large roster over several inserts, and racing issuers never overrun it', async () => {
    const m = await newMeeting(staff, { title: '大名册', eligible: 2500, subjects: [{ name: '支部' }] });
    // Racing requests all pass the service's early roster check; the batch must refuse the rest.
    const replies = await Promise.all(Array.from({ length: 4 }, () => staff.post(`/api/meetings/${m.id}/tokens`, { count: 1500 })));
    expect(replies.filter((r) => r.status === 201).map((r) => r.body.tokens.length)).toEqual([1500]);
    expect(new Set(replies.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 roster_exceeded']));
    expect(d1('SELECT 1 FROM tokens WHERE meeting_id = ?', m.id)).toHaveLength(1500);
    expect((await staff.post(`/api/meetings/${m.id}/tokens`, { count: 1000 })).status).toBe(201);
    expect(d1('SELECT 1 FROM tokens WHERE meeting_id = ?', m.id)).toHaveLength(2500);
    expect((await staff.get(`/api/meetings/${m.id}`)).body.issued).toBe(2500);
  });

  it('lets concurrent issuers share a category roster without ever overrunning it', async () => {
    const m = await newMeeting(staff, { title: '抢发', categories: [{ key: 'party', label: '党员', eligible: 20 }, { key: 'rep', label: '代表', eligible: 5 }], subjects: [{ name: '支部' }] });
    const replies = await Promise.all(Array.from({ length: 10 }, () => staff.post(`/api/meetings/${m.id}/tokens`, { count: 3, category: 'party' })));
    const issued = replies.filter((r) => r.status === 201).length;
    const dropped = replies.filter(droppedByProxy).length; // outcome unknown: the worker may have issued them
    expect(issued).toBeLessThanOrEqual(6);
    expect(issued).toBeGreaterThanOrEqual(6 - dropped);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(10 - issued - dropped);
    // Topping up one by one ends at the same roster, never past it.
    for (let i = issued; i < 7; i++) if ((await staff.post(`/api/meetings/${m.id}/tokens`, { count: 3, category: 'party' })).status !== 201) break;
    const meeting = (await staff.get(`/api/meetings/${m.id}`)).body;
    expect(meeting).toMatchObject({ issued: 18, categories: [expect.objectContaining({ key: 'party', issued: 18 }), expect.objectContaining({ key: 'rep', issued: 0 })] });
    expect(d1('SELECT 1 FROM tokens WHERE meeting_id = ? AND category = ?', m.id, 'party')).toHaveLength(18);
  });

  it('prints QR links on the origin it is served from when MINPING_PUBLIC_URL is unset', async () => {
    const m = await newMeeting(staff, { title: '链接', eligible: 1, subjects: [{ name: '支部' }] });
    const res = await staff.post(`/api/meetings/${m.id}/tokens`, { count: 1 });
    expect(res.body.urls).toEqual([`${target.url}/b/${res.body.tokens[0]}`]);
  });

  it('streams live turnout: every vote and the close reach each watcher, even after the polling one leaves', async () => {
    const m = await newMeeting(staff, { title: '实时（Workers）', eligible: 6, subjects: [{ name: '支部' }] });
    const tokens = await issue(staff, m.id, 3);
    await staff.post(`/api/meetings/${m.id}/open`);
    const auth = { authorization: `Bearer ${target.adminKey}` };
    const watchers = await Promise.all([1, 2, 3].map(() => openStream(`${target.url}/api/meetings/${m.id}/turnout/stream`, auth)));
    expect(watchers.map((w) => w.status)).toEqual([200, 200, 200]);
    await Promise.all(watchers.map((w) => w.waitFor((e) => e.data.status === 'open' && e.data.cast === 0)));
    const vote = async (i: number, still: typeof watchers) => {
      expect((await voter.post('/api/ballots', { token: tokens[i], choices: allGraded(m.subjects, 'satisfied') })).status).toBe(201);
      await Promise.all(still.map((w) => w.waitFor((e) => e.data.cast === i + 1)));
    };
    await vote(0, watchers);
    // The first watcher polls for all; when its screen closes, another must take over.
    watchers[0].close();
    const rest = watchers.slice(1);
    await vote(1, rest);
    await vote(2, rest);
    await staff.post(`/api/meetings/${m.id}/close`);
    await Promise.all(rest.map((w) => w.ended));
    for (const w of rest) expect(w.events.at(-1)!.data).toMatchObject({ status: 'closed', cast: 3, eligible: 6, required: 4, quorumMet: false });
  });

  it('throttles token guessing per client address (cf-connecting-ip), not the whole room', async () => {
    const guess = (ip: string) => voter.post('/api/ballots', { token: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', choices: {} }, { 'cf-connecting-ip': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await guess('203.0.113.9')).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await guess('203.0.113.10')).status).toBe(404);
  });
});
