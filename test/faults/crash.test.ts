import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { allGraded, issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

const ROUNDS = 4;
const TOKENS = 1600;
const CONCURRENCY = 40;
const GRADES: GradeName[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'];

describe('power cuts in the middle of a vote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-crash-'));
  const dbFile = join(dir, 'minping.db');
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged ballot and counts no unspent token across repeated kill -9', async () => {
    server = await startChildServer(dbFile);
    const admin = () => client(server!.url, TEST_ADMIN_KEY);
    const m = await newMeeting(admin(), { title: '断电测试', eligible: TOKENS, subjects: [{ name: '村党支部' }, { name: '第一书记' }] });
    const tokens = await issue(admin(), m.id, TOKENS);
    expect((await admin().post(`/api/meetings/${m.id}/open`)).status).toBe(200);

    const acknowledged = new Map<string, string>(); // token → receipt the voter was shown
    const queue = [...tokens];
    let unknown: string[] = []; // the connection dropped: the voter does not know
    let crashes = 0;
    let retried = 0;
    let retriedFoundCounted = 0; // the server had committed it, the voter never heard back

    /** One voter's attempt; a 409 token_used with a receipt is the slip saying "already counted". */
    async function vote(url: string, token: string, retry = false): Promise<void> {
      let res: Response;
      try {
        res = await fetch(`${url}/api/ballots`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, choices: allGraded(m.subjects, GRADES[token.charCodeAt(0) % 4]) }),
        });
      } catch {
        unknown.push(token);
        return;
      }
      const body: any = await res.json().catch(() => null);
      if (res.status === 201) acknowledged.set(token, body.receipt);
      else if (retry && res.status === 409 && body?.error?.code === 'token_used') {
        retriedFoundCounted++;
        acknowledged.set(token, body.error.receipt);
      }
      else throw new Error(`unexpected ${res.status} ${JSON.stringify(body)}`);
    }

    for (let round = 0; round <= ROUNDS; round++) {
      const url = server.url;
      // Voters whose connection dropped try again: either it counts now, or the slip shows the receipt.
      const retry = unknown;
      unknown = [];
      retried += retry.length;
      for (const t of retry) await vote(url, t, true);
      expect(unknown).toEqual([]);
      const turnout = (await admin().get(`/api/meetings/${m.id}/turnout`)).body;
      expect(turnout.cast).toBe(acknowledged.size);
      if (round === ROUNDS) break;

      // A crowd voting at once; the power goes off once a random number of them got a receipt.
      const killAfter = acknowledged.size + 80 + Math.floor(Math.random() * 200);
      let dead = false;
      const voters = Array.from({ length: CONCURRENCY }, async () => {
        while (!dead && queue.length) {
          await vote(url, queue.shift()!);
          if (!dead && acknowledged.size >= killAfter) {
            dead = true;
            await server!.kill9();
            crashes++;
          }
        }
      });
      await Promise.all(voters);
      expect(dead).toBe(true);
      server = await startChildServer(dbFile);
    }

    // Every acknowledged token is spent, with the very receipt its voter was shown.
    for (const [token, receipt] of acknowledged) {
      const again = await client(server.url).post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'token_used', receipt });
    }
    expect((await admin().post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const results = (await admin().get(`/api/meetings/${m.id}/results`)).body;
    const receipts: string[] = (await client(server.url).get(`/api/meetings/${m.id}/receipts`)).body.receipts;
    await server.stop();
    server = undefined;

    expect(results.cast).toBe(acknowledged.size);
    expect(receipts.length).toBe(results.cast);
    const published = new Set(receipts);
    for (const r of acknowledged.values()) expect(published.has(r)).toBe(true);

    // On the file itself: one ballot per spent token, nothing half-written.
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const used = db.prepare("select count(*) n from tokens where meeting_id = ? and state = 'used'").get(m.id) as { n: number };
    const stored = db.prepare("select count(*) n from ballots where meeting_id = ? and state <> 'vacant'").get(m.id) as { n: number };
    const sealed = db.prepare("select count(*) n from ballots where meeting_id = ? and state = 'sealed'").get(m.id) as { n: number };
    // Cut between a vote's two commits: counted in turnout, in no subject (their pad is gone).
    const orphans = db.prepare("select count(*) n from ballots where meeting_id = ? and state = 'orphan'").get(m.id) as { n: number };
    db.close();
    expect(used.n).toBe(stored.n);
    expect(stored.n).toBe(results.cast);
    expect(sealed.n).toBe(0);

    console.log(`crash safety: ${crashes} kill -9 survived, ${acknowledged.size} ballots acknowledged, ${results.cast} counted; ${retried} votes cut off in flight were retried, ${retriedFoundCounted} of them had been stored and showed their receipt (${orphans.n} cut between their two commits: in turnout, in no subject)`);
    expect(crashes).toBe(ROUNDS);
  });
});
