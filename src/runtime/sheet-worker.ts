// A worker thread that parses uploaded sheets, one at a time. It runs with a heap cap of its
// own: a sheet that would exhaust memory kills this thread, never the server answering every meeting.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import { readSheet } from '../services/scoring-sheet';

interface Job {
  bytes: Uint8Array;
  columns: never;
  optional: string[];
}

parentPort!.on('message', async ({ bytes, columns, optional }: Job) => {
  try {
    parentPort!.postMessage({ sheet: await readSheet(bytes, columns, new Set(optional)) });
  } catch (err) {
    if (err instanceof DomainError) parentPort!.postMessage({ refused: { code: err.code, message: err.message, details: err.details } });
    else parentPort!.postMessage({ failed: String((err as Error)?.stack ?? err) });
  }
});
