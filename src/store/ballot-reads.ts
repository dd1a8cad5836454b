import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { ballots, tokens } from '../../db/schema';
import type { StoredBallot } from '../domain/results';
import type { AnyDb } from './rows';

/** What both stores read about a meeting's ballots, written once for either drizzle handle. */

/**
 * Ballots per category (key '' for a meeting without categories): every slot not empty, so a
 * vote counts in turnout from its first commit on (a sealed slot, an orphan too).
 */
export async function selectCastCounts(db: AnyDb, meetingId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ category: ballots.category, n: sql<number>`count(*)` })
    .from(ballots)
    .where(and(eq(ballots.meetingId, meetingId), ne(ballots.state, 'vacant')))
    .groupBy(ballots.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.n]));
}

/**
 * A meeting's ballots with identical ones counted together: results read a few hundred groups,
 * not every row, and hold none of them in memory one by one. Rows come as arrays: drizzle's
 * mapping to objects was a third of the read (10 of 30 ms for 10,000 distinct ballots).
 * Filled slots, and orphans (sealed slots a crash left unopenable): their grades are
 * placeholders, so they count in `cast` and in no subject.
 */
export async function selectBallotGroups(db: AnyDb, meetingId: string): Promise<StoredBallot[]> {
  const rows = await db
    .select({ category: ballots.category, channel: ballots.channel, grades: ballots.grades, count: sql<number>`count(*)` })
    .from(ballots)
    .where(and(eq(ballots.meetingId, meetingId), inArray(ballots.state, ['filled', 'orphan'])))
    .groupBy(ballots.category, ballots.channel, ballots.grades)
    .values();
  return rows.map(([category, channel, grades, count]) => ({ category, channel, grades, count }) as StoredBallot);
}

/** The receipts of the meeting's spent slips, in no particular order (the meeting index, then each row). */
export async function selectReceipts(db: AnyDb, meetingId: string): Promise<string[]> {
  const rows = await db
    .select({ receipt: tokens.receipt })
    .from(tokens)
    .where(and(eq(tokens.meetingId, meetingId), eq(tokens.state, 'used')));
  return rows.map((r) => r.receipt as string);
}
