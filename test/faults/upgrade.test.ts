import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allGraded } from '../helpers/scenario';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

/** A database written by the release before ballot slots (b4e9b0b; see test/fixtures/make-legacy-db.ts). */
const FIXTURE = new URL('../fixtures/legacy-b4e9b0b', import.meta.url).pathname;
const legacy = JSON.parse(readFileSync(`${FIXTURE}.json`, 'utf8'));

describe('upgrading a database made by the release before ballot slots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-upgrade-'));
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every ballot, receipt and audit chain, rewrites the file once, and lets the open meeting vote on', async () => {
    const dbFile = join(dir, 'minping.db');
    copyFileSync(`${FIXTURE}.db`, dbFile);
    server = await startChildServer(dbFile);
    const admin = client(server.url, legacy.adminKey);
    const voter = client(server.url);
    const sortedReceipts = (m: { used: { receipt: string }[] }) => m.used.map((u) => u.receipt).sort();

    // The closed meeting: the same results, receipts and a chain that verifies.
    const { closed, open } = legacy;
    // The results as the old release gave them (newer releases add fields, e.g. the publication floor).
    // One change is by design: a voided slip no longer holds its roster place (issued = issued − voided).
    const voidedIn = (key: string) => (key === 'party' ? 1 : 0); // make-legacy-db.ts voids one 党员 slip
    const expected = {
      ...closed.results,
      categories: closed.results.categories.map((c: { key: string; issued: number }) => ({ ...c, issued: c.issued - voidedIn(c.key) })),
    };
    expect((await admin.get(`/api/meetings/${closed.id}/results`)).body).toMatchObject(expected);
    expect((await voter.get(`/api/meetings/${closed.id}/receipts`)).body.receipts).toEqual(sortedReceipts(closed));
    for (const m of [closed, open]) expect((await admin.get(`/api/meetings/${m.id}/audit`)).body.verified).toBe(true);

    // The open meeting: its turnout, its spent, void and unused slips as they were.
    expect((await admin.get(`/api/meetings/${open.id}/turnout`)).body).toMatchObject({ cast: open.turnout.cast, categories: open.turnout.categories });
    const again = await voter.post('/api/ballots', { token: open.used[0].token, choices: allGraded(open.subjects, 'satisfied') });
    expect(again.body.error).toMatchObject({ code: 'token_used', receipt: open.used[0].receipt });
    expect((await voter.post('/api/ballots', { token: open.voided, choices: allGraded(open.subjects, 'satisfied') })).body.error.code).toBe('token_void');
    const receipts: string[] = sortedReceipts(open);
    for (const token of [...open.unused.party, ...open.unused.rep]) {
      const res = await voter.post('/api/ballots', { token, choices: allGraded(open.subjects, 'dissatisfied') });
      expect(res.status).toBe(201);
      receipts.push(res.body.receipt);
    }
    expect((await admin.post(`/api/meetings/${open.id}/close`)).status).toBe(200);
    const results = (await admin.get(`/api/meetings/${open.id}/results`)).body;
    expect(results.cast).toBe(open.used.length + open.unused.party.length + open.unused.rep.length);
    expect(results.subjects[0].counts.dissatisfied).toBe(open.unused.party.length + open.unused.rep.length + 2);
    expect((await voter.get(`/api/meetings/${open.id}/receipts`)).body.receipts).toEqual(receipts.sort());
    expect((await admin.get(`/api/meetings/${open.id}/audit`)).body.verified).toBe(true);
    await server.stop();
    server = undefined;

    // The file: rewritten once (no chore left), WAL empty, every slip with one slot, no slot left sealed.
    expect(existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('select count(*) n from upkeep').get()).toEqual({ n: 0 });
    const slots = db.prepare("select state, count(*) n from ballots where meeting_id = ? group by state order by state").all(open.id);
    expect(slots).toEqual([
      { state: 'filled', n: results.cast },
      // The void slip's place stays empty: slots were made for the unused slips only.
    ]);
    const tokenRows = db.prepare("select state, length(receipt) len, count(*) n from tokens where meeting_id = ? group by state, len order by state").all(closed.id);
    expect(tokenRows).toEqual([
      { state: 'unused', len: 8, n: 14 - closed.used.length - 1 },
      { state: 'used', len: 10, n: closed.used.length },
      { state: 'void', len: 8, n: 1 },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
