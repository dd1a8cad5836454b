// Plain JavaScript: runs on the writer thread (see ballot-writer-thread.js).

const message = (err) => String(err?.message ?? err);

/**
 * The cleanup that takes history out of the files: a truncating checkpoint copies every WAL
 * frame into the database file (rows rewritten in place, so no page keeps an older state) and
 * cuts the WAL to zero bytes. It cannot complete while a reader holds an older snapshot (a
 * backup, a sqlite3 shell, audit:verify) or the disk is full. Then it never fails silently: the
 * history is "pending" — in memory, published to the main thread (turnout, /healthz), logged
 * once — and retried every second until it completes.
 */
export class History {
  /** @param {import('better-sqlite3').Database} db @param {(pending: object | null) => void} publish */
  constructor(db, publish) {
    this.db = db;
    this.publish = publish;
    /** @type {{ since: string, reason: string, meetings: string[] | null } | null} */
    this.pending = null;
    this.timer = null;
    this.retryHooks = [];
    /** A migrated file still owes its one-time rewrite (VACUUM). */
    this.rewriteOwed = false;
  }

  onRetry(hook) {
    this.retryHooks.push(hook);
  }

  /**
   * Null when the WAL is emptied now; else why not. Waits at most `waitMs` for readers.
   * 'TRUNCATE' cuts the WAL file to zero bytes. 'RESTART' (between a batch's two commits only)
   * leaves the file as it is but makes the very next commit write from its start; with
   * journal_size_limit 0 that commit then cuts the file to its own frames, so nothing older
   * stays in it — and a WAL that keeps its size costs one fsync less than one regrown from zero.
   */
  truncate(waitMs, mode = 'TRUNCATE') {
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(waitMs))}`);
    try {
      // The one-time rewrite is a whole-file VACUUM: done by the cleanups of a start, a close and
      // the retry timer, never between a batch's two commits, where it would stall every vote.
      if (this.rewriteOwed && mode !== 'RESTART') {
        this.db.exec('VACUUM');
        this.db.prepare("delete from upkeep where task = 'rewrite'").run();
        this.rewriteOwed = false;
      }
      const [r] = this.db.pragma(`wal_checkpoint(${mode === 'RESTART' ? 'RESTART' : 'TRUNCATE'})`);
      return r.busy ? 'a reader holds an older snapshot of the database (a backup, a sqlite3 shell, audit:verify)' : null;
    } catch (err) {
      return err?.code === 'SQLITE_FULL' ? 'the disk is full' : message(err);
    } finally {
      this.db.pragma('busy_timeout = 5000');
    }
  }

  /**
   * Empties the WAL, or records why not for `meetings` (null: every meeting) and retries.
   * True when it is done.
   */
  cleanup(waitMs, meetings, mode = 'TRUNCATE') {
    const why = this.truncate(waitMs, mode);
    if (why === null) {
      // A batch's checkpoint leaves an owed rewrite owed: the history stays pending until it is done.
      if (this.pending && !this.rewriteOwed) {
        console.error(`storage: history cleared (pending since ${this.pending.since}): the WAL is empty again`);
        this.pending = null;
        clearInterval(this.timer);
        this.timer = null;
        this.publish(null);
      }
      return true;
    }
    this.note(why, meetings);
    return false;
  }

  /** Marks the history pending (or widens it), says so once per reason, and keeps retrying. */
  note(reason, meetings) {
    const first = !this.pending;
    const changed = first || this.pending.reason !== reason;
    if (first) this.pending = { since: new Date().toISOString(), reason, meetings: [] };
    this.pending.reason = reason;
    if (meetings === null || this.pending.meetings === null) this.pending.meetings = null;
    else this.pending.meetings = [...new Set([...this.pending.meetings, ...meetings])];
    if (changed) {
      const which = this.pending.meetings === null ? 'every meeting' : `meeting(s) ${this.pending.meetings.join(', ')}`;
      console.error(`storage: history pending since ${this.pending.since} (${reason}); until it clears, a copy of the files could pair slips with ballots of ${which}; retrying every second`);
    }
    this.timer ??= setInterval(() => this.retry(), 1000);
    this.publish({ ...this.pending });
  }

  retry() {
    try {
      for (const hook of this.retryHooks) hook();
    } catch (err) {
      this.note(message(err), this.pending?.meetings ?? null);
      return;
    }
    this.cleanup(50, this.pending?.meetings ?? null);
  }
}
