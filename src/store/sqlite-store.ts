import Database from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import type { MeetingStatus } from '../domain/meeting-state';
import { castBatch } from './ballot-batch.js';
import { BallotForms } from './ballot-forms';
import { selectBallotGroups, selectCastCounts, selectReceipts } from './ballot-reads';
import { GroupCommit } from './group-commit';
import { categoryRoom, meetingRoom, spendable, whyNotSpent } from './guards';
import { StoreCore } from './core';
import { draftDeleteStatements, draftEditStatements, selectSlipCounts, voidSlipStatements, voidUnusedStatements } from './slip-edits';
import { rewriteInKeyOrder } from './sqlite-scrub';
import { SeasonStore } from './seasons';
import { MeetingReader } from './sqlite-meetings';
import { ThreadWriter, wireQuery } from './sqlite-writer';
import type { CastOutcome, DraftEdit, IssueOutcome, NewBallot, NewMeeting, Store } from './types';
import type { Meeting } from '../domain/meeting';

const { ballots, categories, meetings, subjects, tokens } = schema;
type Db = BetterSQLite3Database<typeof schema>;

export interface SqliteOptions {
  /** 'FULL' fsyncs every commit: an acknowledged vote survives a power cut. */
  synchronous?: 'FULL' | 'NORMAL';
  migrationsFolder?: string;
}

export function openDatabase(file: string, options: SqliteOptions = {}): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Freed space in a page is zeroed, not left holding old rows: together with the rewrite at
  // close (sqlite-scrub.ts) no stale copy of a ballot stays behind in arrival order.
  sqlite.pragma('secure_delete = ON');
  // Random keys (ballot ids, token hashes) dirty pages all over the file: a WAL of 16,000 pages
  // (64 MB) before each checkpoint copies a page once for several commits (measured: the writer
  // spends ~7% less per vote than with 4,000, ~25% less than with SQLite's 1,000).
  sqlite.pragma('wal_autocheckpoint = 16000');
  // This connection's cache is dropped whenever the ballot writer commits, so while voting runs
  // it holds little for long: 4 MB, not better-sqlite3's 16 MB.
  sqlite.pragma('cache_size = -4000');
  migrate(drizzle(sqlite), { migrationsFolder: options.migrationsFolder ?? new URL('../../db/migrations', import.meta.url).pathname });
  return sqlite;
}

export class SqliteStore extends StoreCore<Db> implements Store {
  private readonly token;
  private readonly casts: GroupCommit<NewBallot, boolean>;
  private readonly writer: ThreadWriter<NewBallot> | null;
  private readonly meetingReader: MeetingReader;
  private readonly forms = new BallotForms();
  readonly seasons: SeasonStore;

  constructor(readonly sqlite: Database.Database) {
    super(drizzle(sqlite, { schema }));
    // The vote path runs thousands of times a second: its statements are prepared once.
    // Placeholders are named after NewBallot's fields, which fill them.
    const spend = this.db
      .update(tokens)
      .set({ state: 'used', receipt: sql`${sql.placeholder('receipt')}` })
      .where(spendable(sql.placeholder('tokenHash'), sql.placeholder('meetingId')))
      .returning({ category: tokens.category })
      .toSQL();
    // `category` is filled from the row the spend returned: the token's own category.
    const insert = this.db
      .insert(ballots)
      .values({
        id: sql.placeholder('id'),
        meetingId: sql.placeholder('meetingId'),
        category: sql.placeholder('category'),
        channel: sql.placeholder('channel'),
        grades: sql.placeholder('grades'),
      })
      .toSQL();
    const queries = { spend: wireQuery(spend), insert: wireQuery(insert) };
    this.token = this.db.select().from(tokens).where(eq(tokens.hash, sql.placeholder('hash'))).prepare();
    // Votes arriving together share one transaction and one fsync; each still spends its own
    // token with the conditional UPDATE and stores its ballot only if that matched. A file
    // database writes them on a thread of its own; an in-memory one cannot be shared, so here.
    const onFile = !sqlite.memory && sqlite.name !== '';
    const pragma = (name: string) => Number(sqlite.pragma(name, { simple: true }));
    const settings = { synchronous: pragma('synchronous'), walAutocheckpoint: pragma('wal_autocheckpoint'), secureDelete: pragma('secure_delete') };
    this.writer = onFile ? new ThreadWriter({ file: sqlite.name, ...settings, ...queries }) : null;
    const inThread = onFile ? null : castBatch<NewBallot>(sqlite, queries.spend, queries.insert);
    this.casts = new GroupCommit((batch: NewBallot[]) => (this.writer ? this.writer.cast(batch) : inThread!(batch)), this.writer ? 2 : 1);
    this.meetingReader = new MeetingReader(this.db);
    // One transaction on this connection: drizzle's sync builders run inside it.
    const run = (step: unknown) => (step as { run(): { changes: number } }).run().changes;
    this.seasons = new SeasonStore(this.db, async (steps) => sqlite.transaction(() => steps.map(run)).immediate());
  }

