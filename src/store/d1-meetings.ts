import { asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { chunk } from '../lib/chunk';
import { toMeeting } from './rows';
import type { NewMeeting } from './types';
import type { Meeting } from '../domain/meeting';

const { categories, meetings, subjects } = schema;
export type D1Db = DrizzleD1Database<typeof schema>;

/** D1 allows 100 bound parameters per statement; multi-row inserts are cut to fit. */
const D1_MAX_PARAMS = 100;
const rowsPerInsert = (paramsPerRow: number) => Math.floor(D1_MAX_PARAMS / paramsPerRow);

/** The meeting and its roster and ballot subjects, written in one batch (one implicit transaction). */
export async function insertMeeting(db: D1Db, m: NewMeeting): Promise<void> {
  const { categories: cats, subjects: subs, ...row } = m;
  const catRows = cats.map((c, position) => ({ ...c, meetingId: m.id, position, issued: 0 }));
  const subRows = subs.map((s, position) => ({ ...s, meetingId: m.id, position }));
  await db.batch([
    db.insert(meetings).values(row),
    ...chunk(catRows, rowsPerInsert(6)).map((rows) => db.insert(categories).values(rows)),
    ...chunk(subRows, rowsPerInsert(5)).map((rows) => db.insert(subjects).values(rows)),
  ]);
}

/**
 * Meetings matching `where`, newest first, with their categories and subjects: three selects
 * in one round trip instead of one query per meeting.
 */
export async function selectMeetings(db: D1Db, where: SQL | undefined): Promise<Meeting[]> {
  const ids = db.select({ id: meetings.id }).from(meetings).where(where);
  const [rows, cats, subs] = await db.batch([
    db.select().from(meetings).where(where).orderBy(desc(meetings.createdAt)),
    db.select().from(categories).where(inArray(categories.meetingId, ids)).orderBy(asc(categories.position)),
    db.select().from(subjects).where(inArray(subjects.meetingId, ids)).orderBy(asc(subjects.position)),
  ]);
  const catsOf = groupBy(cats, (c) => c.meetingId);
  const subsOf = groupBy(subs, (s) => s.meetingId);
  return rows.map((row) =>
    toMeeting(
      row,
      (catsOf.get(row.id) ?? []).map(({ key, label, eligible, issued }) => ({ key, label, eligible, issued })),
      (subsOf.get(row.id) ?? []).map(({ id, name, kind, entryId }) => ({ id, name, kind, entryId })),
    ),
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export const byId = (id: string) => eq(meetings.id, id);
