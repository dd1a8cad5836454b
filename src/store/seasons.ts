import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as schema from '../../db/schema';
import type { Entry, Season } from '../domain/season';
import type { SeasonRow } from '../domain/season-rows';
import { chunk } from '../lib/chunk';
import type { AnyDb } from './rows';

const { meetings, seasonEntries, seasonEvents, seasonResults, seasonRows, seasons, subjects } = schema;

export type NewSeason = Omit<Season, 'status' | 'contact' | 'revision' | 'noticeFrom' | 'noticeUntil' | 'finalizedAt'>;

export type SeasonEventType = 'season_created' | 'rows_replaced' | 'season_published' | 'season_finalized';

/** One link of the season's own hash chain (the meeting chain's shape, keyed by season). */
export interface SeasonEvent {
  seasonId: string;
  seq: number;
  type: SeasonEventType;
  actor: string;
  at: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A ballot subject feeding an entry, with its meeting. */
export interface SeasonLink {
  entryId: string;
  meetingId: string;
  subjectId: string;
}

/** The published result exactly as frozen: the JSON text and the digest the chain records. */
export interface FrozenResult {
  result: string;
  digest: string;
  publishedAt: string;
}

export interface Publication {
  /** The rows revision the result was computed from: a rows change since then publishes nothing. */
  revision: number;
  contact: string | null;
  noticeFrom: string;
  noticeUntil: string;
  result: string;
  digest: string;
}

/** Runs the statements as one transaction (better-sqlite3) or one batch (D1); the rows each changed. */
export type Atomic = (steps: BatchItem<'sqlite'>[]) => Promise<number[]>;

/**
 * Seasons, written once over either store's drizzle handle. Steps that must hold together
 * (a season and its entries; rows and the revision; status and frozen result) go through
 * `atomic`, and later statements are guarded in SQL, since D1 cannot branch mid-batch.
 */
export class SeasonStore {
  constructor(
    private readonly db: AnyDb,
    private readonly atomic: Atomic,
  ) {}

  async create(s: NewSeason): Promise<void> {
    const { entries, ...row } = s;
    const entryRows = entries.map((e, position) => ({ ...e, seasonId: s.id, position }));
    await this.atomic([
      this.db.insert(seasons).values({ ...row, status: 'draft' }),
      // 7 parameters a row: D1 allows 100 bound parameters per statement.
      ...chunk(entryRows, 14).map((rows) => this.db.insert(seasonEntries).values(rows)),
    ]);
  }

  async get(id: string): Promise<Season | null> {
    return (await this.select(eq(seasons.id, id)))[0] ?? null;
  }

  list(): Promise<Season[]> {
    return this.select(undefined);
  }

  private async select(where: ReturnType<typeof eq> | undefined): Promise<Season[]> {
    const rows = await this.db.select().from(seasons).where(where).orderBy(desc(seasons.createdAt));
    if (rows.length === 0) return [];
    const entries = await this.db
      .select()
      .from(seasonEntries)
      .where(where ? eq(seasonEntries.seasonId, rows[0].id) : undefined)
      .orderBy(asc(seasonEntries.position));
    return rows.map((r) => ({
      ...r,
      params: (r.params as Record<string, unknown> | null) ?? null,
      entries: entries.filter((e) => e.seasonId === r.id).map(toEntry),
    }));
  }

  /** An entry by id, with its season's id, for linking a ballot subject to it. */
  async entry(id: string): Promise<{ entry: Entry; seasonId: string } | null> {
    const row = await this.db.select().from(seasonEntries).where(eq(seasonEntries.id, id)).get();
    return row ? { entry: toEntry(row), seasonId: row.seasonId } : null;
  }

  /** Every ballot subject linked to the season's entries, meetings in the order they were created. */
  async links(seasonId: string): Promise<SeasonLink[]> {
    return (await this.db
      .select({ entryId: seasonEntries.id, meetingId: subjects.meetingId, subjectId: subjects.id })
      .from(subjects)
      .innerJoin(seasonEntries, eq(seasonEntries.id, subjects.entryId))
      .innerJoin(meetings, eq(meetings.id, subjects.meetingId))
      .where(eq(seasonEntries.seasonId, seasonId))
      .orderBy(asc(meetings.createdAt), asc(subjects.position))) as SeasonLink[];
  }

