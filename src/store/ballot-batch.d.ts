import type Database from 'better-sqlite3';

/** A query as SQL text and, for each `?` in order, a fixed value or the name of a field that fills it. */
export interface WireQuery {
  sql: string;
  params: ({ name: string } | { value: unknown })[];
}

/** The vote path's statements: spend (UPDATE … RETURNING category), then the slot queries of slots.ts. */
export interface CastQueries {
  spend: WireQuery;
  vacantIds: WireQuery;
  stamp: WireQuery;
  fill: WireQuery;
  append: WireQuery;
}

/** A slot filled 'sealed' whose plain grades wait in memory for the next commit. */
export interface Seal {
  meetingId: string;
  category: string;
  slot: string;
  channel: string;
  grades: string;
}

export interface BallotWriter<B> {
  /** Per ballot in order: true (spent and stored), false (nothing to spend) or an Error. One commit. */
  cast(ballots: B[]): (boolean | Error)[];
  /** One commit: open `opening` (B of the batch before), then spend and seal `ballots` (A). */
  step(opening: Seal[], ballots: B[]): { results: (boolean | Error)[]; seals: Seal[] };
}

export function ballotWriter<B extends object>(db: Database.Database, queries: CastQueries): BallotWriter<B>;

export function castBatch<B extends object>(db: Database.Database, queries: CastQueries): (ballots: B[]) => (boolean | Error)[];
