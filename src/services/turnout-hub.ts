import type { Services } from './context';
import { loadMeeting } from './load-meeting';
import { meetingTurnout } from './turnout';
import type { Meeting } from '../domain/meeting';
import type { TurnoutView } from '../domain/turnout';

export interface HubOptions {
  /** How often the store is asked when nothing in this process said a vote came in. */
  pollMs?: number;
  /** Least time between two polls, however many votes nudge the hub. */
  minGapMs?: number;
  /** How often the meeting row itself (its status) is re-read; open/close here re-read at once. */
  recheckMs?: number;
}

/** One turnout state, serialized once for every watcher. The id names the state: resumable. */
export interface Snapshot {
  view: TurnoutView;
  id: string;
  data: string;
}

export function snapshotOf(view: TurnoutView): Snapshot {
  return { view, id: `${view.status}-${view.cast}`, data: JSON.stringify(view) };
}

/**
 * Turnout watchers of one process (or Workers isolate), grouped by meeting. However many screens
 * watch a meeting, one poll loop reads its counts and every screen gets the same serialized
 * state: the work per vote does not grow with the watchers.
 *
 * The poll loop belongs to one watcher and runs inside that watcher's own request, so on Workers
 * its store calls are made from a request that is still alive. When that watcher leaves, the
 * first other watcher to wait for news takes the loop over (one stuck writing to a stalled
 * phone never holds it up); when the last leaves, polling stops.
 */
export class TurnoutHub {
  private readonly feeds = new Map<string, MeetingFeed>();
  private readonly options: Required<HubOptions>;
  private polls = 0;

  constructor(options: HubOptions = {}) {
    this.options = { pollMs: 100, minGapMs: 25, recheckMs: 1000, ...options };
  }

  /** Joins the meeting's feed (creating it with a fresh reading when it is the first). */
  async watch(services: Services, meeting: Meeting): Promise<Subscription> {
    const fresh = this.feeds.has(meeting.id) ? null : snapshotOf(await meetingTurnout(services, meeting));
    let feed = this.feeds.get(meeting.id);
    if (!feed) {
      const created: MeetingFeed = new MeetingFeed(meeting, fresh!, this.options, () => this.polls++, () => {
        if (this.feeds.get(meeting.id) === created) this.feeds.delete(meeting.id);
      });
      this.feeds.set(meeting.id, (feed = created));
    }
    return feed.join(services);
  }

  /**
   * Something in this process changed the meeting's turnout (a vote, a paper slip, slips issued
   * or voided) or its `state` (open, close): its watchers' poller reads now rather than at the
   * next tick. Cheap, and it says nothing about who or what. Votes taken by other processes
   * or isolates are still found by polling.
   */
  poke(meetingId: string, change: 'turnout' | 'state' = 'turnout'): void {
    this.feeds.get(meetingId)?.poke(change === 'state');
  }

  /** How many meetings are watched, by how many, with how many poll loops running, and polls so far. */
  stats() {
    let watchers = 0;
    let pollers = 0;
    for (const feed of this.feeds.values()) {
      watchers += feed.size;
      if (feed.polling) pollers++;
    }
    return { meetings: this.feeds.size, watchers, pollers, polls: this.polls };
  }
}

/** One watched meeting: its watchers, the one poll loop that reads for all of them, the latest state. */
class MeetingFeed {
  private readonly subs = new Set<Subscription>();
  /** The watcher whose request runs the poll loop, if any. */
  private pollingFor: Subscription | null = null;
  private version = 0;
  private readonly waiters = new Map<Subscription, () => void>();
  private wakePoller: (() => void) | null = null;
  private urgent = false;
  private reload = false;
  private lastPoll = 0;
  private meetingAt = Date.now();

  constructor(
    private meeting: Meeting,
    public latest: Snapshot,
    private readonly options: Required<HubOptions>,
    private readonly counted: () => void,
    private readonly emptied: () => void,
  ) {}

  get size() {
    return this.subs.size;
  }

  get polling() {
    return this.pollingFor !== null;
  }

