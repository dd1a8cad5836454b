import { getRequestListener } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from '../http/errors';
import { HTTP_ERRORS } from '../http/http-error';
import { applyForwardedUrl, bare, peerTrusted, type TrustProxy } from './trust-proxy';

/** How long a client may take, and how many connections it may hold (see limitsFrom). */
export interface HttpLimits {
  /** Whole request, headers and body: a dripping body is cut (408) after this. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** All connections at once: under the process's file-descriptor limit. */
  maxConnections: number;
  /** Per client address (a trusted proxy is exempt): one troublemaker cannot take them all. */
  maxConnectionsPerAddress: number;
}

/** The soft RLIMIT_NOFILE, from /proc (Linux); 1024, the common default, where it cannot be read. */
export function fdLimit(): number {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return m[1] === 'unlimited' ? 65536 : Number(m[1]);
  } catch {
    // not Linux
  }
  return 1024;
}

const ms = (env: Record<string, string | undefined>, name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
};

/**
 * Defaults: a body must arrive within 60 s (a phone on a weak signal sends a ballot in well
 * under that), headers within 20 s, idle keep-alive 5 s; connections leave 128 descriptors for
 * the database, its WAL, the writer thread and logs, and one address may hold half of them.
 */
export function limitsFrom(env: Record<string, string | undefined>): HttpLimits {
  const requestTimeoutMs = ms(env, 'MINPING_REQUEST_TIMEOUT_MS', 60_000);
  const maxConnections = ms(env, 'MINPING_MAX_CONNECTIONS', Math.max(64, fdLimit() - 128));
  return {
    requestTimeoutMs,
    headersTimeoutMs: ms(env, 'MINPING_HEADERS_TIMEOUT_MS', Math.min(20_000, requestTimeoutMs)),
    keepAliveTimeoutMs: ms(env, 'MINPING_KEEPALIVE_TIMEOUT_MS', 5_000),
    maxConnections,
    maxConnectionsPerAddress: ms(env, 'MINPING_MAX_CONNECTIONS_PER_ADDRESS', Math.max(16, Math.floor(maxConnections / 2))),
  };
}

export interface NodeHttp {
  server: Server;
  /**
   * Graceful stop: no new connections; requests already being handled are answered (a vote
   * after its commit); any request that arrives after this is answered 503 and not handled;
   * idle and streaming connections are closed once nothing is in flight. Resolves then.
   */
  drain(deadlineMs: number): Promise<void>;
}

const SHUTTING_DOWN = JSON.stringify(errorBody('shutting_down', HTTP_ERRORS.shutting_down));

const answer = (status: number, code: 'bad_request' | 'internal') =>
  new Response(JSON.stringify(errorBody(code, HTTP_ERRORS[code])), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * What escapes the app: Hono hands only Error instances to its onError, so anything else thrown
 * (a value cloned across a thread) would leave as an empty 500 with nothing logged. The adapter's
 * own hook logs it and answers the contract's body; a request it could not even build is a 400.
 */
const escaped = (err: unknown) => {
  if ((err as Error | undefined)?.name === 'RequestError') return answer(400, 'bad_request');
  console.error('unexpected error', err);
  return answer(500, 'internal');
};

export function createNodeHttp(fetch: (req: Request, bindings?: unknown) => Response | Promise<Response>, limits: HttpLimits, trust: TrustProxy | null): NodeHttp {
  const listener = getRequestListener(fetch, { errorHandler: escaped });
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this tick (30 s by default: a 2 s test limit would cut at 30).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (incoming: IncomingMessage, outgoing: ServerResponse) => {
      if (draining) {
        outgoing.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '5' });
        outgoing.end(SHUTTING_DOWN);
        return;
      }
      inFlight.add(outgoing);
      outgoing.once('close', () => inFlight.delete(outgoing));
      applyForwardedUrl(incoming, trust);
      void listener(incoming, outgoing);
    },
  );
  server.maxConnections = limits.maxConnections;

  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = bare(socket.remoteAddress ?? '');
    if (peerTrusted(trust, address)) return;
    const n = (perAddress.get(address) ?? 0) + 1;
    if (n > limits.maxConnectionsPerAddress) return void socket.destroy();
    perAddress.set(address, n);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });

  // A live stream never finishes by itself: it does not hold up a stop.
  const streaming = (res: ServerResponse) => res.headersSent && String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

  function drain(deadlineMs: number): Promise<void> {
    draining = true;
    server.close();
    server.closeIdleConnections();
    const until = Date.now() + deadlineMs;
    return new Promise((resolve) => {
      const tick = () => {
        const busy = [...inFlight].some((res) => !res.writableFinished && !streaming(res));
        if (busy && Date.now() < until) return void setTimeout(tick, 20);
        server.closeAllConnections();
        resolve();
      };
      tick();
    });
  }

  return { server, drain };
}
