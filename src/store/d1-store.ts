import { and, asc, desc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import type { AuditEvent } from '../domain/audit';
import type { MeetingStatus } from '../domain/meeting-state';
import { BallotForms } from './ballot-forms';
import { selectBallotGroups, selectCastCounts, selectReceipts } from './ballot-reads';
import { issueBatch, spendAndStore } from './d1-atomic';
import { byId, insertMeeting, selectMeetings, type D1Db } from './d1-meetings';
import { whyNotSpent } from './guards';
import { insertSession, removeSession, selectSession } from './sessions';
import { toAuditEvent, toUser } from './rows';
import { receiptOf } from './slots';
import type { CastOutcome, IssueOutcome, NewBallot, NewMeeting, NewSession, Store, TokenRow } from './types';
import type { User } from '../domain/people';

const { auditEvents, meetings, tokens, users } = schema;

/** A store lives for one request; the forms it reads are kept per database binding, for the isolate's life. */
const formCaches = new WeakMap<D1Database, BallotForms>();
function formsOf(d1: D1Database): BallotForms {
  let forms = formCaches.get(d1);
  if (!forms) formCaches.set(d1, (forms = new BallotForms()));
  return forms;
}

/**
 * The Store over Cloudflare D1, made per request from the binding (never kept between
 * requests). Same schema, same migrations, same guarantees as the SQLite store; atomic steps
 * are single batches (d1-atomic.ts).
 */
export class D1Store implements Store {
  readonly db: D1Db;

  constructor(private readonly d1: D1Database) {
    this.db = drizzle(d1, { schema });
  }

  async createUser(user: User & { keyHash: string }) {
    await this.db.insert(users).values(user);
  }
  async userByKeyHash(keyHash: string) {
    const row = await this.db.select().from(users).where(eq(users.keyHash, keyHash)).get();
    return row ? toUser(row) : null;
  }
  async listUsers() {
    return (await this.db.select().from(users).orderBy(asc(users.createdAt))).map(toUser);
  }
  async revokeUser(id: string) {
    return (await this.db.update(users).set({ revoked: true }).where(eq(users.id, id))).meta.changes === 1;
  }
  async countUsers() {
    return this.db.$count(users);
  }

  createSession(session: NewSession) {
    return insertSession(this.db, session);
  }
  sessionByHash(hash: string, now: string) {
    return selectSession(this.db, hash, now);
  }
  deleteSession(hash: string) {
    return removeSession(this.db, hash);
  }

  async createMeeting(m: NewMeeting) {
    await insertMeeting(this.db, m);
  }
  async getMeeting(id: string) {
    return (await selectMeetings(this.db, byId(id)))[0] ?? null;
  }
  async listMeetings(filter: { status?: MeetingStatus } = {}) {
    return selectMeetings(this.db, filter.status ? eq(meetings.status, filter.status) : undefined);
  }
  async setStatus(id: string, from: MeetingStatus, to: MeetingStatus, at: string) {
    const stamp = to === 'open' ? { openedAt: at } : to === 'closed' ? { closedAt: at } : {};
    const res = await this.db
      .update(meetings)
      .set({ status: to, ...stamp })
      .where(and(eq(meetings.id, id), eq(meetings.status, from)));
    return res.meta.changes === 1;
  }

  async issueTokens(meetingId: string, category: string, hashes: string[]): Promise<IssueOutcome> {
    return (await issueBatch(this.db, meetingId, category, hashes)) ? 'issued' : 'over_roster';
  }
  async tokenByHash(hash: string): Promise<TokenRow | null> {
    const row = await this.db
      .select({ meetingId: tokens.meetingId, category: tokens.category, state: tokens.state, receipt: tokens.receipt })
      .from(tokens)
      .where(eq(tokens.hash, hash))
      .get();
    return row ? { ...row, receipt: receiptOf(row) } : null;
  }
  async voidToken(meetingId: string, hash: string) {
    const res = await this.db
      .update(tokens)
      .set({ state: 'void' })
      .where(and(eq(tokens.hash, hash), eq(tokens.meetingId, meetingId), eq(tokens.state, 'unused')));
    return res.meta.changes === 1;
  }

  async castBallot(b: NewBallot): Promise<CastOutcome> {
    if (await spendAndStore(this.db, b)) return 'cast';
    return whyNotSpent(this.db, b.tokenHash, b.meetingId);
  }
  ballotForm(subjectId: string) {
    return formsOf(this.d1).get(this.db, subjectId);
  }
  castCounts(meetingId: string) {
    return selectCastCounts(this.db, meetingId);
  }
  ballots(meetingId: string) {
    return selectBallotGroups(this.db, meetingId);
  }
  receipts(meetingId: string) {
    return selectReceipts(this.db, meetingId);
  }

  async lastAuditEvent(meetingId: string): Promise<AuditEvent | null> {
    const row = await this.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.meetingId, meetingId))
      .orderBy(desc(auditEvents.seq))
      .limit(1)
      .get();
    return row ? toAuditEvent(row) : null;
  }
  async insertAuditEvent(e: AuditEvent) {
    return (await this.db.insert(auditEvents).values(e).onConflictDoNothing()).meta.changes === 1;
  }
  async auditEvents(meetingId: string) {
    return (await this.db.select().from(auditEvents).where(eq(auditEvents.meetingId, meetingId)).orderBy(asc(auditEvents.seq))).map(toAuditEvent);
  }
}
