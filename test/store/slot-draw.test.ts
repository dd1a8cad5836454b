import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/random';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { Vacancies } from '../../src/store/vacancies.js';
import { openSqlite, type OpenedStore } from './open-stores';
import { hashes, meeting } from './store-contract';

describe('the empty slot a vote takes (SQLite file, writer thread)', () => {
  let opened: OpenedStore;
  let store: SqliteStore;
  beforeAll(async () => {
    opened = await openSqlite();
    store = opened.store as SqliteStore;
  });
  afterAll(() => opened?.close());

  async function openMeeting() {
    const m = meeting({ status: 'open', eligible: 1000 });
    await store.createMeeting(m);
    return m.id;
  }
  const vote = (meetingId: string, tokenHash: string) => store.castBallot({ tokenHash, meetingId, id: randomId(), channel: 'phone', grades: '1', receipt: randomId(5) });
  const vacant = (meetingId: string) =>
    (store.sqlite.prepare("select id from ballots where meeting_id = ? and state = 'vacant'").all(meetingId) as { id: string }[]).map((r) => r.id);
  const rows = (meetingId: string) => (store.sqlite.prepare('select count(*) as n from ballots where meeting_id = ?').get(meetingId) as { n: number }).n;

  it('a slip printed while the meeting votes is as likely to take any empty slot: earlier slips’ slots are not used up first', async () => {
    let oldTaken = 0;
    for (let trial = 0; trial < 3; trial++) {
      const id = await openMeeting();
      const first = hashes(2);
      await store.issueTokens(id, '', first);
      expect(await vote(id, first[0])).toBe('cast');
      const [old] = vacant(id);
      // 200 more slips printed mid-vote: the next vote takes the old slot only 1 time in 201.
      const more = hashes(200);
      await store.issueTokens(id, '', more);
      expect(await vote(id, more[0])).toBe('cast');
      if (!vacant(id).includes(old)) oldTaken++;
    }
    expect(oldTaken).toBeLessThanOrEqual(1);
  });

  it('every vote fills a slot issued with the slips, even slips printed mid-vote: no ballot row is ever added', async () => {
    const id = await openMeeting();
    const first = hashes(3);
    await store.issueTokens(id, '', first);
    expect(await vote(id, first[0])).toBe('cast');
    const later = hashes(3);
    await store.issueTokens(id, '', later);
    const outcomes = await Promise.all([...first.slice(1), ...later].map((h) => vote(id, h)));
    expect(outcomes).toEqual(Array(5).fill('cast'));
    expect(rows(id)).toBe(6);
    expect(vacant(id)).toEqual([]);
    expect(await store.castCounts(id)).toEqual({ '': 6 });
  });
});

describe("the writer's list of empty slots", () => {
  // Slips issue 128-bit hex ids (kept packed); a slot migrated from an older release may have any id.
  const ids = ['00ff10aa'.repeat(4), 'abcdef0123456789'.repeat(2), '0123456789abcdef'.repeat(2), 'V1StGXR8_Z5jdHi6B-myT'];
  const at = { meetingId: 'm', category: '' };
  const listOf = (reads: { n: number }) => new Vacancies({ column: () => (reads.n++, [...ids]) }, null);

  it('hands out every empty slot once, whatever the form of its id, then reads the table again', () => {
    const reads = { n: 0 };
    const v = listOf(reads);
    v.refresh();
    const taken = ids.map(() => v.take(at));
    expect([...taken].sort()).toEqual([...ids].sort());
    expect(reads.n).toBe(1);
    v.take(at);
    expect(reads.n).toBe(2);
  });

  it('draws each empty slot as often as any other', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const v = listOf({ n: 0 });
      v.refresh();
      const id = v.take(at)!;
      firsts.set(id, (firsts.get(id) ?? 0) + 1);
    }
    // 1,000 expected each (σ ≈ 27): ±150 is beyond 5σ for a fair draw.
    for (const id of ids) expect(Math.abs((firsts.get(id) ?? 0) - 1000)).toBeLessThan(150);
  });
});
