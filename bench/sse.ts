import http from 'node:http';
import { percentile } from './stats';

export interface FanoutOptions {
  url: string;
  key: string;
  meetingId: string;
  watchers: number;
  /** One ballot body per vote, sent one after another. */
  ballots: string[];
  gapMs: number;
}

export interface FanoutResult {
  watchers: number;
  votes: number;
  samples: number;
  missed: number;
  p50ms: number;
  p99ms: number;
}

interface Watcher {
  req: http.ClientRequest;
  seen: number;
  ready: Promise<number>;
}

/**
 * Opens `watchers` turnout streams, casts the ballots one by one and, for every watcher and
 * every vote, measures from sending the POST to that watcher reading a `cast` that includes it.
 * A stream that does not open (any answer but 200) fails the run: a screen that cannot watch
 * is a broken product, not a figure to leave out.
 */
export async function sseFanout(o: FanoutOptions): Promise<FanoutResult> {
  const path = `/api/meetings/${o.meetingId}/turnout/stream`;
  const sentAt: number[] = [];
  const latencies: number[] = [];
  const watchers: Watcher[] = [];
  const onCast = (w: Watcher, cast: number) => {
    const now = performance.now();
    for (; w.seen < cast; w.seen++) if (sentAt[w.seen] !== undefined) latencies.push(now - sentAt[w.seen]);
  };
  try {
    for (let i = 0; i < o.watchers; i++) watchers.push(watch(o, path, onCast));
    const statuses = await Promise.all(watchers.map((w) => w.ready));
    const refused = statuses.filter((s) => s !== 200);
    if (refused.length) throw new Error(`turnout stream: ${refused.length} of ${o.watchers} watchers answered ${[...new Set(refused)].join(', ')} instead of 200`);
    await sleep(300);
    for (const body of o.ballots) {
      sentAt.push(performance.now());
      const res = await fetch(o.url + '/api/ballots', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.status !== 201) throw new Error(`vote during fan-out: ${res.status} ${await res.text()}`);
      await sleep(o.gapMs);
    }
    const expected = o.watchers * o.ballots.length;
    for (let waited = 0; latencies.length < expected && waited < 5_000; waited += 50) await sleep(50);
    latencies.sort((a, b) => a - b);
    return {
      watchers: o.watchers,
      votes: o.ballots.length,
      samples: latencies.length,
      missed: expected - latencies.length,
      p50ms: percentile(latencies, 0.5),
      p99ms: percentile(latencies, 0.99),
    };
  } finally {
    for (const w of watchers) w.req.destroy();
  }
}

function watch(o: FanoutOptions, path: string, onCast: (w: Watcher, cast: number) => void): Watcher {
  let settle!: (status: number) => void;
  const ready = new Promise<number>((resolve) => (settle = resolve));
  const req = http.get(o.url + path, { agent: false, headers: { authorization: `Bearer ${o.key}`, accept: 'text/event-stream' } });
  const w: Watcher = { req, seen: 0, ready };
  req.on('error', () => settle(0));
  req.on('response', (res) => {
    settle(res.statusCode ?? 0);
    if (res.statusCode !== 200) return void res.resume();
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = events.pop()!;
      for (const e of events) {
        const data = turnoutData(e);
        if (data && typeof data.cast === 'number') onCast(w, data.cast);
      }
    });
  });
  return w;
}

/** The JSON of an `event: turnout` block, or null for anything else (comments, pings). */
function turnoutData(block: string): { cast?: unknown } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event !== 'turnout' || data.length === 0) return null;
  try {
    return JSON.parse(data.join('\n'));
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
