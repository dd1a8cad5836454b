import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/runtime/node-server';
import { startNodeTarget, TEST_ADMIN_KEY } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { npmRun } from './run-script';

describe('backups of the live database', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('npm run backup copies a consistent database while votes stream in, and a server started on the copy reads its results', async () => {
    const target = await startNodeTarget();
    stops.push(target.stop);
    const admin = client(target.url, target.adminKey);
    const m = await newMeeting(admin, { title: '备份测试', eligible: 5000, subjects: [{ name: '支部' }, { name: '书记' }] });
    const tokens = await issue(admin, m.id, 5000);
    await admin.post(`/api/meetings/${m.id}/open`);

    let acknowledged = 0;
    let voting = true;
    const voter = client(target.url);
    const voters = Array.from({ length: 8 }, async (_, v) => {
      for (let i = v; voting && i < tokens.length; i += 8) {
        const res = await voter.post('/api/ballots', { token: tokens[i], choices: allGraded(m.subjects, 'satisfied') });
        expect(res.status).toBe(201);
        acknowledged++;
      }
    });
    while (acknowledged < 200) await new Promise((r) => setTimeout(r, 20));

    const copy = join(target.dir, 'backups', 'minping-copy.db');
    const before = acknowledged;
    const backup = await npmRun('backup', [copy], { MINPING_DB: target.dbFile });
    const during = acknowledged - before;
    voting = false;
    await Promise.all(voters);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup ok: .* \(\d+ pages, integrity ok\)/);

    // The copy is one self-contained file, whole, and one moment of the database: every spent
    // slip has its ballot, and it holds what was acknowledged before the copy began, at least.
    expect(existsSync(`${copy}-wal`)).toBe(false);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    const ballots = (db.prepare("select count(*) n from ballots where state <> 'vacant'").get() as { n: number }).n;
    const spent = (db.prepare("select count(*) n from tokens where state = 'used'").get() as { n: number }).n;
    db.close();
    expect(spent).toBe(ballots);
    expect(ballots).toBeGreaterThanOrEqual(before);
    expect(ballots).toBeLessThanOrEqual(acknowledged);

    // Restore: a server started on the copy serves the meeting, which can be closed and counted.
    const restored = await startNodeServer({ port: 0, host: '127.0.0.1', dbFile: copy, adminToken: TEST_ADMIN_KEY });
    stops.push(() => restored.close());
    const staff = client(restored.url, TEST_ADMIN_KEY);
    expect((await staff.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const results = await staff.get(`/api/meetings/${m.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.cast).toBe(ballots);
    expect((await staff.get(`/api/meetings/${m.id}/audit`)).body.verified).toBe(true);
    console.log(`backup: taken while ${during} more votes were acknowledged; the copy holds ${ballots} of ${acknowledged} (${before} before it began)`);
  });

  it('never overwrites an existing file and says why', async () => {
    const target = await startNodeTarget();
    stops.push(target.stop);
    const existing = join(target.dir, 'already-there.db');
    writeFileSync(existing, 'precious');
    const res = await npmRun('backup', [existing], { MINPING_DB: target.dbFile });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('已存在');
    const missing = await npmRun('backup', [join(target.dir, 'x.db')], { MINPING_DB: join(target.dir, 'no-such.db') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到数据库文件');
  });
});
