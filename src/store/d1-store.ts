import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import type { MeetingStatus } from '../domain/meeting-state';
import { BallotForms } from './ballot-forms';
import { selectBallotGroups, selectCastCounts, selectReceipts } from './ballot-reads';
import { issueBatch, spendAndStore } from './d1-atomic';
import { byId, insertMeeting, selectMeetings, type D1Db } from './d1-meetings';
import { whyNotSpent } from './guards';
import { draftDeleteStatements, draftEditStatements, selectSlipCounts, voidSlipStatements, voidUnusedStatements } from './slip-edits';
import { StoreCore } from './core';
import { SeasonStore } from './seasons';
import { receiptOf } from './slots';
import type { CastOutcome, DraftEdit, IssueOutcome, NewBallot, NewMeeting, Store, TokenRow } from './types';

const { meetings, tokens } = schema;

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
export class D1Store extends StoreCore<D1Db> implements Store {
  readonly seasons: SeasonStore;

  constructor(private readonly d1: D1Database) {
    super(drizzle(d1, { schema }));
    // D1 refuses BEGIN: one batch is its one transaction.
    this.seasons = new SeasonStore(this.db, async (steps) =>
      steps.length === 0 ? [] : (await this.db.batch(steps as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])).map((r) => (r as D1Result).meta.changes),
    );
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
  /** One batch (one transaction on D1's single writer); the changes of each statement. */
  private async inBatch(statements: unknown[]): Promise<number[]> {
    const results = await this.db.batch(statements as never);
    return (results as unknown as D1Result[]).map((r) => r.meta.changes);
  }
  async voidToken(meetingId: string, hash: string) {
    return (await this.inBatch(voidSlipStatements(this.db, meetingId, hash)))[0] === 1;
  }
  async voidUnused(meetingId: string, category: string | null) {
    return (await this.inBatch(voidUnusedStatements(this.db, meetingId, category))).at(-1)!;
  }
  slipCounts(meetingId: string) {
    return selectSlipCounts(this.db, meetingId);
  }
  async updateDraft(edit: DraftEdit) {
    return (await this.inBatch(draftEditStatements(this.db, edit)))[0] === 1;
  }
  async deleteDraft(id: string) {
    return (await this.inBatch(draftDeleteStatements(this.db, id))).at(-1) === 1;
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
}