  async rows(seasonId: string): Promise<SeasonRow[]> {
    const rows = await this.db.select({ data: seasonRows.data }).from(seasonRows).where(eq(seasonRows.seasonId, seasonId)).orderBy(asc(seasonRows.position));
    return rows.map((r) => r.data as SeasonRow);
  }

  /** Replaces all rows while the season is a draft; the new revision, or null once published. */
  async replaceRows(seasonId: string, rows: SeasonRow[]): Promise<number | null> {
    const draft = sql`(select ${seasons.status} from ${seasons} where ${seasons.id} = ${seasonId}) = 'draft'`;
    const [bumped] = await this.atomic([
      this.db.update(seasons).set({ revision: sql`${seasons.revision} + 1` }).where(and(eq(seasons.id, seasonId), eq(seasons.status, 'draft'))),
      this.db.delete(seasonRows).where(and(eq(seasonRows.seasonId, seasonId), draft)),
      // Rows travel as JSON arrays (D1 binds at most 100 parameters), 500 to a statement.
      ...chunk(rows.map((r, i) => ({ i, r })), 500).map((part) =>
        this.db
          .insert(seasonRows)
          .select(sql`select ${seasonId}, json_extract(value, '$.r.entry'), json_extract(value, '$.i'), json_extract(value, '$.r') from json_each(${JSON.stringify(part)}) where ${draft}`),
      ),
    ]);
    if (bumped !== 1) return null;
    const row = await this.db.select({ revision: seasons.revision }).from(seasons).where(eq(seasons.id, seasonId)).get();
    return row?.revision ?? null;
  }

  /** Draft → notice with the frozen result, all or nothing; false when the season moved on or its rows changed. */
  async publish(seasonId: string, p: Publication): Promise<boolean> {
    const [moved, frozen] = await this.atomic([
      this.db
        .update(seasons)
        .set({ status: 'notice', contact: p.contact, noticeFrom: p.noticeFrom, noticeUntil: p.noticeUntil })
        .where(and(eq(seasons.id, seasonId), eq(seasons.status, 'draft'), eq(seasons.revision, p.revision))),
      this.db.insert(seasonResults).select(sql`select ${seasonId}, ${p.result}, ${p.digest}, ${p.noticeFrom} where changes() = 1`),
    ]);
    if (moved !== frozen) throw new Error(`season publish broke: status ${moved}, result ${frozen}`);
    return moved === 1;
  }

  async frozen(seasonId: string): Promise<FrozenResult | null> {
    const row = await this.db.select().from(seasonResults).where(eq(seasonResults.seasonId, seasonId)).get();
    return row ? { result: row.result, digest: row.digest, publishedAt: row.publishedAt } : null;
  }

  async finalize(seasonId: string, at: string): Promise<boolean> {
    const [moved] = await this.atomic([
      this.db.update(seasons).set({ status: 'final', finalizedAt: at }).where(and(eq(seasons.id, seasonId), eq(seasons.status, 'notice'))),
    ]);
    return moved === 1;
  }

  async lastEvent(seasonId: string): Promise<SeasonEvent | null> {
    const row = await this.db.select().from(seasonEvents).where(eq(seasonEvents.seasonId, seasonId)).orderBy(desc(seasonEvents.seq)).limit(1).get();
    return row ? toEvent(row) : null;
  }

  /** false when another writer took this seq first. */
  async insertEvent(e: SeasonEvent): Promise<boolean> {
    const [inserted] = await this.atomic([this.db.insert(seasonEvents).values(e).onConflictDoNothing()]);
    return inserted === 1;
  }

  async events(seasonId: string): Promise<SeasonEvent[]> {
    return (await this.db.select().from(seasonEvents).where(eq(seasonEvents.seasonId, seasonId)).orderBy(asc(seasonEvents.seq))).map(toEvent);
  }
}

const toEntry = (e: typeof seasonEntries.$inferSelect): Entry => ({ id: e.id, key: e.key, name: e.name, organization: e.organization, category: e.category });

const toEvent = (row: typeof seasonEvents.$inferSelect): SeasonEvent => ({ ...row, type: row.type as SeasonEventType, data: row.data as Record<string, unknown> });
