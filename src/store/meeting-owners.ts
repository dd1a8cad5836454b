import { and, asc, eq } from 'drizzle-orm';
import * as schema from '../../db/schema';
import { toUser, type AnyDb } from './rows';
import type { User } from '../domain/people';

const { meetingSupervisors, meetings, users } = schema;

/** Who runs a meeting besides its creator, and the meeting's digest salt: both stores, one code. */

export async function insertCoSupervisor(db: AnyDb, meetingId: string, userId: string, at: string): Promise<void> {
  await db.insert(meetingSupervisors).values({ meetingId, userId, addedAt: at }).onConflictDoNothing();
}

export async function deleteCoSupervisor(db: AnyDb, meetingId: string, userId: string): Promise<void> {
  await db.delete(meetingSupervisors).where(and(eq(meetingSupervisors.meetingId, meetingId), eq(meetingSupervisors.userId, userId)));
}

export async function selectCoSupervisors(db: AnyDb, meetingId: string): Promise<User[]> {
  const rows = await db
    .select({ user: users })
    .from(meetingSupervisors)
    .innerJoin(users, eq(users.id, meetingSupervisors.userId))
    .where(eq(meetingSupervisors.meetingId, meetingId))
    .orderBy(asc(meetingSupervisors.addedAt));
  return rows.map((r) => toUser(r.user));
}

/** The meetings `userId` was added to (not those they created: meetings.created_by says that). */
export async function selectCoSupervised(db: AnyDb, userId: string): Promise<string[]> {
  const rows = await db.select({ id: meetingSupervisors.meetingId }).from(meetingSupervisors).where(eq(meetingSupervisors.userId, userId));
  return rows.map((r) => r.id);
}

export async function selectBallotSalt(db: AnyDb, meetingId: string): Promise<string | null> {
  const row = await db.select({ salt: meetings.ballotSalt }).from(meetings).where(eq(meetings.id, meetingId)).get();
  return row?.salt ?? null;
}
