import { asc, eq, sql } from 'drizzle-orm';
import { meetings, subjects } from '../../db/schema';
import type { AnyDb } from './rows';
import type { BallotForm } from './types';

/** Enough for a county's evaluation day; past it the cache starts again. */
const MAX_SUBJECTS = 50_000;

/**
 * Ballot forms by subject id. A meeting's subjects change only while it is a draft (which takes
 * no ballot), so a form read once the meeting has opened stays right for the life of the process
 * (or Workers isolate); a draft's form is read afresh each time. Unknown subjects are not
 * remembered: made-up ids cannot fill memory.
 */
export class BallotForms {
  private readonly bySubject = new Map<string, BallotForm>();

  async get(db: AnyDb, subjectId: string): Promise<BallotForm | null> {
    const known = this.bySubject.get(subjectId);
    if (known) return known;
    const read = await readBallotForm(db, subjectId);
    if (!read) return null;
    const { frozen, ...form } = read;
    if (!frozen) return form;
    if (this.bySubject.size >= MAX_SUBJECTS) this.bySubject.clear();
    for (const s of form.subjects) this.bySubject.set(s.id, form);
    return form;
  }
}

/** One query: every subject of the meeting that `subjectId` belongs to, in ballot order. */
async function readBallotForm(db: AnyDb, subjectId: string): Promise<(BallotForm & { frozen: boolean }) | null> {
  const rows = await db
    .select({
      id: subjects.id,
      meetingId: subjects.meetingId,
      name: subjects.name,
      kind: subjects.kind,
      frozen: sql<number>`(select ${meetings.status} <> 'draft' from ${meetings} where ${meetings.id} = ${subjects.meetingId})`,
    })
    .from(subjects)
    .where(eq(subjects.meetingId, sql`(select s.meeting_id from ${subjects} s where s.id = ${subjectId})`))
    .orderBy(asc(subjects.position));
  if (rows.length === 0) return null;
  return { meetingId: rows[0].meetingId, frozen: Boolean(rows[0].frozen), subjects: rows.map(({ id, name, kind }) => ({ id, name, kind })) };
}
