import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { categories, meetings, tokens } from '../../db/schema';
import type { AnyDb } from './rows';
import type { CastOutcome } from './types';

/**
 * The WHERE clauses that carry the product's guarantees, shared by the SQLite and D1 stores so
 * both runtimes refuse exactly the same things. `hash` may be a value or a prepared placeholder.
 */

/** A token may be spent only while unused, for its own meeting, and while that meeting is open. */
export const spendable = (hash: string | SQLWrapper, meetingId: string | SQLWrapper) =>
  and(
    eq(tokens.hash, hash),
    eq(tokens.meetingId, meetingId),
    eq(tokens.state, 'unused'),
    sql`exists (select 1 from ${meetings} where ${meetings.id} = ${tokens.meetingId} and ${meetings.status} = 'open')`,
  );

/** Room for `n` more tokens in a category's roster. */
export const categoryRoom = (meetingId: string, category: string, n: number) =>
  and(eq(categories.meetingId, meetingId), eq(categories.key, category), sql`${categories.issued} + ${n} <= ${categories.eligible}`);

/** Room for `n` more tokens in a meeting without categories. */
export const meetingRoom = (meetingId: string, n: number) =>
  and(eq(meetings.id, meetingId), sql`${meetings.issued} + ${n} <= ${meetings.eligible}`);

/** Why a spend of `tokenHash` for `meetingId` changed nothing, read from the token and its meeting as they are now. */
export async function whyNotSpent(db: AnyDb, tokenHash: string, meetingId: string): Promise<CastOutcome> {
  const row = await db
    .select({ meetingId: tokens.meetingId, state: tokens.state, status: meetings.status })
    .from(tokens)
    .innerJoin(meetings, eq(meetings.id, tokens.meetingId))
    .where(eq(tokens.hash, tokenHash))
    .get();
  if (!row || row.meetingId !== meetingId) return 'unknown';
  if (row.status !== 'open') return 'not_open';
  return row.state === 'void' ? 'void' : 'used';
}
