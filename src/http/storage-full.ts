import type { Context } from 'hono';
import { HttpError } from './http-error';

/**
 * A full disk (SQLite's SQLITE_FULL, the OS's ENOSPC) is not a bug in a request: it is a
 * state of the machine a supervisor can act on. Nothing is acknowledged that was not written,
 * so the answer is 503 with what to do, the log gets one line a minute (not a stack per
 * request), and writes resume by themselves once space is back.
 */
const FULL = /SQLITE_FULL|ENOSPC|database or disk is full|no space left on device/i;

/** Whether an error's code or message (SQLite's code is lost once it crosses a thread) matches. */
export function errorMatches(err: unknown, pattern: RegExp): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (typeof code === 'string' && pattern.test(code)) || (typeof message === 'string' && pattern.test(message));
}

export const isStorageFull = (err: unknown) => errorMatches(err, FULL);

/** What a runtime knows about its storage: told of each full-disk error, asked by /healthz. */
export interface StorageWatch {
  noteFull(err: unknown): void;
  state(): 'ok' | 'full';
}

/** One log line per minute at most, with how many writes were refused since the last one. */
export class RateLimitedLog {
  private last = -Infinity;
  private suppressed = 0;
  constructor(
    private readonly everyMs = 60_000,
    private readonly write: (line: string) => void = (l) => console.error(l),
    private readonly now: () => number = Date.now,
  ) {}

  note(line: string): void {
    const now = this.now();
    if (now - this.last < this.everyMs) return void this.suppressed++;
    const more = this.suppressed ? `（上次记录后又拒绝 ${this.suppressed} 次）` : '';
    this.write(`${new Date(now).toISOString()} ${line}${more}`);
    this.last = now;
    this.suppressed = 0;
  }
}

const fallbackLog = new RateLimitedLog();

/** Tells the runtime's watch (and so the log, once a minute); a page then shows HTTP_ERRORS.storage_full. */
export function noteStorageFull(c: Context, err: unknown): HttpError {
  const watch = (c.get('platform') as { storage?: StorageWatch } | undefined)?.storage;
  if (watch) watch.noteFull(err);
  else fallbackLog.note(`minping: storage full — ${String((err as Error)?.message ?? err)}`);
  c.header('Retry-After', '30');
  return new HttpError('storage_full');
}
