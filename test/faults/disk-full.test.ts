import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

const TOKENS = 3000;

/** A real small file system for the database: tmpfs needs root; without it the test says why it skips. */
function mountTmpfs(dir: string, size: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err).trim();
  }
}

/** Writes zeros until the file system refuses: the disk is now full. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  // The last few KB too, so no page of the WAL still fits.
  try {
    for (;;) written += writeSync(fd, chunk.subarray(0, 512));
  } catch {}
  closeSync(fd);
  return written;
}

const root = mkdtempSync(join(tmpdir(), 'minping-full-'));
const mountError = mountTmpfs(root, '40m');
if (mountError) console.warn(`disk-full test skipped: cannot mount a tmpfs at ${root} (${mountError}); run as root to test a full disk`);

describe.skipIf(mountError !== null)('a full disk mid-voting', () => {
  let server: ChildServer | undefined;
  const dbFile = join(root, 'minping.db');
  const filler = join(root, 'filler.bin');

  beforeAll(async () => {
    server = await startChildServer(dbFile);
  });
  afterAll(async () => {
    await server?.stop();
    try {
      execFileSync('umount', [root]);
    } catch {}
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 storage_full while full, says so on /healthz, and takes votes again once space is back; acknowledged = counted', async () => {
    const url = server!.url;
    const admin = client(url, TEST_ADMIN_KEY);
    const m = await newMeeting(admin, { title: '磁盘已满', eligible: TOKENS, subjects: Array.from({ length: 10 }, (_, i) => ({ name: `对象${i}` })) });
    const tokens = await issue(admin, m.id, TOKENS);
    await admin.post(`/api/meetings/${m.id}/open`);

    const acknowledged = new Set<string>();
    const full: string[] = [];
    const statuses = new Map<number, number>();
    const vote = async (token: string) => {
      const res = await client(url).post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) acknowledged.add(token);
      else if (res.status === 503) {
        expect(res.body.error.code).toBe('storage_full');
        expect(res.body.error.message).toMatch(/^服务器磁盘已满/);
        full.push(token);
      } else throw new Error(`unexpected ${res.status} ${res.text}`);
    };
    const crowd = async (list: string[], width = 16) => {
      const queue = [...list];
      await Promise.all(Array.from({ length: width }, async () => { while (queue.length) await vote(queue.shift()!); }));
    };

    await crowd(tokens.slice(0, 300));
    expect(acknowledged.size).toBe(300);
    const filled = fill(filler);
    await crowd(tokens.slice(300, 700));
    const refusedWhileFull = full.length;
    expect(refusedWhileFull).toBeGreaterThan(300);
    // The phone's plain form post gets a page saying what happened, not JSON or a bare 500.
    const form = new URLSearchParams(allGraded(m.subjects, 'satisfied'));
    const page = await fetch(`${url}/b/${tokens[3000 - 1]}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: form });
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('服务器磁盘已满');
    const health = await client(url).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ ok: false, storage: 'full' });

    unlinkSync(filler);
    expect((await client(url).get('/healthz')).body).toEqual({ ok: true, storage: 'ok' });
    // The refused voters try again, and more arrive.
    const retry = full.splice(0);
    await crowd([...retry, ...tokens.slice(700, 1200)]);
    expect(full).toEqual([]);
    expect(acknowledged.size).toBe(1200 - (400 - refusedWhileFull));

    const turnout = (await admin.get(`/api/meetings/${m.id}/turnout`)).body;
    expect(turnout.cast).toBe(acknowledged.size);
    const log = server!.output();
    const fullLines = log.split('\n').filter((l) => l.includes('服务器磁盘已满'));
    expect(fullLines.length).toBeGreaterThanOrEqual(1);
    expect(fullLines.length).toBeLessThanOrEqual(2); // one a minute, not one per request
    expect(log).not.toMatch(/\n\s+at /); // no stack traces
    console.log(`disk full: filler ${Math.round(filled / 1024 / 1024)} MB; ${refusedWhileFull} of 400 votes answered 503 storage_full while full, ${fullLines.length} log line(s); after freeing space all ${retry.length} retried + 500 new accepted; ${acknowledged.size} acknowledged = ${turnout.cast} counted; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