  get current() {
    return { version: this.version, snapshot: this.latest };
  }

  join(services: Services): Subscription {
    const sub = new Subscription(this, services, this.version);
    this.subs.add(sub);
    return sub;
  }

  leave(sub: Subscription): void {
    if (!this.subs.delete(sub)) return;
    this.waiters.get(sub)?.(); // its own request should end now, not at its next heartbeat
    if (this.pollingFor === sub) {
      this.pollingFor = null;
      this.wakePoller?.();
      this.notify(); // a waiting watcher wakes and takes the loop over
    }
    if (this.subs.size === 0) this.emptied();
  }

  poke(reload: boolean): void {
    this.urgent = true;
    this.reload ||= reload;
    this.wakePoller?.();
  }

  /** Resolves on the next change of state, when the poller leaves or `sub` does, or after `ms`. */
  waitForChange(sub: Subscription, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(sub);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.set(sub, done);
    });
  }

  /**
   * A poll loop that has not read for several ticks belongs to a request that died without
   * telling us (a Workers isolate evicted, a read stuck): another watcher may take it over.
   */
  get stallMs(): number {
    return this.options.pollMs * 5;
  }

  private stalled(): boolean {
    return this.pollingFor !== null && Date.now() - this.lastPoll > this.stallMs;
  }

  /** When nobody polls, or the poller has stalled, `sub` runs the loop from its own request. */
  ensurePolling(sub: Subscription): void {
    if (sub.closed || this.pollingFor === sub || (this.pollingFor !== null && !this.stalled())) return;
    // The stalled loop sees it is no longer the poller and ends at its next step. Back-dating
    // the last poll by one tick makes the new loop read at once without looking stalled itself.
    this.lastPoll = Date.now() - this.options.pollMs;
    this.pollingFor = sub;
    void this.pollLoop(sub);
  }

  private notify(): void {
    for (const done of [...this.waiters.values()]) done();
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakePoller = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakePoller = wake;
    });
  }

  private async pollLoop(sub: Subscription): Promise<void> {
    try {
      while (this.pollingFor === sub && !sub.closed) {
        const due = this.lastPoll + (this.urgent ? this.options.minGapMs : this.options.pollMs);
        const wait = due - Date.now();
        if (wait > 0) {
          await this.nap(wait);
          continue;
        }
        this.urgent = false;
        this.lastPoll = Date.now();
        await this.refresh(sub.services);
      }
    } finally {
      if (this.pollingFor === sub) this.pollingFor = null;
    }
  }

  private async refresh(services: Services): Promise<void> {
    this.counted();
    try {
      if (this.reload || Date.now() - this.meetingAt >= this.options.recheckMs) {
        this.reload = false;
        this.meetingAt = Date.now();
        this.meeting = await loadMeeting(services, this.meeting.id, 'public'); // the watcher was checked on connect
      }
      const next = snapshotOf(await meetingTurnout(services, this.meeting));
      if (next.data === this.latest.data) return;
      this.latest = next;
      this.version++;
      this.notify();
    } catch (err) {
      // A failed read (database busy) is retried at the next tick; the screens keep the last state.
      console.error('turnout poll failed', err);
    }
  }
}

/** One watcher's place in a feed. */
export class Subscription {
  closed = false;

  constructor(
    private readonly feed: MeetingFeed,
    readonly services: Services,
    private seen: number,
  ) {}

  /** The state as of joining (or of the last `next`). */
  get current(): Snapshot {
    return this.feed.latest;
  }

  /** The next state this watcher has not seen, or null after `ms` with no change (or once closed). */
  async next(ms: number): Promise<Snapshot | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.closed) return null;
      const { version, snapshot } = this.feed.current;
      if (version !== this.seen) {
        this.seen = version;
        return snapshot;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      this.feed.ensurePolling(this);
      // Wake at least once per stall period to check the poller is still alive.
      await this.feed.waitForChange(this, Math.min(left, this.feed.stallMs));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.leave(this);
  }
}
