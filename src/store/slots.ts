import { and, eq, sql } from 'drizzle-orm';
import { ballots } from '../../db/schema';
import { RECEIPT_LENGTH } from '../domain/codes';
import type { AnyDb } from './rows';

/**
 * Rows that keep one size all their life, so every change rewrites them in place.
 *
 * SQLite overwrites a row in place when its new record is exactly as long as the old one;
 * otherwise it drops the cell and writes it again at the top of the page's free space, which
 * is how a file comes to remember the order things happened in. So a slip and its ballot are
 * both written at issuance at their final sizes:
 * - a token row carries a receipt placeholder. 'unused' is two characters longer than 'used',
 *   so the placeholder is two shorter than a receipt: unused + placeholder and used + receipt
 *   make records of one length. (A voided slip shrinks by two; voiding is no vote.)
 * - one empty ballot slot per slip, 'vacant', with a channel placeholder and one '-' per subject.
 *   A vote fills a random empty slot of its category: same state length, channel length and
 *   grades length, and no index holds a changing column.
 */
export const RECEIPT_PLACEHOLDER = '-'.repeat(RECEIPT_LENGTH - ('unused'.length - 'used'.length));
export const CHANNEL_PLACEHOLDER = '-----';
export const gradesPlaceholder = (subjectCount: number) => '-'.repeat(subjectCount);

/** A slip's real receipt: the placeholder of an unused or void slip is none. */
export const receiptOf = (row: { state: string; receipt: string | null }) => (row.state === 'used' ? row.receipt : null);

/**
 * The queries of the vote path, as drizzle builds them, with placeholders named after the
 * fields the writer fills them from. Both stores and the writer thread share them.
 */
export function slotQueries(db: AnyDb) {
  const p = sql.placeholder;
  const inCategory = and(eq(ballots.meetingId, p('meetingId')), eq(ballots.category, p('category')), eq(ballots.state, 'vacant'));
  return {
    /** Every empty slot of the category: the writer keeps them and draws from them (vacancies.js). */
    vacantIds: db.select({ id: ballots.id }).from(ballots).where(inCategory).toSQL(),
    /** Changes whenever another connection has committed (an issuance among others): the writer's lists are then read again. */
    stamp: { sql: 'select data_version as stamp from pragma_data_version()', params: [] },
    /** Rewrites a slot in place: same state, channel and grades lengths. */
    fill: db
      .update(ballots)
      .set({ state: sql`${p('state')}`, channel: sql`${p('channel')}`, grades: sql`${p('grades')}` })
      .where(and(eq(ballots.meetingId, p('meetingId')), eq(ballots.category, p('category')), eq(ballots.id, p('slot')), eq(ballots.state, sql`${p('from')}`)))
      .toSQL(),
    /** Only if a meeting somehow has no empty slot left: a new row, so no vote is ever lost. */
    append: db
      .insert(ballots)
      .values({ id: p('slot'), meetingId: p('meetingId'), category: p('category'), state: sql`${p('state')}`, channel: sql`${p('channel')}`, grades: p('grades') })
      .toSQL(),
  };
}

/** Ids in key order: each page of the table is written once at issuance, not once per row. */
export const inKeyOrder = (ids: string[]) => [...ids].sort();
