import type Database from 'better-sqlite3';

/** A query as SQL text and, for each `?` in order, a fixed value or the name of a field that fills it. */
export interface WireQuery {
  sql: string;
  params: ({ name: string } | { value: unknown })[];
}

/** The vote path's statements: spend (UPDATE … RETURNING category), then the slot queries of slots.ts. */
export interface CastQueries {
  spend: WireQuery;
  pickFrom: WireQuery;
  pickFirst: WireQuery;
  fill: WireQuery;
  append: WireQuery;
}

export interface BallotWriter<B> {
  /** Per ballot in order: true (spent and stored), false (nothing to spend) or an Error. */
  cast(ballots: B[]): (boolean | Error)[];
  /** Retries B for slots left sealed by a failed B; true once none is left. */
  reopen(): boolean;
  unopenedCount(): number;
}

export function ballotWriter<B extends object>(
  db: Database.Database,
  queries: CastQueries,
  options?: { sealed?: boolean; between?: () => void },
): BallotWriter<B>;

export function castBatch<B extends object>(db: Database.Database, queries: CastQueries): (ballots: B[]) => (boolean | Error)[];
