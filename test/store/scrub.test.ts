import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRule } from '../../src/domain/rule';
import { randomId } from '../../src/lib/random';
import { rewritesWholeFile } from '../../src/store/sqlite-scrub';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import type { NewMeeting } from '../../src/store/types';
import { dbBytes } from '../faults/db-bytes';

/** With categories, or without: then every ballot shares one category, and only arrival order could order them. */
const meeting = (eligible: number, withCategories: boolean): NewMeeting => ({
  id: randomId(),
  title: '改写测试',
  organization: null,
  rule: resolveRule('standard'),
  status: 'open',
  eligible,
  categories: withCategories
    ? [
        { key: 'party', label: '党员', eligible: eligible / 2 },
        { key: 'rep', label: '代表', eligible: eligible / 2 },
      ]
    : [],
  subjects: [{ id: randomId(8), name: '支部', kind: null }],
  createdBy: 'test',
  createdAt: new Date().toISOString(),
});

function kendallTau(order: number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) (order[i] < order[j] ? concordant++ : discordant++);
  return (concordant - discordant) / ((order.length * (order.length - 1)) / 2);
}

async function withStore(run: (store: SqliteStore, file: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'minping-scrub-'));
  const file = join(dir, 'minping.db');
  const store = new SqliteStore(openDatabase(file));
  try {
    await run(store, file);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A meeting of `eligible` slips, `voting` of them cast one by one in a known order. */
async function votedMeeting(store: SqliteStore, eligible: number, voting: number, withCategories = false) {
  const m = meeting(eligible, withCategories);
  await store.createMeeting(m);
  const hashes = Array.from({ length: eligible }, () => randomId(32));
  if (withCategories) {
    await store.issueTokens(m.id, 'party', hashes.slice(0, eligible / 2));
    await store.issueTokens(m.id, 'rep', hashes.slice(eligible / 2));
  } else {
    await store.issueTokens(m.id, '', hashes);
  }
  const arrival: string[] = [];
  for (const h of hashes.slice(0, voting)) {
    const id = randomId();
    expect(await store.castBallot({ tokenHash: h, meetingId: m.id, id, channel: 'phone', grades: '1', receipt: randomId(5) })).toBe('cast');
    arrival.push(id);
  }
  return { m, hashes, arrival };
}

const snapshot = async (store: SqliteStore, id: string, hashes: string[]) => ({
  counts: await store.castCounts(id),
  ballots: (await store.ballots(id)).map((b) => JSON.stringify(b)).sort(),
  receipts: (await store.receipts(id)).sort(),
  tokens: await Promise.all(hashes.map((h) => store.tokenByHash(h))),
});

describe('forgetting arrival order at close (SQLite)', () => {
  it.each([
    ['alone in the file, by VACUUM', 0],
    ['among 3,000 other slips, by rewriting its own rows', 3000],
    ['voted while 2,000 other ballots split pages around it, by rewriting its own rows', 6000],
  ])('a closed meeting %s: rows kept, other meetings untouched, WAL empty, bytes out of arrival order', async (_how, others) => {
    await withStore(async (store, file) => {
      const other = others ? await votedMeeting(store, others, others > 3000 ? 1000 : 20, true) : null;
      const { m, hashes, arrival } = await votedMeeting(store, 60, 50);
      if (other && others > 3000) {
        for (const h of other.hashes.slice(1000, 2000)) {
          await store.castBallot({ tokenHash: h, meetingId: other.m.id, id: randomId(), channel: 'phone', grades: '2', receipt: randomId(5) });
        }
      }
      expect(rewritesWholeFile(60, 60 + others)).toBe(others === 0);
      const closedBefore = await snapshot(store, m.id, hashes);
      const otherBefore = other && (await snapshot(store, other.m.id, other.hashes));

      await store.setStatus(m.id, 'open', 'closed', new Date().toISOString());
      await store.forgetArrivalOrder(m.id);

      expect(statSync(`${file}-wal`).size).toBe(0);
      const bytes = dbBytes(file);
      const byBytes = arrival
        .map((id, i) => ({ at: bytes.indexOf(Buffer.from(id)), i }))
        .sort((a, b) => a.at - b.at)
        .map((x) => x.i);
      // Every id once (no stale copy ahead of it), in no telling order (|tau| ≈ 0.1 at random).
      expect(arrival.map((id) => bytes.indexOf(Buffer.from(id)) === bytes.lastIndexOf(Buffer.from(id)))).not.toContain(false);
      expect(Math.abs(kendallTau(byBytes))).toBeLessThan(0.4);
      expect(await snapshot(store, m.id, hashes)).toEqual(closedBefore);
      if (other) {
        expect(await snapshot(store, other.m.id, other.hashes)).toEqual(otherBefore);
        // The meeting still open votes on.
        const next = { tokenHash: other.hashes.at(-1)!, meetingId: other.m.id, id: randomId(), channel: 'paper' as const, grades: '1', receipt: randomId(5) };
        expect(await store.castBallot(next)).toBe('cast');
      }
    });
  });
});
