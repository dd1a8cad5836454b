import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../src/runtime/node-platform';
import { castBallot } from '../../src/services/cast-ballot';
import { changeState } from '../../src/services/change-state';
import type { Services } from '../../src/services/context';
import { createMeeting } from '../../src/services/create-meeting';
import { issueTokens } from '../../src/services/issue-tokens';
import { TurnoutHub, type Subscription } from '../../src/services/turnout-hub';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import type { Actor } from '../../src/domain/people';

const actor: Actor = { id: 'sup', name: '监督员', role: 'supervisor' };

/** The hub on a real SQLite file, its count reads tallied on the real store. */
describe('the turnout hub: one poller per meeting however many watch', () => {
  let dir: string;
  let store: SqliteStore;
  let services: Services;
  let countReads = 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'minping-hub-'));
    store = new SqliteStore(openDatabase(join(dir, 'minping.db')));
    const castCounts = store.castCounts.bind(store);
    store.castCounts = (id: string) => {
      countReads++;
      return castCounts(id);
    };
    services = { store, config: { publicUrl: 'http://x' }, sha256: nodeSha256 };
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openMeeting(slips: number) {
    const m = await createMeeting(services, { title: '看板', eligible: slips, subjects: [{ name: '支部' }] }, actor);
    const { tokens } = await issueTokens(services, m.id, { count: slips }, actor);
    return { meeting: await changeState(services, m.id, 'open', actor), tokens };
  }
  const vote = (token: string, subject: string) => castBallot(services, { token, choices: { [subject]: 'satisfied' }, channel: 'phone' });

  /** A watcher as the stream route runs one: waits for states until told to stop. */
  function watcher(sub: Subscription) {
    const seen: number[] = [sub.current.view.cast];
    const done = (async () => {
      while (!sub.closed) {
        const next = await sub.next(5000);
        if (next) seen.push(next.view.cast);
      }
    })();
    return { sub, seen, done };
  }

  it('fifty watchers each see every vote, and every count read is the one shared poller', async () => {
    const hub = new TurnoutHub();
    const { meeting, tokens } = await openMeeting(10);
    const readsBefore = countReads;
    const watchers: ReturnType<typeof watcher>[] = [];
    for (let i = 0; i < 50; i++) watchers.push(watcher(await hub.watch(services, meeting)));
    expect(hub.stats()).toMatchObject({ meetings: 1, watchers: 50 });
    for (const t of tokens) {
      await vote(t, meeting.subjects[0].id);
      hub.poke(meeting.id);
    }
    await expect.poll(() => watchers.every((w) => w.seen.at(-1) === 10), { timeout: 5000 }).toBe(true);
    const { polls, pollers } = hub.stats();
    expect(pollers).toBe(1);
    // One read when the first watcher joined; every other read was a poll of the one loop.
    expect(countReads - readsBefore).toBe(polls + 1);
    for (const w of watchers) w.sub.close();
    await Promise.all(watchers.map((w) => w.done));
    expect(hub.stats()).toMatchObject({ meetings: 0, watchers: 0, pollers: 0 });
  });

  it('stops polling when the last watcher leaves', async () => {
    const hub = new TurnoutHub({ pollMs: 20 });
    const { meeting } = await openMeeting(1);
    const w = watcher(await hub.watch(services, meeting));
    await expect.poll(() => hub.stats().polls, { timeout: 5000 }).toBeGreaterThan(2);
    w.sub.close();
    await w.done;
    const polls = hub.stats().polls;
    const reads = countReads;
    await new Promise((r) => setTimeout(r, 200)); // ten poll intervals
    expect(hub.stats().polls).toBe(polls);
    expect(countReads).toBe(reads);
  });

  it('when the polling watcher leaves, another takes over and still sees new votes', async () => {
    const hub = new TurnoutHub();
    const { meeting, tokens } = await openMeeting(2);
    const first = watcher(await hub.watch(services, meeting));
    const second = watcher(await hub.watch(services, meeting));
    await vote(tokens[0], meeting.subjects[0].id);
    await expect.poll(() => second.seen.at(-1), { timeout: 5000 }).toBe(1);
    first.sub.close(); // the leader: it joined first
    await first.done;
    await vote(tokens[1], meeting.subjects[0].id); // no poke: only polling can find it
    await expect.poll(() => second.seen.at(-1), { timeout: 5000 }).toBe(2);
    expect(hub.stats()).toMatchObject({ watchers: 1, pollers: 1 });
    second.sub.close();
    await second.done;
  });

  it('when the polling request hangs without leaving, another takes over within a few ticks', async () => {
    const hub = new TurnoutHub();
    const { meeting, tokens } = await openMeeting(2);
    // The first watcher's request is stuck: every store read it makes never answers.
    let hung = false;
    const stuckStore = Object.create(store, {
      castCounts: { value: (id: string) => (hung ? new Promise(() => {}) : store.castCounts(id)) },
    });
    const first = watcher(await hub.watch({ ...services, store: stuckStore }, meeting));
    await expect.poll(() => hub.stats().pollers, { timeout: 5000 }).toBe(1);
    const second = watcher(await hub.watch(services, meeting));
    hung = true;
    await vote(tokens[0], meeting.subjects[0].id); // no poke: only polling can find it
    await expect.poll(() => second.seen.at(-1), { timeout: 5000 }).toBe(1);
    expect(first.sub.current.view.cast).toBe(1); // the channel's state is shared, stuck or not
    first.sub.close();
    second.sub.close();
    await Promise.all([first.done, second.done]);
  });

  it('a close is seen as the final state', async () => {
    const hub = new TurnoutHub();
    const { meeting, tokens } = await openMeeting(1);
    const w = watcher(await hub.watch(services, meeting));
    await vote(tokens[0], meeting.subjects[0].id);
    await changeState(services, meeting.id, 'close', actor);
    hub.poke(meeting.id, 'state');
    await expect.poll(() => w.sub.current.view.status, { timeout: 5000 }).toBe('closed');
    expect(w.sub.current.view.cast).toBe(1);
    w.sub.close();
    await w.done;
  });
});
