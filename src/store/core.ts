import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import * as schema from '../../db/schema';
import type { AuditEvent } from '../domain/audit';
import type { MeetingStatus } from '../domain/meeting-state';
import type { User } from '../domain/people';
import { deleteCoSupervisor, insertCoSupervisor, selectBallotSalt, selectCoSupervised, selectCoSupervisors } from './meeting-owners';
import { toAuditEvent, toUser, type AnyDb } from './rows';
import type { NewSession, SessionRow, Store } from './types';

const { auditEvents, meetings, sessions, tokens, users } = schema;

/**
 * What both stores do the same way, written once over the drizzle handle they share (every
 * query here is awaited, so it runs on better-sqlite3 and on D1 alike): accounts, sessions,
 * meeting state, voiding a slip, the audit trail. SqliteStore and D1Store add only what truly
 * differs: atomic steps (a transaction there, a batch here), meeting reads, the vote path.
 * A write's success is read from RETURNING rows, which both drivers give the same way.
 */
export abstract class StoreCore<Db extends AnyDb> implements Partial<Store> {
  constructor(readonly db: Db) {}

  async createUser(user: User & { keyHash: string }): Promise<void> {
    await this.db.insert(users).values(user);
  }
  async userByKeyHash(keyHash: string): Promise<User | null> {
    const row = await this.db.select().from(users).where(eq(users.keyHash, keyHash)).get();
    return row ? toUser(row) : null;
  }
  async listUsers(): Promise<User[]> {
    return (await this.db.select().from(users).orderBy(asc(users.createdAt))).map(toUser);
  }
  async revokeUser(id: string): Promise<boolean> {
    return (await this.db.update(users).set({ revoked: true }).where(eq(users.id, id)).returning({ id: users.id })).length === 1;
  }
  async countUsers(): Promise<number> {
    return this.db.$count(users);
  }

  async createSession(session: NewSession): Promise<void> {
    // Sign-ins are rare, so this is a fine moment to forget the ones nobody will use again.
    await this.db.delete(sessions).where(lt(sessions.expiresAt, session.createdAt));
    await this.db.insert(sessions).values(session);
  }
  async sessionByHash(hash: string, now: string): Promise<SessionRow | null> {
    const row = await this.db
      .select({ userId: sessions.userId, expiresAt: sessions.expiresAt, user: users })
      .from(sessions)
      .leftJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.hash, hash), gt(sessions.expiresAt, now)))
      .get();
    return row ? { userId: row.userId, expiresAt: row.expiresAt, user: row.user ? toUser(row.user) : null } : null;
  }
  async deleteSession(hash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.hash, hash));
  }

  addCoSupervisor(meetingId: string, userId: string, at: string): Promise<void> {
    return insertCoSupervisor(this.db, meetingId, userId, at);
  }
  removeCoSupervisor(meetingId: string, userId: string): Promise<void> {
    return deleteCoSupervisor(this.db, meetingId, userId);
  }
  coSupervisors(meetingId: string): Promise<User[]> {
    return selectCoSupervisors(this.db, meetingId);
  }
  coSupervisedMeetings(userId: string): Promise<string[]> {
    return selectCoSupervised(this.db, userId);
  }
  ballotSalt(meetingId: string): Promise<string | null> {
    return selectBallotSalt(this.db, meetingId);
  }

  /** Conditional update: only moves from `from`; false when the state had changed. */
  async setStatus(id: string, from: MeetingStatus, to: MeetingStatus, at: string): Promise<boolean> {
    const stamp = to === 'open' ? { openedAt: at } : to === 'closed' ? { closedAt: at } : {};
    const moved = await this.db
      .update(meetings)
      .set({ status: to, ...stamp })
      .where(and(eq(meetings.id, id), eq(meetings.status, from)))
      .returning({ id: meetings.id });
    return moved.length === 1;
  }

  /** Marks an unused token void; false when it was not unused. */
  async voidToken(meetingId: string, hash: string): Promise<boolean> {
    const voided = await this.db
      .update(tokens)
      .set({ state: 'void' })
      .where(and(eq(tokens.hash, hash), eq(tokens.meetingId, meetingId), eq(tokens.state, 'unused')))
      .returning({ hash: tokens.hash });
    return voided.length === 1;
  }

  async lastAuditEvent(meetingId: string): Promise<AuditEvent | null> {
    const row = await this.db.select().from(auditEvents).where(eq(auditEvents.meetingId, meetingId)).orderBy(desc(auditEvents.seq)).limit(1).get();
    return row ? toAuditEvent(row) : null;
  }
  /** false when another writer took this seq first. */
  async insertAuditEvent(event: AuditEvent): Promise<boolean> {
    return (await this.db.insert(auditEvents).values(event).onConflictDoNothing().returning({ seq: auditEvents.seq })).length === 1;
  }
  async auditEvents(meetingId: string): Promise<AuditEvent[]> {
    return (await this.db.select().from(auditEvents).where(eq(auditEvents.meetingId, meetingId)).orderBy(asc(auditEvents.seq))).map(toAuditEvent);
  }
}
