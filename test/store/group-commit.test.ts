import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReceipt, randomId } from '../../src/lib/random';
import { nodeSha256 } from '../../src/runtime/node-platform';
import { ADMIN_ACTOR } from '../../src/http/auth';
import { changeState } from '../../src/services/change-state';
import type { Services } from '../../src/services/context';
import { createMeeting } from '../../src/services/create-meeting';
import { issueTokens } from '../../src/services/issue-tokens';
import { GroupCommit } from '../../src/store/group-commit';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import type { NewBallot } from '../../src/store/types';

/** A store on a real SQLite file (so votes go through the writer thread) or in memory. */
function openStore(file: string) {
  const store = new SqliteStore(openDatabase(file));
  const services: Services = { store, config: { publicUrl: 'http://localhost' }, sha256: nodeSha256 };
  return { store, services };
}

async function openMeeting(services: Services, tokens: number) {
  const meeting = await createMeeting(services, { title: '批量提交测试', eligible: tokens, subjects: [{ name: '支部' }] }, ADMIN_ACTOR);
  const issued = await issueTokens(services, meeting.id, { count: tokens }, ADMIN_ACTOR);
  await changeState(services, meeting.id, 'open', ADMIN_ACTOR);
  return { meetingId: meeting.id, hashes: issued.tokens.map(nodeSha256) };
}

const ballot = (meetingId: string, tokenHash: string, over: Partial<NewBallot> = {}): NewBallot => ({
  tokenHash,
  meetingId,
  id: randomId(),
  channel: 'phone',
  grades: '0',
  receipt: newReceipt(),
  ...over,
});

describe('group commit on a SQLite file (writer thread)', () => {
  let dir: string;
  let file: string;
  let opened: ReturnType<typeof openStore>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'minping-group-'));
    file = join(dir, 'minping.db');
    opened = openStore(file);
  });
  afterAll(async () => {
    await opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a burst of votes on distinct tokens once each, already on disk when answered', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 300);
    const outcomes = await Promise.all(hashes.map((h) => opened.store.castBallot(ballot(meetingId, h))));
    expect(outcomes.every((o) => o === 'cast')).toBe(true);
    // Another connection sees every acknowledged vote: the answers came after the commit.
    const other = new Database(file, { readonly: true });
    expect(other.prepare("select count(*) as n from ballots where meeting_id = ? and state = 'filled'").get(meetingId)).toEqual({ n: 300 });
    expect(other.prepare("select count(*) as n from tokens where meeting_id = ? and state = 'used'").get(meetingId)).toEqual({ n: 300 });
    other.close();
  });

  it('lets one token through once when it is cast 50 times in the same batch', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 1);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => opened.store.castBallot(ballot(meetingId, hashes[0]))));
    expect(outcomes.filter((o) => o === 'cast')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'used')).toHaveLength(49);
    expect(await opened.store.castCounts(meetingId)).toEqual({ '': 1 });
  });

  it('answers every caller its own outcome when batches sent one after another are written as one', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 200);
    // 20 waves a turn of the event loop apart, so the writer thread finds several batches waiting
    // and merges them; each wave repeats a slip of an earlier wave, which must read as used.
    const calls: { hash: string; outcome: Promise<string> }[] = [];
    for (let wave = 0; wave < 20; wave++) {
      for (const hash of hashes.slice(wave * 10, wave * 10 + 10)) calls.push({ hash, outcome: opened.store.castBallot(ballot(meetingId, hash)) });
      if (wave > 0) calls.push({ hash: hashes[(wave - 1) * 10], outcome: opened.store.castBallot(ballot(meetingId, hashes[(wave - 1) * 10])) });
      await new Promise((r) => setImmediate(r));
    }
    const seen = new Set<string>();
    const expected = calls.map((c) => (seen.has(c.hash) ? 'used' : (seen.add(c.hash), 'cast')));
    expect(await Promise.all(calls.map((c) => c.outcome))).toEqual(expected);
    expect(await opened.store.castCounts(meetingId)).toEqual({ '': 200 });
  });

  it('answers each vote of a mixed batch with its own outcome', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 3);
    expect(await opened.store.castBallot(ballot(meetingId, hashes[1]))).toBe('cast');
    expect(await opened.store.voidToken(meetingId, hashes[2])).toBe(true);
    const outcomes = await Promise.all([
      opened.store.castBallot(ballot(meetingId, hashes[0])),
      opened.store.castBallot(ballot(meetingId, hashes[1])),
      opened.store.castBallot(ballot(meetingId, hashes[2])),
      opened.store.castBallot(ballot(meetingId, randomId(32))),
    ]);
    expect(outcomes).toEqual(['cast', 'used', 'void', 'unknown']);
  });

  it('rolls back a ballot that fails inside a batch alone, leaving its token unspent', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 3);
    const results = await Promise.allSettled([
      opened.store.castBallot(ballot(meetingId, hashes[0])),
      opened.store.castBallot(ballot(meetingId, hashes[1], { grades: 'x' })), // not digits: sealing it throws after the spend
      opened.store.castBallot(ballot(meetingId, hashes[2])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await opened.store.tokenByHash(hashes[1]))?.state).toBe('unused');
    expect(await opened.store.castCounts(meetingId)).toEqual({ '': 2 });
  });

  it('refuses votes once the meeting is closed, storing nothing', async () => {
    const { meetingId, hashes } = await openMeeting(opened.services, 2);
    expect(await opened.store.castBallot(ballot(meetingId, hashes[0]))).toBe('cast');
    await changeState(opened.services, meetingId, 'close', ADMIN_ACTOR);
    expect(await opened.store.castBallot(ballot(meetingId, hashes[1]))).toBe('not_open');
    expect(await opened.store.castCounts(meetingId)).toEqual({ '': 1 });
  });

  it('shows a fresh status and issued count although the static parts of a meeting are kept', async () => {
    const meeting = await createMeeting(opened.services, { title: '缓存测试', eligible: 5, subjects: [{ name: '甲' }, { name: '乙' }] }, ADMIN_ACTOR);
    expect((await opened.store.getMeeting(meeting.id))?.status).toBe('draft');
    await issueTokens(opened.services, meeting.id, { count: 2 }, ADMIN_ACTOR);
    await changeState(opened.services, meeting.id, 'open', ADMIN_ACTOR);
    const now = await opened.store.getMeeting(meeting.id);
    expect(now).toMatchObject({ status: 'open', issued: 2, title: '缓存测试' });
    expect(now?.subjects.map((s) => s.name)).toEqual(['甲', '乙']);
  });
});

