import autocannon, { type Client } from 'autocannon';
import { percentile } from './stats';

/** 50, as the targets are stated; BENCH_CONNECTIONS changes it (e.g. to see whether a path is bound by latency or by CPU). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export interface LoadRun {
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that never got an answer. */
  errors: number;
  statusCodes: Record<string, number>;
  /** From the first request sent to the last response received. */
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

export interface LoadOptions {
  url: string;
  /** Run for this long… */
  duration?: number;
  /** …or send exactly this many requests and wait for every answer (exact counts). */
  amount?: number;
  /** A POST with a fresh JSON body per request (e.g. a new token each time); else a GET. */
  body?: () => Buffer;
  connections?: number;
  /** Every latency (ms) is also pushed here: runs in rounds merge their percentiles. */
  samples?: number[];
}

/**
 * The bytes of a JSON POST to `url`. autocannon rebuilds a request from its parts for every
 * dynamic body, which costs its core (shared with the server) twice what a fixed GET costs;
 * handing it finished bytes keeps the load generator as light as in the hello run it is
 * compared with.
 */
function rawPost(url: string, body: () => Buffer): () => Buffer {
  const u = new URL(url);
  const head = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: `;
  // Bodies of one run differ in length by a few bytes: each head is encoded once.
  const heads = new Map<number, Buffer>();
  return () => {
    const b = body();
    let h = heads.get(b.length);
    if (!h) heads.set(b.length, (h = Buffer.from(`${head}${b.length}\r\n\r\n`)));
    return Buffer.concat([h, b], h.length + b.length);
  };
}

/** autocannon with 50 connections; latencies kept at full precision rather than whole ms. */
export function load(options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const started = performance.now();
  let last = started;
  const next = options.body && rawPost(options.url, options.body);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections ?? CONNECTIONS,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
        timeout: 30,
        // Each connection writes whatever getRequestBuffer returns (autocannon 9's Client).
        ...(next && { method: 'POST', setupClient: (client: Client) => void (client.getRequestBuffer = next) }),
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = (last - started) / 1000;
        latencies.sort((a, b) => a - b);
        resolve({
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
          seconds,
          perSecond: result['2xx'] / seconds,
          p50ms: percentile(latencies, 0.5),
          p99ms: percentile(latencies, 0.99),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      options.samples?.push(ms);
      last = performance.now();
    });
  });
}
