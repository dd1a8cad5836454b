import { Param, Placeholder } from 'drizzle-orm';
import { Worker } from 'node:worker_threads';
import type { CastQueries, WireQuery } from './ballot-batch.js';
import type { BatchResults } from './group-commit';
import type { HistoryPending } from './types';

/** A drizzle query (`.toSQL()`) in a form that can cross to another thread. */
export function wireQuery(query: { sql: string; params: unknown[] }): WireQuery {
  return {
    sql: query.sql,
    params: query.params.map((p) => {
      const v = p instanceof Param ? p.value : p;
      if (v instanceof Placeholder) return { name: v.name };
      return { value: p instanceof Param && p.encoder ? p.encoder.mapToDriverValue(v) : v };
    }),
  };
}

export interface WriterSetup {
  file: string;
  /** The main connection's PRAGMA synchronous (2 = FULL), wal_autocheckpoint and secure_delete, for the writer's. */
  synchronous: number;
  walAutocheckpoint: number;
  secureDelete: number;
  queries: CastQueries;
  /** Test-only: the writer pauses this long between a batch's checkpoint and its second commit. */
  holdSealedMs?: number;
}


type Reply =
  | { kind: 'cast'; results?: (boolean | { error: string })[]; error?: string }
  | { kind: 'finish'; done?: boolean; error?: string }
  | { kind: 'status'; pending: HistoryPending | null };

/**
 * Hands ballot batches to a writer thread with its own connection. better-sqlite3 is
 * synchronous: on the main thread a commit's fsync (and every WAL checkpoint) would stop all
 * HTTP work while the disk answers; on a thread of its own the next batch forms meanwhile.
 * The thread answers batches in the order they were sent: answers match first in, first out.
 */
export class ThreadWriter<B> {
  private worker: Worker | null = null;
  private pending: { resolve: (r: Reply) => void; reject: (e: unknown) => void }[] = [];
  /** What the thread last said about the history in the files. */
  history: HistoryPending | null = null;

  constructor(private readonly setup: WriterSetup) {}

  async cast(ballots: B[]): Promise<BatchResults<boolean>> {
    const reply = (await this.send({ kind: 'cast', ballots })) as Extract<Reply, { kind: 'cast' }>;
    if (!reply.results) throw new Error(reply.error);
    return reply.results.map((r) => (typeof r === 'boolean' ? r : new Error(r.error)));
  }

  /**
   * After every batch sent before it (both commits), empties the WAL — or, if a reader or a full
   * disk stops that, marks the history pending and retries every second. True when done now.
   */
  async finish(request: { meetingId?: string; waitMs?: number; rewrite?: boolean }): Promise<boolean> {
    const reply = (await this.send({ kind: 'finish', ...request })) as Extract<Reply, { kind: 'finish' }>;
    return reply.done === true;
  }

  private send(message: object): Promise<Reply> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      // Held only while a request is out (or history is pending), so an idle store never keeps the process alive.
      worker.ref();
      worker.postMessage(message);
    });
  }

  async close() {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    // Plain JavaScript needs no loader (execArgv would pass tsx's on, ~10 MB), and a thread that
    // only feeds SQLite needs only a small young generation.
    const worker = new Worker(new URL('./ballot-writer-thread.js', import.meta.url), {
      workerData: this.setup,
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      if (reply.kind === 'status') {
        this.history = reply.pending;
        // While history is pending the thread's retry timer must run, so the thread stays referenced.
        if (reply.pending) worker.ref();
        else if (this.pending.length === 0) worker.unref();
        return;
      }
      const p = this.pending.shift();
      if (this.pending.length === 0 && !this.history) worker.unref();
      p?.resolve(reply);
    });
    // A dead thread fails the batches it held; the next batch starts a fresh one. What a thread
    // throws arrives cloned, a SqliteError as a bare {code} (e.g. a file gone corrupt under it):
    // callers get a real Error with that code, which the HTTP edge can map.
    const died = (raw: unknown) => {
      if (this.worker === worker) this.worker = null;
      const err = raw instanceof Error ? raw : asError(raw);
      for (const p of this.pending.splice(0)) p.reject(err);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`ballot writer thread exited (${code})`)));
    return worker;
  }
}

/** A thrown value that crossed a thread as a plain object, as an Error keeping its code and message. */
function asError(raw: unknown): Error {
  const { code, message } = (raw ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : typeof code === 'string' ? code : String(raw);
  return Object.assign(new Error(`ballot writer thread: ${text}`), typeof code === 'string' ? { code } : {});
}
