/**
 * Counts failed token look-ups per client address, in memory only. Honest voters never fail a
 * look-up, so a meeting room behind one address is never slowed by its own votes.
 */
export interface ThrottleOptions {
  limit: number;
  windowMs: number;
  blockMs: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds left on a block, or 0 when the client may try. */
  blockedFor(address: string): number {
    const e = this.entries.get(address);
    const left = e ? e.blockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  fail(address: string): void {
    const now = this.now();
    let e = this.entries.get(address);
    if (!e || now - e.windowStart > this.options.windowMs) {
      e = { failures: 0, windowStart: now, blockedUntil: e?.blockedUntil ?? 0 };
      this.entries.set(address, e);
    }
    e.failures++;
    if (e.failures > this.options.limit) e.blockedUntil = now + this.options.blockMs;
    if (this.entries.size > 100_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.blockedUntil < now && now - e.windowStart > this.options.windowMs) this.entries.delete(k);
    }
  }
}
