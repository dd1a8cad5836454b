import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { loadMeeting } from '../../services/load-meeting';
import { meetingTurnout } from '../../services/turnout';
import { snapshotOf, type Snapshot, type TurnoutHub } from '../../services/turnout-hub';
import { requireRole, SUPERVISOR } from '../auth';
import type { AppEnv } from '../env';

export interface StreamOptions {
  /** A comment line this often keeps proxies and phones from dropping an idle connection. */
  heartbeatMs?: number;
  /** A stream ends after this long and the browser reconnects: no request lives for ever. */
  lifetimeMs?: number;
  /** How long a browser waits before reconnecting after a drop. */
  retryMs?: number;
}

function send(stream: SSEStreamingApi, snap: Snapshot, retry?: number) {
  return stream.writeSSE({ event: 'turnout', id: snap.id, data: snap.data, retry });
}

/**
 * GET /api/meetings/:id/turnout/stream — the turnout object as server-sent events: on connect
 * (also on a reconnect with Last-Event-ID), on every change, a heartbeat comment when idle, and
 * a last event when the meeting closes, after which the stream ends. The same code serves Node
 * and Workers.
 */
export function streamRoutes(hub: TurnoutHub, options: StreamOptions = {}) {
  const { heartbeatMs = 15_000, lifetimeMs = 15 * 60_000, retryMs = 2000 } = options;
  return new Hono<AppEnv>().get('/:id/turnout/stream', requireRole(SUPERVISOR), async (c) => {
    const services = c.get('services');
    const meeting = await loadMeeting(services, c.req.param('id'), c.get('actor'));
    c.header('X-Accel-Buffering', 'no'); // a reverse proxy must pass events on as they come
    if (meeting.status === 'closed') {
      const final = snapshotOf(await meetingTurnout(services, meeting));
      // 204 tells EventSource to stop reconnecting: this client already has the final state.
      if (c.req.header('last-event-id') === final.id) return c.body(null, 204);
      return streamSSE(c, (stream) => send(stream, final, retryMs));
    }
    const sub = await hub.watch(services, meeting);
    return streamSSE(c, async (stream) => {
      const leave = () => sub.close();
      stream.onAbort(leave);
      c.req.raw.signal?.addEventListener('abort', leave);
      const endAt = Date.now() + lifetimeMs;
      try {
        let last = sub.current;
        await send(stream, last, retryMs);
        while (last.view.status !== 'closed' && !stream.aborted && Date.now() < endAt) {
          const next = await sub.next(Math.min(heartbeatMs, endAt - Date.now()));
          if (stream.aborted || sub.closed) break;
          if (next) await send(stream, (last = next));
          else await stream.write(': \n\n');
        }
      } finally {
        sub.close();
      }
    });
  });
}
