import Database from 'better-sqlite3';
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';

describe('what the SQLite file holds after a meeting', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let tokens: string[];

  beforeAll(async () => {
    target = await startNodeTarget();
    const staff = client(target.url, target.adminKey);
    const m = await newMeeting(staff, { title: '存储检查', eligible: 40, subjects: [{ name: '支部' }, { name: '书记' }] });
    tokens = await issue(staff, m.id, 40);
    await staff.post(`/api/meetings/${m.id}/open`);
    for (const t of tokens.slice(0, 30)) await client(target.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') });
    await staff.post(`/api/meetings/${m.id}/close`);
    await target.server.close();
  });
  afterAll(() => target.stop().catch(() => {}));

  it('contains no raw token anywhere, in the database or its WAL', () => {
    const files = [target.dbFile, `${target.dbFile}-wal`].filter(existsSync);
    const bytes = files.map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes.length).toBeGreaterThan(0);
    for (const t of tokens) expect(bytes.includes(t)).toBe(false);
  });

  it('keeps ballots in a WITHOUT ROWID table with no token, time or address column', () => {
    const db = new Database(target.dbFile, { readonly: true });
    const sqlText = (db.prepare("select sql from sqlite_master where name = 'ballots'").get() as { sql: string }).sql;
    expect(sqlText).toMatch(/WITHOUT ROWID/i);
    const columns = (db.prepare('pragma table_info(ballots)').all() as { name: string }[]).map((c) => c.name);
    expect(columns.sort()).toEqual(['category', 'channel', 'grades', 'id', 'meeting_id', 'state']);
    expect(() => db.prepare('select rowid from ballots').get()).toThrow();
    expect((db.prepare("select count(*) n from ballots where state = 'filled'").get() as { n: number }).n).toBe(30);
    const tokenColumns = (db.prepare('pragma table_info(tokens)').all() as { name: string }[]).map((c) => c.name);
    expect(tokenColumns).toContain('hash');
    expect(tokenColumns).not.toContain('token');
    db.close();
  });
});
