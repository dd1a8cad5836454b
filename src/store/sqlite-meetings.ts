import { asc, eq, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { toMeeting } from './rows';
import type { Meeting, SubjectRow } from '../domain/meeting';

const { categories, meetings, subjects } = schema;

interface Fixed {
  row: typeof meetings.$inferSelect;
  subjects: SubjectRow[];
  hasCategories: boolean;
}

/**
 * Reads meetings for the vote path, thousands of times a second. What the Store can never
 * change after creation (title, rule, roster, subjects, category labels) is read once per
 * meeting; status, issued counts and timestamps are read fresh every time. The vote itself
 * does not rely on this read: its UPDATE checks the meeting is open, atomically, in SQL.
 */
export class MeetingReader {
  private readonly fixed = new Map<string, Fixed>();
  private readonly fixedRow;
  private readonly live;
  private readonly liveCategories;
  private readonly subjects;

  constructor(db: BetterSQLite3Database<typeof schema>) {
    const id = sql.placeholder('id');
    this.fixedRow = db.select().from(meetings).where(eq(meetings.id, id)).prepare();
    this.live = db
      .select({ status: meetings.status, issued: meetings.issued, openedAt: meetings.openedAt, closedAt: meetings.closedAt })
      .from(meetings)
      .where(eq(meetings.id, id))
      .prepare();
    this.liveCategories = db
      .select({ key: categories.key, label: categories.label, eligible: categories.eligible, issued: categories.issued })
      .from(categories)
      .where(eq(categories.meetingId, id))
      .orderBy(asc(categories.position))
      .prepare();
    this.subjects = db
      .select({ id: subjects.id, name: subjects.name, kind: subjects.kind, entryId: subjects.entryId })
      .from(subjects)
      .where(eq(subjects.meetingId, id))
      .orderBy(asc(subjects.position))
      .prepare();
  }

  get(id: string): Meeting | null {
    const fixed = this.fixed.get(id) ?? this.load(id);
    const live = fixed && this.live.get({ id });
    if (!fixed || !live) return null;
    // Fresh arrays for every caller: one editing its copy must not edit the cache.
    return toMeeting({ ...fixed.row, ...live }, fixed.hasCategories ? this.liveCategories.all({ id }) : [], [...fixed.subjects]);
  }

  private load(id: string): Fixed | null {
    const row = this.fixedRow.get({ id });
    if (!row) return null;
    // The meeting, its categories and subjects are written in one transaction: all are here.
    const fixed = { row, subjects: this.subjects.all({ id }), hasCategories: this.liveCategories.all({ id }).length > 0 };
    if (this.fixed.size >= 1000) this.fixed.clear();
    this.fixed.set(id, fixed);
    return fixed;
  }
}