  async createMeeting(m: NewMeeting) {
    this.db.transaction((tx) => {
      const { categories: cats, subjects: subs, ...row } = m;
      tx.insert(meetings).values(row).run();
      if (cats.length) tx.insert(categories).values(cats.map((c, position) => ({ ...c, meetingId: m.id, position }))).run();
      tx.insert(subjects).values(subs.map((s, position) => ({ ...s, meetingId: m.id, position }))).run();
    });
  }

  async getMeeting(id: string): Promise<Meeting | null> {
    return this.meetingReader.get(id);
  }

  async listMeetings(filter: { status?: MeetingStatus } = {}) {
    const rows = this.db
      .select({ id: meetings.id })
      .from(meetings)
      .where(filter.status ? eq(meetings.status, filter.status) : undefined)
      .orderBy(desc(meetings.createdAt))
      .all();
    return (await Promise.all(rows.map((r) => this.getMeeting(r.id)))) as Meeting[];
  }

  async issueTokens(meetingId: string, category: string, hashes: string[]): Promise<IssueOutcome> {
    return this.db.transaction(
      (tx) => {
        const n = hashes.length;
        // The conditional UPDATE is the roster check: it only matches while room remains.
        const bump = category
          ? tx
              .update(categories)
              .set({ issued: sql`${categories.issued} + ${n}` })
              .where(categoryRoom(meetingId, category, n))
              .run()
          : tx
              .update(meetings)
              .set({ issued: sql`${meetings.issued} + ${n}` })
              .where(meetingRoom(meetingId, n))
              .run();
        if (bump.changes !== 1) return 'over_roster';
        if (category) tx.update(meetings).set({ issued: sql`${meetings.issued} + ${n}` }).where(eq(meetings.id, meetingId)).run();
        const insert = tx.insert(tokens).values({ hash: sql.placeholder('hash'), meetingId, category }).prepare();
        // In key order, each page of the table and its index is written once, not once per hash.
        for (const hash of [...hashes].sort()) insert.run({ hash });
        return 'issued';
      },
      { behavior: 'immediate' },
    );
  }

  async tokenByHash(hash: string) {
    const row = this.token.get({ hash });
    return row ? { meetingId: row.meetingId, category: row.category, state: row.state, receipt: row.receipt } : null;
  }

  /** Runs statements in one immediate transaction; the changes of each. */
  private inTransaction(statements: (tx: Db) => { run(): { changes: number } }[]): number[] {
    return this.db.transaction((tx) => statements(tx as unknown as Db).map((s) => s.run().changes), { behavior: 'immediate' });
  }

  async voidToken(meetingId: string, hash: string) {
    return this.inTransaction((tx) => voidSlipStatements(tx, meetingId, hash) as never)[0] === 1;
  }

  async voidUnused(meetingId: string, category: string | null) {
    return this.inTransaction((tx) => voidUnusedStatements(tx, meetingId, category) as never).at(-1)!;
  }

  slipCounts(meetingId: string) {
    return selectSlipCounts(this.db, meetingId);
  }

  async updateDraft(edit: DraftEdit) {
    const done = this.inTransaction((tx) => draftEditStatements(tx, edit) as never)[0] === 1;
    this.meetingReader.forget(edit.id);
    return done;
  }

  async deleteDraft(id: string) {
    const done = this.inTransaction((tx) => draftDeleteStatements(tx, id) as never).at(-1) === 1;
    this.meetingReader.forget(id);
    return done;
  }

  async castBallot(b: NewBallot): Promise<CastOutcome> {
    if ((await this.casts.submit(b)) === true) return 'cast';
    return whyNotSpent(this.db, b.tokenHash, b.meetingId);
  }

  ballotForm(subjectId: string) {
    return this.forms.get(this.db, subjectId);
  }

  /** Stops the writer thread, then closes the connection. */
  async close() {
    await this.writer?.close();
    this.sqlite.close();
  }

  async forgetArrivalOrder(meetingId: string) {
    rewriteInKeyOrder(this.sqlite, meetingId);
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
