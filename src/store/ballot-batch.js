// Plain JavaScript, so the writer thread loads it with no TypeScript loader (under tsx, vitest
// or bare node alike); the main thread runs the same code for in-memory databases.

/**
 * A function that writes a batch of ballots in one IMMEDIATE transaction and answers, per
 * ballot in order, true (token spent, ballot stored), false (the conditional UPDATE matched
 * nothing: used, void, unknown, another meeting's, or meeting not open) or an Error. Each
 * ballot runs in its own savepoint, so one that throws rolls back alone.
 *
 * The spend is an UPDATE … RETURNING the token's category; the ballot is stored with it.
 */
export function castBatch(db, spendQuery, insertQuery) {
  const spend = statement(db, spendQuery);
  const insert = statement(db, insertQuery);
  const one = db.transaction((ballot) => {
    const token = spend.get(ballot);
    if (!token) return false;
    insert.run({ ...ballot, category: token.category });
    return true;
  });
  const batch = db.transaction((ballots) =>
    ballots.map((ballot) => {
      try {
        return one(ballot);
      } catch (err) {
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction: then
        // nothing of the batch stands, and every caller must hear so.
        if (!db.inTransaction) throw err;
        return err instanceof Error ? err : new Error(String(err));
      }
    }),
  );
  return (ballots) => batch.immediate(ballots);
}

/** A prepared statement whose `?`s are filled from a ballot's fields by the query's parameter list. */
function statement(db, query) {
  const prepared = db.prepare(query.sql);
  const values = (ballot) => query.params.map((p) => ('name' in p ? ballot[p.name] : p.value));
  return { get: (ballot) => prepared.get(values(ballot)), run: (ballot) => prepared.run(values(ballot)) };
}
