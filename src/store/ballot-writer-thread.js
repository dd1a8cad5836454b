// The writer thread: owns a second connection to the same SQLite file and writes ballot
// batches on it, so fsync and checkpoints never stall the thread serving HTTP. It also owns
// the cleanup that keeps the files from pairing slips with ballots (see ballot-batch.js and
// history.js): a truncating checkpoint between the two commits of every batch, retried every
// second while something (a reader's snapshot, a full disk) keeps it from completing.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ballotWriter } from './ballot-batch.js';
import { History } from './history.js';

const db = new Database(workerData.file);
db.pragma(`synchronous = ${Number(workerData.synchronous)}`);
db.pragma(`wal_autocheckpoint = ${Number(workerData.walAutocheckpoint)}`);
db.pragma(`secure_delete = ${Number(workerData.secureDelete)}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
// 8 MB of pages (a token page missed is re-read from the OS cache in a few µs): the server's
// memory stays under 200 MB through a 100,000-vote meeting.
db.pragma('cache_size = -8000');

const history = new History(db, (pending) => parentPort.postMessage({ kind: 'status', pending }));
// Test-only (MINPING_TEST_HOLD_SEALED_MS, off by default): pause inside the window between A's
// checkpoint and B, so a test can copy the files exactly there.
const holdMs = Number(workerData.holdSealedMs) || 0;
const pause = new Int32Array(new SharedArrayBuffer(4));
let batchMeetings = [];
const writer = ballotWriter(db, workerData.queries, {
  sealed: true,
  between: () => {
    // A short wait only: a reader holding a snapshot must not stall voting. If the WAL cannot be
    // emptied now, B still runs, the meetings show the history as pending, and a timer retries.
    history.cleanup(history.pending ? 0 : 20, batchMeetings);
    if (holdMs > 0) {
      console.log('test hold: sealed ballots on disk, WAL emptied');
      Atomics.wait(pause, 0, 0, holdMs);
    }
  },
});
history.onRetry(() => writer.reopen());

// Errors cross as messages: a cloned SqliteError arrives as a plain object, which the other
// side could mistake for an answer.
const message = (err) => String(err?.message ?? err);

parentPort.on('message', (request) => {
  let reply;
  try {
    if (request.kind === 'cast') {
      batchMeetings = [...new Set(request.ballots.map((b) => b.meetingId))];
      reply = { kind: 'cast', results: writer.cast(request.ballots).map((r) => (typeof r === 'boolean' ? r : { error: message(r) })) };
    } else {
      if (request.rewrite) history.rewriteOwed = true;
      // A close, or the start: every batch sent before this one has been written (A and B), and
      // the WAL is emptied now or retried until it is.
      reply = { kind: 'finish', done: history.cleanup(request.waitMs ?? 100, request.meetingId ? [request.meetingId] : null) };
    }
  } catch (err) {
    if (writer.unopenedCount() > 0) history.note(`ballots sealed, not yet opened: ${message(err)}`, batchMeetings);
    reply = { kind: request.kind, error: message(err) };
  }
  parentPort.postMessage(reply);
});
