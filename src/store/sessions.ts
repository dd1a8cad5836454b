import { and, eq, gt, lt } from 'drizzle-orm';
import * as schema from '../../db/schema';
import { toUser, type AnyDb } from './rows';
import type { NewSession, SessionRow } from './types';

const { sessions, users } = schema;

export async function insertSession(db: AnyDb, session: NewSession): Promise<void> {
  // Sign-ins are rare, so this is a fine moment to forget the ones nobody will use again.
  await db.delete(sessions).where(lt(sessions.expiresAt, session.createdAt));
  await db.insert(sessions).values(session);
}

export async function selectSession(db: AnyDb, hash: string, now: string): Promise<SessionRow | null> {
  const row = await db
    .select({ userId: sessions.userId, expiresAt: sessions.expiresAt, user: users })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.hash, hash), gt(sessions.expiresAt, now)))
    .get();
  return row ? { userId: row.userId, expiresAt: row.expiresAt, user: row.user ? toUser(row.user) : null } : null;
}

export async function removeSession(db: AnyDb, hash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.hash, hash));
}
