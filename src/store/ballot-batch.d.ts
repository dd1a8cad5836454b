import type Database from 'better-sqlite3';

/** A query as SQL text and, for each `?` in order, a fixed value or the name of a ballot field. */
export interface WireQuery {
  sql: string;
  params: ({ name: string } | { value: unknown })[];
}

export function castBatch<B extends object>(
  db: Database.Database,
  spendQuery: WireQuery,
  insertQuery: WireQuery,
): (ballots: B[]) => (boolean | Error)[];