describe('group commit in memory (no second connection possible)', () => {
  it('casts on the connection itself with the same outcomes', async () => {
    const { store, services } = openStore(':memory:');
    const { meetingId, hashes } = await openMeeting(services, 2);
    const outcomes = await Promise.all([hashes[0], hashes[0], hashes[1]].map((h) => store.castBallot(ballot(meetingId, h))));
    expect(outcomes).toEqual(['cast', 'used', 'cast']);
    await store.close();
  });
});

describe('GroupCommit', () => {
  it('hands everything submitted in one turn of the event loop to a single batch', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>((items) => {
      batches.push(items);
      return items.map((x) => x * 2);
    });
    expect(await Promise.all([1, 2, 3].map((x) => group.submit(x)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('fails only the caller whose slot holds an Error, and everyone when the batch throws', async () => {
    const slot = new GroupCommit<number, number>((items) => items.map((x) => (x === 2 ? new Error('bad') : x)));
    expect((await Promise.allSettled([1, 2, 3].map((x) => slot.submit(x)))).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const whole = new GroupCommit<number, number>(() => {
      throw new Error('disk full');
    });
    expect((await Promise.allSettled([1, 2].map((x) => whole.submit(x)))).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('cuts a burst into batches of at most maxBatch, each caller answered by its own', async () => {
    const sizes: number[] = [];
    let running = 0;
    let most = 0;
    const group = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        return items.map((x) => x + 1);
      },
      2,
      100,
    );
    const burst = Array.from({ length: 450 }, (_, i) => i);
    expect(await Promise.all(burst.map((x) => group.submit(x)))).toEqual(burst.map((x) => x + 1));
    expect(sizes).toEqual([100, 100, 100, 100, 50]);
    expect(most).toBe(2);
  });

  it.each([1, 2])('never has more than %i batches out at once', async (depth) => {
    let running = 0;
    let most = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items;
    }, depth);
    await Promise.all(Array.from({ length: 30 }, (_, i) => new Promise((r) => setTimeout(r, i)).then(() => group.submit(i))));
    expect(most).toBe(depth);
  });
});
