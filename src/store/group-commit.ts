/** One answer per item, in order: an Error fails that item alone (its part was rolled back). */
export type BatchResults<R> = (R | Error)[];

/**
 * Group commit: callers queue up, and the queue goes to `commitBatch` as one batch — one
 * transaction, so one fsync covers every vote that arrived meanwhile instead of one fsync per
 * vote. A new batch starts only while fewer than `depth` are out (natural batching: the busier
 * the server, the bigger the batch). A caller hears back only after its batch has committed,
 * so an answer still means the write is on disk. A throw fails the whole batch.
 *
 * `depth` 1 suits a synchronous commit. A writer on another thread takes batches in order and
 * merges every batch waiting when it starts one (ballot-writer-thread.js), so there a high
 * `depth` just hands votes over at once: the writer, not this queue, decides the batch.
 *
 * A batch holds at most `maxBatch` items, so a burst of thousands of votes at once becomes
 * several transactions of bounded size (and memory) rather than one.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly commitBatch: (items: T[]) => BatchResults<R> | Promise<BatchResults<R>>,
    private readonly depth = 1,
    private readonly maxBatch = 1000,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.depth) return;
    this.scheduled = true;
    // setImmediate runs after the loop has polled the sockets, so every request already
    // received joins this batch.
    setImmediate(this.flush);
  }

  private flush = async () => {
    this.scheduled = false;
    this.inFlight++;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) this.schedule(); // the rest of a burst may go out too, if the depth allows
    let results: BatchResults<R> | null = null;
    let failure: unknown;
    try {
      results = await this.commitBatch(batch.map((p) => p.item));
    } catch (err) {
      failure = err;
    }
    this.inFlight--;
    // The next batch, gathered meanwhile, waits for one more turn of the loop: fewer, bigger
    // batches beat starting at once (measured: ~6,200 against ~5,200 votes/s).
    if (this.queue.length > 0) this.schedule();
    batch.forEach((p, i) => {
      const r = results ? results[i] : failure;
      if (!results || r instanceof Error) p.reject(r);
      else p.resolve(r as R);
    });
  };
}
