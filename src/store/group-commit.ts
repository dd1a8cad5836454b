/** One answer per item, in order: an Error fails that item alone (its part was rolled back). */
export type BatchResults<R> = (R | Error)[];

/**
 * Group commit: callers queue up, and the queue goes to `commitBatch` as one batch — one
 * transaction, so one fsync covers every vote that arrived meanwhile instead of one fsync per
 * vote. The next batch starts when the previous one has finished (natural batching: the busier
 * the server, the bigger the batch). A caller hears back only after its batch has committed,
 * so an answer still means the write is on disk. A throw fails the whole batch.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private inFlight = false;

  constructor(private readonly commitBatch: (items: T[]) => BatchResults<R> | Promise<BatchResults<R>>) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // setImmediate runs after the loop has polled the sockets, so every request already
    // received joins this batch.
    setImmediate(this.flush);
  }

  private flush = async () => {
    this.scheduled = false;
    this.inFlight = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const results = await this.commitBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        const r = results[i];
        if (r instanceof Error) p.reject(r);
        else p.resolve(r);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.inFlight = false;
      if (this.queue.length > 0) this.schedule();
    }
  };
}

