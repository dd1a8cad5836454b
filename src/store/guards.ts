import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { categories, meetings, tokens } from '../../db/schema';
import type { MeetingStatus } from '../domain/meeting-state';
import type { CastOutcome, TokenRow } from './types';

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

/** Why a spend for `meetingId` changed nothing, read from the token and its meeting as they are now. */
export function refusedBecause(meetingId: string, token: Pick<TokenRow, 'meetingId' | 'state'> | null, meetingStatus: MeetingStatus | undefined): CastOutcome {
  if (!token || token.meetingId !== meetingId) return 'unknown';
  if (meetingStatus !== 'open') return 'not_open';
  return token.state === 'void' ? 'void' : 'used';
}
