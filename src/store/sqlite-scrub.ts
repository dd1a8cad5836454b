import type Database from 'better-sqlite3';

/**
 * What the server finishes at start, before it serves (the files may have been left mid-way
 * by a crash, or come from an older release):
 * - slots left 'sealed' by a crash between a batch's two commits cannot be opened: their
 *   one-time pad lived only in the writer thread's memory. They become 'orphan' (grades back to
 *   placeholders, in place): counted in turnout, in no subject, and said so in the log. Their
 *   voters were never answered; retrying, they see "already used" with their receipt.
 * - a file migrated from the old layout is rewritten once (VACUUM), so its bytes carry no
 *   arrival order;
 * - the WAL is emptied (truncating checkpoint).
 * Whatever cannot be done now is handed to the writer thread, which retries it and shows it as
 * pending. Only meetings that may have been voting are searched for sealed slots.
 */
export interface StartupChores {
  orphans: { meetingId: string; n: number }[];
  /** The one-time rewrite of a migrated file is still owed (it failed, e.g. on a full disk). */
  rewriteOwed: boolean;
  /** The WAL is empty. */
  truncated: boolean;
}

export function finishAtStart(sqlite: Database.Database): StartupChores {
  const recent = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
  const orphans = sqlite
    .prepare(
      `select meeting_id as meetingId, count(*) as n from ballots
       where meeting_id in (select id from meetings where status = 'open' or (status = 'closed' and closed_at > ?)) and state = 'sealed'
       group by meeting_id`,
    )
    .all(recent) as { meetingId: string; n: number }[];
  if (orphans.length > 0) {
    const turn = sqlite.prepare(
      `update ballots set state = 'orphan', grades = replace(hex(zeroblob(length(grades))), '00', '-') where meeting_id = ? and state = 'sealed'`,
    );
    sqlite.transaction(() => orphans.forEach((o) => turn.run(o.meetingId)))();
    for (const o of orphans) {
      console.error(
        `storage: ${o.n} ballot(s) of meeting ${o.meetingId} were sealed when the server stopped (between a vote's two commits); their one-time pad is gone, so they count in turnout and in no subject`,
      );
    }
  }
  let rewriteOwed = sqlite.prepare("select 1 from upkeep where task = 'rewrite'").get() !== undefined;
  if (rewriteOwed) {
    try {
      sqlite.exec('VACUUM');
      sqlite.prepare("delete from upkeep where task = 'rewrite'").run();
      rewriteOwed = false;
      console.log('storage: a database migrated from the old layout was rewritten once (VACUUM), so its bytes carry no arrival order');
    } catch (err) {
      console.error('storage: could not rewrite the migrated database yet (retrying):', err);
    }
  }
  return { orphans, rewriteOwed, truncated: !rewriteOwed && truncateWal(sqlite, 200) };
}

/** A truncating checkpoint waiting at most `waitMs` for readers; true when the WAL is empty. */
export function truncateWal(sqlite: Database.Database, waitMs: number): boolean {
  if (sqlite.memory) return true;
  sqlite.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return r.busy === 0;
  } catch {
    return false;
  } finally {
    sqlite.pragma('busy_timeout = 5000');
  }
}
