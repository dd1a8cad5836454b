import type Database from 'better-sqlite3';

/**
 * SQLite writes a new row at the top of its page's free space and logs every commit as a page
 * image in the WAL, so the bytes of the file replay the order ballots arrived in, and which
 * token was spent with which ballot. VACUUM rebuilds every table in key order (random ids,
 * token hashes), and the truncating checkpoint empties the WAL, so afterwards the file holds
 * the ballots and nothing of their history.
 */
export function rewriteInKeyOrder(sqlite: Database.Database): void {
  try {
    sqlite.exec('VACUUM');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    // The close itself has happened; a full disk must not turn it into an error. Any later
    // close rewrites the whole file again.
    console.error('could not rewrite the database in key order (VACUUM):', err);
  }
}
