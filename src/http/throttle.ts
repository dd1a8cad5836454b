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

/**
 * The bucket an address is counted in: an IPv4 address alone, an IPv6 address by its /64 (one
 * home or phone gets a whole /64, so counting single addresses would let it rotate freely).
 * An IPv4-mapped IPv6 address (::ffff:1.2.3.4) counts as its IPv4 address.
 */
export function addressBucket(address: string): string {
  const bare = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!bare.includes(':')) return bare;
  const g = expandIpv6(bare);
  if (!g) return bare;
  if (g.slice(0, 5).every((x) => x === '0') && g[5] === 'ffff') {
    const [hi, lo] = [parseInt(g[6], 16), parseInt(g[7], 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${g.slice(0, 4).join(':')}::/64`;
}

/** Eight hextets without leading zeros, or null when it is not an IPv6 address. */
function expandIpv6(address: string): string[] | null {
  let text = address;
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16).toString(16));
}
