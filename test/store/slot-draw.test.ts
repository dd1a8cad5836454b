import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../src/lib/random';
import type { SqliteStore } from '../../src/store/sqlite-store';
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
