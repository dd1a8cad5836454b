import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/runtime/node-server';
import { openDatabase } from '../../src/store/sqlite-store';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { client } from '../helpers/target';

const MIGRATIONS = new URL('../../db/migrations', import.meta.url).pathname;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A database made before meetings had owners and digest salts, served by this release. */
describe('upgrading to meeting ownership', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('existing meetings keep their creator as owner, no one else sees them, and each gets its own salt', async () => {
    // The migrations of the earlier release: those before the one that adds owners and salts
    // (the migrator applies only migrations newer than the last one a file has).
    const old = join(dir, 'migrations');
    cpSync(MIGRATIONS, old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const ownersAt = journal.entries.findIndex((e: { tag: string }) => e.tag.includes('meeting_owners_and_salt'));
    journal.entries = journal.entries.slice(0, ownersAt);
    writeFileSync(journalFile, JSON.stringify(journal));
    const dbFile = join(dir, 'minping.db');
    const db = openDatabase(dbFile, { migrationsFolder: old });
    const keyA = 'mp_supervisor-a-key-0123456789';
    const keyB = 'mp_supervisor-b-key-0123456789';
    const at = '2026-01-01T00:00:00.000Z';
    const user = db.prepare('insert into users (id, name, role, key_hash, revoked, created_at) values (?, ?, ?, ?, 0, ?)');
    user.run('a', '甲', 'supervisor', sha(keyA), at);
    user.run('b', '乙', 'supervisor', sha(keyB), at);
    const meeting = db.prepare("insert into meetings (id, title, organization, rule, status, eligible, issued, created_by, created_at) values (?, ?, null, ?, 'draft', 10, 0, ?, ?)");
    const rule = JSON.stringify({ preset: 'standard', satisfiedGrades: ['very_satisfied', 'satisfied'], quorum: { num: 2, den: 3 }, threshold: { percent: 90, strict: false }, minGroup: 5 });
    meeting.run('m-old-1', '旧的测评会一', rule, 'a', at);
    meeting.run('m-old-2', '旧的测评会二', rule, 'a', at);
    db.prepare("insert into subjects (id, meeting_id, position, name, kind) values ('s1', 'm-old-1', 0, '支部', null), ('s2', 'm-old-2', 0, '支部', null)").run();
    db.close();

    const server = await startNodeServer({ port: 0, host: '127.0.0.1', dbFile, adminToken: TEST_ADMIN_KEY });
    try {
      const a = client(server.url, keyA);
      const b = client(server.url, keyB);
      expect((await a.get('/api/meetings')).body.meetings.map((m: { id: string }) => m.id).sort()).toEqual(['m-old-1', 'm-old-2']);
      expect((await b.get('/api/meetings')).body.meetings).toEqual([]);
      expect((await b.get('/api/meetings/m-old-1')).status).toBe(404);
      expect((await a.get('/api/meetings/m-old-1')).status).toBe(200);
      const salts = server.store.sqlite.prepare('select ballot_salt as s from meetings order by id').all() as { s: string }[];
      expect(salts.map((r) => r.s)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(salts[0].s).not.toBe(salts[1].s);
    } finally {
      await server.close();
    }
  });
});
