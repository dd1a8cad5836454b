/** A server-sent-events reader over real HTTP (fetch), as a dashboard or a script would hold one. */
export interface TurnoutEvent {
  id: string;
  at: number;
  data: { status: string; cast: number; eligible: number; required: number; quorumMet: boolean; categories: { key: string; cast: number }[] };
}

export interface StreamReader {
  status: number;
  events: TurnoutEvent[];
  comments: number;
  retry: number | null;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves with the first event (already seen or still to come) that satisfies `test`. */
  waitFor(test: (e: TurnoutEvent) => boolean, timeoutMs?: number): Promise<TurnoutEvent>;
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: TurnoutEvent[] = [];
  const listeners = new Set<() => void>();
  const reader: StreamReader = {
    status: res.status,
    events,
    comments: 0,
    retry: null,
    ended: Promise.resolve(),
    waitFor(test, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(test);
          if (!hit) return false;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no such event within ${timeoutMs} ms; last: ${JSON.stringify(events.at(-1)?.data)}`));
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    return reader;
  }
  const decoder = new TextDecoder();
  const body = res.body.getReader();
  reader.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) reader.comments++;
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data += line.slice(6);
            else if (line.startsWith('retry: ')) reader.retry = Number(line.slice(7));
          }
          if (data) {
            events.push({ id, at: performance.now(), data: JSON.parse(data) });
            for (const check of [...listeners]) check();
          }
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return reader;
}
