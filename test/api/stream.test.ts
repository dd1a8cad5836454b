import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { openStream, type StreamReader } from './stream-kit';

const WATCHERS = 200;

describe('the live turnout stream (GET /api/meetings/:id/turnout/stream)', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let admin: Client;
  let auth: Record<string, string>;
  const streamUrl = (id: string) => `${target.url}/api/meetings/${id}/turnout/stream`;
  const vote = (token: string, subjects: string[]) => client(target.url).post('/api/ballots', { token, choices: allGraded(subjects, 'satisfied') });

  beforeAll(async () => {
    target = await startNodeTarget({ turnout: { heartbeatMs: 300 } });
    admin = client(target.url, target.adminKey);
    auth = { authorization: `Bearer ${target.adminKey}` };
  });
  afterAll(() => target?.stop());

  it('refuses a stream without a key (401) and to a scorer (403)', async () => {
    const m = await newMeeting(admin, { title: '无权观看', eligible: 3, subjects: [{ name: '支部' }] });
    const anon = await openStream(streamUrl(m.id));
    expect(anon.status).toBe(401);
    const scorer = (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
    expect((await openStream(streamUrl(m.id), { authorization: `Bearer ${scorer}` })).status).toBe(403);
    expect((await openStream(streamUrl('no-such-meeting'), auth)).status).toBe(404);
  });

  it(`${WATCHERS} watchers over real HTTP each see every vote and all end on the final count when the meeting closes`, async () => {
    const votes = 30;
    const m = await newMeeting(admin, { title: '多人观看', categories: [{ key: 'dy', label: '党员', eligible: 30 }, { key: 'qz', label: '群众', eligible: 15 }], subjects: [{ name: '支部' }] });
    const tokens = [...(await issue(admin, m.id, 20, 'dy')), ...(await issue(admin, m.id, 10, 'qz'))];
    await admin.post(`/api/meetings/${m.id}/open`);
    const readers: StreamReader[] = await Promise.all(Array.from({ length: WATCHERS }, () => openStream(streamUrl(m.id), auth)));
    await Promise.all(readers.map((r) => r.waitFor((e) => e.data.status === 'open')));
    for (const r of readers) expect(r.retry).toBeGreaterThan(0);

    // Votes one after another: how long after each 201 does every screen show it?
    const delays: number[] = [];
    for (let i = 0; i < votes; i++) {
      const sent = performance.now();
      expect((await vote(tokens[i], m.subjects)).status).toBe(201);
      const seen = await Promise.all(readers.map((r) => r.waitFor((e) => e.data.cast >= i + 1)));
      for (const e of seen) delays.push(Math.max(0, e.at - sent));
    }
    expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    await Promise.all(readers.map((r) => r.ended));

    for (const r of readers) {
      const last = r.events.at(-1)!;
      expect(last.data).toMatchObject({ status: 'closed', cast: votes, eligible: 45, required: 30, quorumMet: true });
      expect(last.data.categories).toEqual([expect.objectContaining({ key: 'dy', cast: 20 }), expect.objectContaining({ key: 'qz', cast: 10 })]);
      expect(last.id).toBe(`closed-${votes}`);
      const casts = r.events.map((e) => e.data.cast);
      expect(casts).toEqual([...casts].sort((a, b) => a - b)); // never goes back
    }
    delays.sort((a, b) => a - b);
    const at = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))].toFixed(1);
    // A figure for the record, not a test of speed (the test shares 2 cores with the server).
    console.log(`stream: ${WATCHERS} watchers × ${votes} votes, vote → screen delay ms: p50 ${at(0.5)}, p99 ${at(0.99)}, max ${at(1)}`);
  });

  it('a reconnect with Last-Event-ID gets the current state at once; an idle stream sends heartbeats', async () => {
    const m = await newMeeting(admin, { title: '断线重连', eligible: 5, subjects: [{ name: '支部' }] });
    const tokens = await issue(admin, m.id, 3);
    await admin.post(`/api/meetings/${m.id}/open`);
    const first = await openStream(streamUrl(m.id), auth);
    const seen = await first.waitFor(() => true);
    expect(seen.id).toBe('open-0');
    first.close();
    await vote(tokens[0], m.subjects);
    await vote(tokens[1], m.subjects);
    const again = await openStream(streamUrl(m.id), { ...auth, 'last-event-id': seen.id });
    const now = await again.waitFor(() => true);
    expect(now.data.cast).toBe(2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(again.comments).toBeGreaterThan(0);
    again.close();
  });

  it('after close a new stream gets the final state and ends; a client already holding it is told to stop (204)', async () => {
    const m = await newMeeting(admin, { title: '已结束', eligible: 2, subjects: [{ name: '支部' }] });
    const [token] = await issue(admin, m.id, 1);
    await admin.post(`/api/meetings/${m.id}/open`);
    await vote(token, m.subjects);
    await admin.post(`/api/meetings/${m.id}/close`);
    const late = await openStream(streamUrl(m.id), auth);
    await late.ended;
    expect(late.events.map((e) => e.id)).toEqual(['closed-1']);
    const done = await fetch(streamUrl(m.id), { headers: { ...auth, 'last-event-id': 'closed-1' } });
    expect(done.status).toBe(204);
  });
});
