import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { CLIENT_HEADER, startAddressTarget } from './address-target';
import { dbBytes, foundIn } from './db-bytes';

const GUESSER = '10.0.0.66';
const NEIGHBOUR = '10.0.0.77';
const ROOM = '10.0.0.88';
const KEY_GUESSER = '10.0.0.99';
const from = (address: string) => ({ [CLIENT_HEADER]: address });
const fakeToken = (i: number) => `ABCDEFGHJKMNPQRSTUVWXY${String(2222 + i).replace(/[01]/g, '9')}`;

describe('throttling guessers, per client address, in memory only', () => {
  let target: Awaited<ReturnType<typeof startAddressTarget>>;
  let m: { id: string; subjects: string[] };
  let tokens: string[];

  beforeAll(async () => {
    target = await startAddressTarget();
    const admin = client(target.url, target.adminKey);
    m = await newMeeting(admin, { title: '防猜测评码', eligible: 80, subjects: [{ name: '村党支部' }] });
    tokens = await issue(admin, m.id, 80);
    await admin.post(`/api/meetings/${m.id}/open`);
  });
  afterAll(() => target?.stop());

  const vote = (token: string, address: string) =>
    client(target.url).post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') }, from(address));

  it('an address guessing tokens gets 429 with Retry-After after 20 misses, while a valid token from another address still votes', async () => {
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await vote(fakeToken(i), GUESSER));
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(404));
    const refused = answers.slice(20).filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    for (const r of refused) {
      expect(r.body.error.code).toBe('too_many_attempts');
      const wait = Number(r.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(300);
    }

    // A real slip is never refused: not from the guesser's own address, not from its neighbours.
    expect((await client(target.url).get(`/b/${tokens[0]}`, from(GUESSER))).status).toBe(200);
    expect((await vote(tokens[0], GUESSER)).status).toBe(201);
    expect((await vote(tokens[1], NEIGHBOUR)).status).toBe(201);
    // The guesser is still paused for guesses.
    expect((await vote(fakeToken(99), GUESSER)).status).toBe(429);
  });

  it('40 unknown guesses from the meeting room address, then a real slip from that address: 201', async () => {
    const room = '10.0.0.55';
    const guesses = [];
    for (let i = 0; i < 40; i++) guesses.push((await vote(fakeToken(100 + i), room)).status);
    expect(guesses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(19);
    expect((await vote(tokens[2], room)).status).toBe(201);
    // Typed on the voter page too: the slip's page opens and its form posts.
    expect((await client(target.url).get(`/b/${tokens[3]}`, from(room))).status).toBe(200);
    expect((await vote(fakeToken(200), room)).status).toBe(429);
  });

  it('IPv6 guessers are counted per /64: rotating addresses inside it does not help, another /64 is untouched', async () => {
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await vote(fakeToken(300 + i), `2001:db8:1:2::${(i + 1).toString(16)}`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses.slice(21)).toEqual(Array(4).fill(429));
    expect((await vote(fakeToken(400), '2001:db8:1:2:ffff::9')).status).toBe(429);
    expect((await vote(fakeToken(401), '2001:db8:1:3::1')).status).toBe(404);
    expect((await vote(tokens[4], '2001:db8:1:2::77')).status).toBe(201);
  });

  it('a whole meeting room behind one address is never slowed: 60 honest votes all count', async () => {
    const statuses = [];
    for (const t of tokens.slice(10, 70)) statuses.push((await vote(t, ROOM)).status);
    expect(statuses).toEqual(Array(60).fill(201));
  });

  it('guessing staff keys from one address gets 429, while the right key from another address works and voters there are untouched', async () => {
    const guess = (key: string, address: string) => client(target.url, key).get('/api/meetings', from(address));
    const answers = [];
    for (let i = 0; i < 24; i++) answers.push((await guess(`mp_wrong-key-${i}`, KEY_GUESSER)).status);
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(answers.slice(-2)).toEqual([429, 429]);
    // The right key from the guesser's own address is never refused for the wrong ones.
    expect((await guess(target.adminKey, KEY_GUESSER)).status).toBe(200);
    expect((await guess('mp_wrong-key-x', KEY_GUESSER)).status).toBe(429);
    expect((await guess(target.adminKey, NEIGHBOUR)).status).toBe(200);
    // Key guesses and token guesses are counted apart: the key guesser's voters still vote.
    expect((await vote(tokens[75], KEY_GUESSER)).status).toBe(201);
  });

  it('asking without any key is not a guess: 40 unauthenticated requests stay 401, never 429', async () => {
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await client(target.url).get('/api/meetings', from('10.0.0.101'))).status);
    expect(statuses).toEqual(Array(40).fill(401));
  });

  it('keeps nothing about clients on disk: no address in the database or its WAL', async () => {
    const bytes = dbBytes(target.dbFile);
    expect(bytes.length).toBeGreaterThan(0);
    expect(foundIn(bytes, [GUESSER, NEIGHBOUR, ROOM, KEY_GUESSER, '10.0.0.101', '127.0.0.1', 'mp_wrong-key'])).toEqual([]);
  });
});
