// The writer thread: owns a second connection to the same SQLite file and writes ballot
// batches on it, so fsync and checkpoints never stall the thread serving HTTP.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { castBatch } from './ballot-batch.js';

const db = new Database(workerData.file);
db.pragma(`synchronous = ${Number(workerData.synchronous)}`);
db.pragma(`wal_autocheckpoint = ${Number(workerData.walAutocheckpoint)}`);
db.pragma(`secure_delete = ${Number(workerData.secureDelete)}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
// 8 MB of pages (a token page missed is re-read from the OS cache in a few µs): the server's
// memory stays under 200 MB through a 100,000-vote meeting.
db.pragma('cache_size = -8000');
const cast = castBatch(db, workerData.spend, workerData.insert);

// Errors cross as messages: a cloned SqliteError arrives as a plain object, which the other
// side could mistake for an answer.
const message = (err) => String(err?.message ?? err);

parentPort.on('message', (ballots) => {
  let reply;
  try {
    reply = { results: cast(ballots).map((r) => (typeof r === 'boolean' ? r : { error: message(r) })) };
  } catch (err) {
    reply = { error: message(err) };
  }
  parentPort.postMessage(reply);
});
