import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';
import { attack, CHANCE_BOUND, copyFiles, describeAttack, replay, slotsReading, type AttackResult, type Vote } from './forensics-kit';

const GRADES: GradeName[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'];
const SUBJECTS = 4;
const VOTES = 50;
const MID = 30;
/** |tau| of a random order of 30 is under 0.45 but for ~1 time in 1,000. */
const ORDERLESS = 0.45;

/** Vote i's grade digits: i·37 mod 256 in base 4, so the 50 ballots are all distinct. */
const gradesOf = (i: number) => Array.from({ length: SUBJECTS }, (_, j) => String(Math.floor(((i * 37) % 256) / 4 ** j) % 4)).join('');
const choicesOf = (subjects: string[], grades: string) => Object.fromEntries(subjects.map((s, j) => [s, GRADES[Number(grades[j])]]));

/** FORENSICS_SERVER_ROOT runs the same attack against another checkout (e.g. a worktree of the old design). */
const root = process.env.FORENSICS_SERVER_ROOT;

async function openMeeting(admin: Client, eligible: number) {
  const m = await newMeeting(admin, { title: '取证攻击', eligible, subjects: Array.from({ length: SUBJECTS }, (_, i) => ({ name: `对象${i + 1}` })) });
  const tokens = await issue(admin, m.id, eligible);
  expect((await admin.post(`/api/meetings/${m.id}/open`)).status).toBe(200);
  return { m, tokens };
}

async function vote(url: string, subjects: string[], token: string, grades: string): Promise<Vote> {
  const res = await client(url).post('/api/ballots', { token, choices: choicesOf(subjects, grades) });
  expect(res.status).toBe(201);
  return { token, receipt: res.body.receipt, grades };
}

function expectChance(r: AttackResult) {
  expect(r.linkingCommits).toBe(0);
  expect(r.byReplay).toBeLessThanOrEqual(CHANCE_BOUND);
  expect(r.byFileOrder).toBeLessThanOrEqual(CHANCE_BOUND);
  for (const tau of Object.values(r.tau)) expect(Math.abs(tau)).toBeLessThan(ORDERLESS);
}

describe('a hostile operator with copies of the files, every raw token and every receipt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-forensics-'));
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`cannot pair slips with ballots from a copy taken mid-voting or after close (${VOTES} sequential votes, WAL replayed commit by commit)`, async () => {
    const dbFile = join(dir, 'run', 'minping.db');
    server = await startChildServer(dbFile, {}, root);
    const admin = client(server.url, TEST_ADMIN_KEY);
    const { m, tokens } = await openMeeting(admin, VOTES + 10);
    const votes: Vote[] = [];
    for (let i = 0; i < MID; i++) votes.push(await vote(server.url, m.subjects, tokens[i], gradesOf(i)));
    const mid = attack(copyFiles(dbFile, join(dir, 'mid')), votes);
    for (let i = MID; i < VOTES; i++) votes.push(await vote(server.url, m.subjects, tokens[i], gradesOf(i)));
    expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const after = attack(copyFiles(dbFile, join(dir, 'after')), votes);
    const results = (await admin.get(`/api/meetings/${m.id}/results`)).body;
    await server.stop();
    server = undefined;
    console.log(`forensics${root ? ` (${root})` : ''}: ${describeAttack(`mid-voting, ${MID} votes`, mid)}; ${describeAttack(`after close, ${VOTES} votes`, after)}`);

    expect(results.cast).toBe(VOTES);
    expectChance(mid);
    expectChance(after);
  });

  it('cannot pair slips with ballots from copies taken at random moments while a crowd votes at once', async () => {
    const dbFile = join(dir, 'crowd', 'minping.db');
    server = await startChildServer(dbFile, {}, root);
    const admin = client(server.url, TEST_ADMIN_KEY);
    const { m, tokens } = await openMeeting(admin, 200);
    const votes: Vote[] = [];
    let next = 0;
    let copies = 0;
    const url = server.url;
    const voters = Array.from({ length: 16 }, async () => {
      while (next < 200) {
        const i = next++;
        votes.push(await vote(url, m.subjects, tokens[i], gradesOf(i)));
      }
    });
    const results: AttackResult[] = [];
    const thief = (async () => {
      while (next < 200) {
        await new Promise((r) => setTimeout(r, 15 + Math.random() * 30));
        const copy = copyFiles(dbFile, join(dir, `crowd-${copies++}`));
        results.push(attack(copy, [...votes]));
      }
    })();
    await Promise.all([...voters, thief]);
    expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const after = attack(copyFiles(dbFile, join(dir, 'crowd-after')), votes);
    await server.stop();
    server = undefined;
    const most = Math.max(...results.map((r) => r.byReplay));
    const inWindow = results.filter((r) => r.linkingCommits > 0).length;
    console.log(`forensics, a crowd of 16 voting at once, ${results.length} copies: at most ${most} slips paired right by replay; ${inWindow} copies caught a batch inside its window (sealed grades only); ${describeAttack('after close', after)}`);
    expect(results.length).toBeGreaterThan(3);
    for (const r of results) expect(r.byReplay).toBeLessThanOrEqual(CHANCE_BOUND);
    expectChance(after);
  });

  it.skipIf(root)('cannot read the choices of the slip being cast from a copy taken between its two commits', async () => {
    const dbFile = join(dir, 'window', 'minping.db');
    server = await startChildServer(dbFile, { MINPING_TEST_HOLD_SEALED_MS: '1500' }, root);
    const admin = client(server.url, TEST_ADMIN_KEY);
    const { m, tokens } = await openMeeting(admin, 12);
    const votes: Vote[] = [];
    for (let i = 0; i < 5; i++) votes.push(await vote(server.url, m.subjects, tokens[i], gradesOf(i)));
    const grades = gradesOf(5);
    const held = server.output().split('test hold').length;
    const casting = vote(server.url, m.subjects, tokens[5], grades);
    while (server.output().split('test hold').length === held) await new Promise((r) => setTimeout(r, 5));
    const copy = copyFiles(dbFile, join(dir, 'inside'));
    votes.push(await casting);
    await server.stop();
    server = undefined;

    // The copy holds the vote's first commit: the slip spent, one slot sealed — and its grades
    // one-time padded, the pad nowhere on disk. No state the copy replays to reads its choices.
    const { states } = replay(copy);
    const sealed = [...states.at(-1)!.ballots.values()].map((row) => JSON.parse(row)).filter((b) => b.state === 'sealed');
    expect(sealed).toHaveLength(1);
    expect(sealed[0].grades).toMatch(/^[0-9]{4}$/);
    expect(slotsReading(copy, grades)).toEqual([]);
    // The five answered votes are plain, in slots the copy gives no way to pair.
    for (const v of votes.slice(0, 5)) expect(slotsReading(copy, v.grades)).toHaveLength(1);
    const r = attack(copy, votes.slice(0, 5));
    expect(r.linkingCommits).toBe(0);
    console.log(`forensics, inside the commit window: sealed grades ${sealed[0].grades} for chosen ${grades}; ${describeAttack('answered votes', r)}`);
  });
});
