import type { IncomingMessage } from 'node:http';

/**
 * MINPING_TRUST_PROXY: who may tell us the client's address, scheme and host.
 * - a hop count `N` (`1` for one reverse proxy in front): the socket peer and the N − 1
 *   rightmost X-Forwarded-For entries are proxies; the entry before them is the client;
 * - `loopback`, or a comma list of addresses (and `loopback`): those peers are proxies;
 *   the client is the rightmost X-Forwarded-For entry that is not one of them.
 * Unset (the default): headers are ignored, the socket says everything.
 */
export type TrustProxy = { hops: number } | { trusted: (address: string) => boolean };

export function parseTrustProxy(raw: string | undefined): TrustProxy | null {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false' || value === 'off' || value === 'no') return null;
  if (value === 'true' || value === 'yes' || value === 'on') return { hops: 1 };
  if (/^\d+$/.test(value)) return { hops: Math.min(Number(value), 32) };
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const exact = new Set<string>();
  let loopback = false;
  for (const p of parts) {
    if (p === 'loopback') loopback = true;
    else if (isIP(bare(p))) exact.add(bare(p));
    else throw new Error(`MINPING_TRUST_PROXY must be a hop count (1), "loopback" or a list of IP addresses, got "${raw}"`);
  }
  return { trusted: (a) => exact.has(a) || (loopback && isLoopback(a)) };
}

// No node:net here: env.ts (shared with the Workers runtime) parses the setting.
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(:\d+\.\d+\.\d+\.\d+)?$/i;
const isIP = (a: string) => (IPV4.test(a) ? 4 : IPV6.test(a) ? 6 : 0);

/** `::ffff:1.2.3.4` → `1.2.3.4`, `[::1]:443` → `::1`, `1.2.3.4:80` → `1.2.3.4`. */
export function bare(address: string): string {
  let a = address.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracket) a = bracket[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

const isLoopback = (a: string) => a === '::1' || /^127\./.test(a);

/** Whether the socket peer may speak for the client: always with a hop count, else by address. */
export function peerTrusted(trust: TrustProxy | null, peer: string): boolean {
  if (!trust) return false;
  return 'hops' in trust ? true : trust.trusted(bare(peer));
}

/** The client's address: the socket peer, or, behind trusted proxies, the rightmost untrusted X-Forwarded-For entry. */
export function clientAddressOf(peer: string, forwardedFor: string | undefined, trust: TrustProxy | null): string {
  const socket = bare(peer);
  if (!trust || !forwardedFor || !peerTrusted(trust, socket)) return socket;
  const chain = [...forwardedFor.split(',').map(bare).filter((a) => isIP(a)), socket];
  if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)];
  for (let i = chain.length - 1; i >= 0; i--) if (!trust.trusted(chain[i])) return chain[i];
  return chain[0];
}

const lastValue = (v: string | string[] | undefined) => {
  const s = Array.isArray(v) ? v.join(',') : v;
  const last = s?.split(',').at(-1)?.trim();
  return last || undefined;
};
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Behind a trusted proxy, the request's URL as the browser sent it: https://<forwarded host>/…,
 * so Secure cookies, same-origin checks and absolute links see what the user sees. The
 * adapter takes an absolute request target as given; nothing else changes.
 */
export function applyForwardedUrl(incoming: IncomingMessage, trust: TrustProxy | null): void {
  const peer = incoming.socket.remoteAddress ?? '';
  if (!trust || !peerTrusted(trust, peer) || !incoming.url?.startsWith('/')) return;
  const proto = lastValue(incoming.headers['x-forwarded-proto'])?.toLowerCase();
  const host = lastValue(incoming.headers['x-forwarded-host']) ?? incoming.headers.host;
  if ((proto !== 'https' && proto !== 'http') || !host || !HOST.test(host)) return;
  incoming.url = `${proto}://${host}${incoming.url}`;
}
