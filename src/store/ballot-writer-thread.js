// The writer thread: owns a second connection to the same SQLite file and writes ballot
// batches on it, so fsync and checkpoints never stall the thread serving HTTP. It also owns
// the cleanup that keeps the files from pairing slips with ballots (see ballot-batch.js and
// history.js): a truncating checkpoint between the two commits of every batch, retried every
// second while something (a reader's snapshot, a full disk) keeps it from completing.
import Database from 'better-sqlite3';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ballotWriter } from './ballot-batch.js';
import { History } from './history.js';

const db = new Database(workerData.file);
db.pragma(`synchronous = ${Number(workerData.synchronous)}`);
db.pragma(`wal_autocheckpoint = ${Number(workerData.walAutocheckpoint)}`);
db.pragma(`secure_delete = ${Number(workerData.secureDelete)}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
// The first commit after a restarting checkpoint cuts the WAL file to its own frames (history.js).
db.pragma('journal_size_limit = 0');
// 8 MB of pages (a token page missed is re-read from the OS cache in a few µs): the server's
// memory stays under 200 MB through a 100,000-vote meeting.
db.pragma('cache_size = -8000');

const history = new History(db, (pending) => parentPort.postMessage({ kind: 'status', pending }));
const writer = ballotWriter(db, workerData.queries);
// Test-only (MINPING_TEST_HOLD_SEALED_MS, off by default): pause inside the window between A's
// checkpoint and B, so a test can copy the files exactly there.
const holdMs = Number(workerData.holdSealedMs) || 0;
const pause = new Int32Array(new SharedArrayBuffer(4));

// Errors cross as messages: a cloned SqliteError arrives as a plain object, which the other
// side could mistake for an answer.
const message = (err) => String(err?.message ?? err);
const answer = (results) => parentPort.postMessage({ kind: 'cast', results: results.map((r) => (typeof r === 'boolean' ? r : { error: message(r) })) });
const fail = (err) => parentPort.postMessage({ kind: 'cast', error: message(err) });
const meetingsOf = (ballots) => [...new Set(ballots.map((b) => b.meetingId))];

/** Sealed slots whose B failed (e.g. a full disk): opened by the next commit or the retry timer. */
let unopened = [];

/** Ballots a merged batch stops growing at: a burst still commits in bounded memory and time. */
const MERGE_UP_TO = 1000;

/**
 * The cast requests already waiting, in order, up to the first request of another kind (a
 * close, a start chore: it waits until they are all written) or until the batch holds
 * MERGE_UP_TO ballots (the next request then starts the next batch).
 */
function gather(first) {
  const requests = [first];
  let ballots = first.ballots.length;
  while (ballots < MERGE_UP_TO) {
    const next = receiveMessageOnPort(parentPort)?.message;
    if (!next) break;
    if (next.kind !== 'cast') return { requests, after: next };
    requests.push(next);
    ballots += next.ballots.length;
  }
  return { requests, after: null };
}

/** A batch's answers, one reply per request it merged (the main thread matches replies in order). */
function answerAll(batch) {
  let at = 0;
  for (const size of batch.sizes) {
    answer(batch.results.slice(at, at + size));
    at += size;
  }
}

/**
 * Batches in order. Every request waiting when a batch starts joins it, so under load a batch
 * holds every vote that arrived during the one before. A batch's A is committed together with
 * B of the batch before it (whose A already left the WAL), then the WAL is emptied; if more
 * votes are already waiting, their commit carries this batch's B, otherwise B commits alone.
 * Each batch is answered right after the commit holding its B: never a reply before the
 * ballot is on disk in plain.
 */
function castLoop(first) {
  let group = gather(first);
  /** The batch sealed and checkpointed, waiting for its B: its seals and its answers. */
  let open = null;
  while (group) {
    const { requests, after } = group;
    const sizes = requests.map((r) => r.ballots.length);
    const ballots = requests.flatMap((r) => r.ballots);
    const opening = [...unopened, ...(open ? open.seals : [])];
    let step;
    try {
      step = writer.step(opening, ballots);
      unopened = [];
    } catch (err) {
      // Nothing of this commit stands: open the batch before alone, then refuse this one.
      if (open) openAlone(open);
      for (let i = 0; i < requests.length; i++) fail(err);
      if (after) other(after);
      return;
    }
    if (open) answerAll(open);
    open = null;
    const batch = { seals: step.seals, results: step.results, sizes, meetings: meetingsOf(ballots) };
    if (batch.seals.length === 0) answerAll(batch); // nothing sealed: every vote refused
    else {
      open = batch;
      // A short wait only: a reader holding a snapshot must not stall voting. If the WAL cannot
      // be emptied now, B still runs, the meetings show the history as pending, and a timer retries.
      // A commit always follows (B, with the next batch's A or alone), so a restarting checkpoint will do.
      history.cleanup(history.pending ? 0 : 20, open.meetings, 'RESTART');
      if (holdMs > 0) {
        console.log('test hold: sealed ballots on disk, WAL emptied');
        Atomics.wait(pause, 0, 0, holdMs);
      }
    }
    const next = after ?? receiveMessageOnPort(parentPort)?.message;
    if (next?.kind === 'cast') {
      group = gather(next);
      continue;
    }
    if (open) openAlone(open);
    open = null;
    group = null;
    if (next) other(next);
  }
}

/** B alone for `batch`, then its answers; if even that fails, its slots wait for the retry timer. */
function openAlone(batch) {
  try {
    writer.step([...unopened, ...batch.seals], []);
    unopened = [];
    answerAll(batch);
  } catch (err) {
    unopened = [...unopened, ...batch.seals];
    history.note(`ballots sealed, not yet opened (${message(err)})`, batch.meetings);
    for (let i = 0; i < batch.sizes.length; i++) fail(err);
  }
}

/** B for sealed slots whose B failed before (e.g. a full disk); throws if it fails again. */
function openUnopened() {
  if (unopened.length === 0) return;
  writer.step(unopened, []);
  unopened = [];
}

history.onRetry(openUnopened);

/**
 * A close, or the start: every batch before it is written (A and B, including a B that failed
 * before, so a close anchors opened ballots); now the WAL is emptied, or retried until it is.
 */
function other(request) {
  try {
    openUnopened();
  } catch {
    // Still failing: the retry timer keeps trying, and the history stays pending meanwhile.
  }
  if (request.rewrite) history.rewriteOwed = true;
  const done = history.cleanup(request.waitMs ?? 100, request.meetingId ? [request.meetingId] : null);
  parentPort.postMessage({ kind: 'finish', done });
}

parentPort.on('message', (request) => {
  try {
    if (request.kind === 'cast') castLoop(request);
    else other(request);
  } catch (err) {
    parentPort.postMessage({ kind: request.kind, error: message(err) });
  }
});
