import type Database from 'better-sqlite3';

/** The rows of a meeting whose storage could replay arrival order, and each table's key order. */
const REWRITTEN = [
  { table: 'ballots', keyOrder: 'meeting_id, category, id' },
  { table: 'tokens', keyOrder: 'hash' },
];

/**
 * Rewriting one meeting's rows costs ~25 times what VACUUM pays per row of the whole file
 * (measured: 60 slips among 300,000 in 5 ms against VACUUM's 600 ms; 100,000 slips alone in
 * 1.2 s against 0.6 s), so a meeting that is most of the file is rewritten with the file.
 */
export const rewritesWholeFile = (meetingTokens: number, allTokens: number) => meetingTokens * 25 >= allTokens;

/**
 * SQLite writes a new row at the top of its page's free space and logs every commit as a page
 * image in the WAL, so the bytes of the file replay the order ballots arrived in (and slips
 * were spent in). At close the meeting's ballots and tokens are deleted (secure_delete, set on
 * every connection, zeroes their old bytes) and written back in key order: random ids and token
 * hashes. On a file that is mostly this meeting, VACUUM rebuilds all of it in key order instead.
 * Then the truncating checkpoint empties the WAL. Afterwards the file holds the meeting's rows
 * and nothing of their history, and on a county's day a close costs its own meeting's rows, not
 * the whole file's.
 */
export function rewriteInKeyOrder(sqlite: Database.Database, meetingId: string): void {
  try {
    const { mine, all } = sqlite
      .prepare('select (select issued from meetings where id = ?) as mine, (select sum(issued) from meetings) as "all"')
      .get(meetingId) as { mine: number; all: number };
    if (rewritesWholeFile(mine, all)) sqlite.exec('VACUUM');
    else rewriteMeeting(sqlite, meetingId);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    // The close itself has happened; a full disk must not turn it into an error.
    console.error('could not rewrite the closed meeting in key order:', err);
  }
}

function rewriteMeeting(sqlite: Database.Database, meetingId: string): void {
  sqlite
    .transaction(() => {
      for (const { table, keyOrder } of REWRITTEN) {
        sqlite.exec(`create temp table scrub as select * from main.${table} where 0`);
        sqlite.prepare(`insert into temp.scrub select * from main.${table} where meeting_id = ?`).run(meetingId);
        sqlite.prepare(`delete from main.${table} where meeting_id = ?`).run(meetingId);
        sqlite.exec(`insert into main.${table} select * from temp.scrub order by ${keyOrder}; drop table temp.scrub`);
      }
    })
    .immediate();
}
