import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/runtime/node-server';
import { openDatabase } from '../../src/store/sqlite-store';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { client } from '../helpers/target';

const MIGRATIONS = new URL('../../db/migrations', import.meta.url).pathname;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A database from before a voided slip freed its place, served by this release. */
describe('upgrading to replacement slips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-upgrade-void-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('slips voided before the upgrade free their places, one more can be issued, and the notice defaults to 7 days', async () => {
    const old = join(dir, 'migrations');
    cpSync(MIGRATIONS, old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    // Everything before it (later migrations did not exist yet; the migrator only applies newer ones).
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag.includes('meeting_notice')));
    writeFileSync(journalFile, JSON.stringify(journal));
    const dbFile = join(dir, 'minping.db');
    const db = openDatabase(dbFile, { migrationsFolder: old });
    const key = 'mp_supervisor-old-key-0123456789';
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare("insert into users (id, name, role, key_hash, revoked, created_at) values ('a', '甲', 'supervisor', ?, 0, ?)").run(sha(key), at);
    const rule = JSON.stringify({ preset: 'standard', satisfiedGrades: ['very_satisfied', 'satisfied'], quorum: { num: 2, den: 3 }, threshold: { percent: 90, strict: false }, minGroup: 5 });
    // 3 slips of 党员 issued, one voided the old way (issued counts left at 3).
    db.prepare("insert into meetings (id, title, organization, rule, status, eligible, issued, created_by, created_at) values ('m1', '旧的测评会', null, ?, 'draft', 3, 3, 'a', ?)").run(rule, at);
    db.prepare("insert into categories (meeting_id, key, label, position, eligible, issued) values ('m1', 'dy', '党员', 0, 3, 3)").run();
    db.prepare("insert into subjects (id, meeting_id, position, name, kind) values ('s1', 'm1', 0, '支部', null)").run();
    db.prepare("insert into tokens (hash, meeting_id, category, state) values ('h1', 'm1', 'dy', 'unused'), ('h2', 'm1', 'dy', 'unused'), ('h3', 'm1', 'dy', 'void')").run();
    db.close();

    const server = await startNodeServer({ port: 0, host: '127.0.0.1', dbFile, adminToken: TEST_ADMIN_KEY });
    try {
      const a = client(server.url, key);
      const m = (await a.get('/api/meetings/m1')).body;
      expect(m).toMatchObject({ issued: 2, categories: [{ key: 'dy', issued: 2 }], noticeDays: 7, contact: null, issuer: null });
      expect((await a.get('/api/meetings/m1/turnout')).body.slips).toEqual({ issued: 3, voided: 1, used: 0, unused: 2 });
      expect((await a.post('/api/meetings/m1/tokens', { count: 1, category: 'dy' })).status).toBe(201);
      expect((await a.post('/api/meetings/m1/tokens', { count: 1, category: 'dy' })).status).toBe(409);
    } finally {
      await server.close();
    }
  });
});
