import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

const VOTERS = 32;
const TOKENS = 3000;

describe('a graceful stop under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-sigterm-'));
  const dbFile = join(dir, 'minping.db');
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`SIGTERM while ${VOTERS} voters vote: every vote counted was answered, exit 0 within 10 s`, async () => {
    server = await startChildServer(dbFile);
    const admin = client(server.url, TEST_ADMIN_KEY);
    const m = await newMeeting(admin, { title: '平滑停止', eligible: TOKENS, subjects: [{ name: '支部' }, { name: '书记' }] });
    const tokens = await issue(admin, m.id, TOKENS);
    await admin.post(`/api/meetings/${m.id}/open`);

    const answered = new Set<string>();
    const refused = { shuttingDown: 0, connection: 0 };
    const queue = [...tokens];
    let stopAt = 0;
    const voters = Array.from({ length: VOTERS }, async () => {
      while (queue.length) {
        const token = queue.shift()!;
        try {
          const res = await fetch(`${server!.url}/api/ballots`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token, choices: allGraded(m.subjects, 'satisfied') }),
          });
          const body: any = await res.json();
          if (res.status === 201) answered.add(token);
          else if (res.status === 503 && body.error.code === 'shutting_down') refused.shuttingDown++;
          else throw new Error(`unexpected ${res.status} ${JSON.stringify(body)}`);
        } catch (err) {
          if ((err as Error).message.startsWith('unexpected')) throw err;
          refused.connection++; // refused or reset after the stop: never read, so never counted
          if (stopAt) return;
        }
      }
    });
    // Let the crowd get going, then the operator stops the service.
    while (answered.size < 400) await new Promise((r) => setTimeout(r, 10));
    stopAt = Date.now();
    const code = await server.terminate();
    const stopMs = Date.now() - stopAt;
    await Promise.all(voters);
    server = undefined;
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(10_000);

    // Counted on the file, by a fresh start.
    server = await startChildServer(dbFile);
    const turnout = (await client(server.url, TEST_ADMIN_KEY).get(`/api/meetings/${m.id}/turnout`)).body;
    console.log(`SIGTERM: ${turnout.cast} counted, ${answered.size} answered 201; ${refused.shuttingDown} answered 503 shutting_down, ${refused.connection} refused at connect/reset; exit ${code} after ${stopMs} ms`);
    expect(turnout.cast).toBe(answered.size);
    // Every answered voter's slip now says it was used (their receipt stands).
    const sample = [...answered].slice(-50);
    for (const t of sample) {
      const again = await client(server.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') });
      expect(again.body.error.code).toBe('token_used');
    }
    await server.stop();
    server = undefined;
  });
});
