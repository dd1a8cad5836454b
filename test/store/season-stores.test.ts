import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import { resolveRule } from '../../src/domain/rule';
import { randomId } from '../../src/lib/random';
import type { NewSeason } from '../../src/store/seasons';
import type { Store } from '../../src/store/types';
import { openD1, openSqlite, type OpenedStore } from './open-stores';

function season(entries = 3): NewSeason {
  return {
    id: randomId(),
    title: '2026年度晋位升级考评',
    rule: 'upgrade-composite',
    params: null,
    rounds: 'pool',
    previousId: null,
    noticeDays: 7,
    createdBy: 'test',
    createdAt: new Date().toISOString(),
    entries: Array.from({ length: entries }, (_, i) => ({ id: randomId(8), key: `V${String(i + 1).padStart(2, '0')}`, name: `第${i + 1}村`, organization: null, category: i % 2 ? '社区' : '行政村' })),
  };
}

const publication = (revision: number) => ({ revision, contact: '0571-1234567', noticeFrom: '2026-12-01T00:00:00.000Z', noticeUntil: '2026-12-08T00:00:00.000Z', result: '{"rows":[{"total":90}]}', digest: 'd'.repeat(64) });

/** The season tables behave the same on both runtimes: one implementation, run on each. */
for (const [name, open] of [['SQLite (better-sqlite3)', openSqlite], ['D1 (local workerd)', openD1]] as const) {
  describe(`seasons in the Store on ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    }, 60_000);
    afterAll(() => opened?.close());

    it('keeps a season with its entries in order, even past one insert’s worth of entries', async () => {
      const s = season(30);
      await store.seasons.create(s);
      const got = await store.seasons.get(s.id);
      expect(got).toMatchObject({ id: s.id, status: 'draft', revision: 0, contact: null, noticeUntil: null });
      expect(got!.entries).toEqual(s.entries);
      expect((await store.seasons.entry(s.entries[29].id))).toEqual({ entry: s.entries[29], seasonId: s.id });
      expect((await store.seasons.list()).some((x) => x.id === s.id && x.entries.length === 30)).toBe(true);
    });

    it('refuses two entries with the same key, and stores none of that season', async () => {
      const s = season(2);
      s.entries[1].key = s.entries[0].key;
      await expect(store.seasons.create(s)).rejects.toThrow();
      expect(await store.seasons.get(s.id)).toBeNull();
    });

    it('lists the ballot subjects linked to its entries, meeting by meeting', async () => {
      const s = season(2);
      await store.seasons.create(s);
      const m = { id: randomId(), title: '测评会', organization: null, rule: resolveRule('standard'), status: 'draft' as const, eligible: 10, categories: [], createdBy: 't', createdAt: new Date().toISOString() };
      const subjects = [
        { id: randomId(8), name: '甲', kind: null, entryId: s.entries[0].id },
        { id: randomId(8), name: '乙', kind: null, entryId: null },
        { id: randomId(8), name: '丙', kind: null, entryId: s.entries[1].id },
      ];
      await store.createMeeting({ ...m, subjects });
      expect(await store.seasons.links(s.id)).toEqual([
        { entryId: s.entries[0].id, meetingId: m.id, subjectId: subjects[0].id },
        { entryId: s.entries[1].id, meetingId: m.id, subjectId: subjects[2].id },
      ]);
    });

    it('replaces rows as a whole, cells as given, each time a new revision', async () => {
      const s = season(3);
      await store.seasons.create(s);
      expect(await store.seasons.replaceRows(s.id, [{ entry: 'V01', self: '89.990' }, { entry: 'V02', self: 70 }])).toBe(1);
      const many = Array.from({ length: 1200 }, (_, i) => ({ entry: `K${i}`, superior: i }));
      expect(await store.seasons.replaceRows(s.id, [{ entry: 'V03', self: 1 }, ...many])).toBe(2);
      const rows = await store.seasons.rows(s.id);
      expect(rows.length).toBe(1201);
      expect(rows[0]).toEqual({ entry: 'V03', self: 1 });
      expect(rows[1200]).toEqual({ entry: 'K1199', superior: 1199 });
      expect(await store.seasons.replaceRows(s.id, [{ entry: 'V01', self: '89.990' }])).toBe(3);
      expect(await store.seasons.rows(s.id)).toEqual([{ entry: 'V01', self: '89.990' }]);
    });

    it('publishes only the revision it computed from, then freezes rows and result', async () => {
      const s = season(1);
      await store.seasons.create(s);
      const rev = (await store.seasons.replaceRows(s.id, [{ entry: 'V01', self: 90 }]))!;
      expect(await store.seasons.publish(s.id, publication(rev - 1))).toBe(false);
      expect(await store.seasons.frozen(s.id)).toBeNull();
      expect(await store.seasons.publish(s.id, publication(rev))).toBe(true);
      expect(await store.seasons.frozen(s.id)).toEqual({ result: '{"rows":[{"total":90}]}', digest: 'd'.repeat(64), publishedAt: '2026-12-01T00:00:00.000Z' });
      expect(await store.seasons.get(s.id)).toMatchObject({ status: 'notice', contact: '0571-1234567', noticeUntil: '2026-12-08T00:00:00.000Z' });
      expect(await store.seasons.replaceRows(s.id, [{ entry: 'V01', self: 10 }])).toBeNull();
      expect(await store.seasons.rows(s.id)).toEqual([{ entry: 'V01', self: 90 }]);
      expect(await store.seasons.publish(s.id, publication(rev))).toBe(false);
      expect(await store.seasons.finalize(s.id, '2026-12-09T00:00:00.000Z')).toBe(true);
      expect(await store.seasons.finalize(s.id, '2026-12-10T00:00:00.000Z')).toBe(false);
      expect(await store.seasons.get(s.id)).toMatchObject({ status: 'final', finalizedAt: '2026-12-09T00:00:00.000Z' });
    });

    it('lets only one writer take a seq of the season’s chain', async () => {
      const s = season(1);
      await store.seasons.create(s);
      const e = { seasonId: s.id, seq: 1, type: 'season_created' as const, actor: 'a', at: 'now', data: { n: 1 }, prevHash: '0'.repeat(64), hash: 'h1' };
      expect(await store.seasons.insertEvent(e)).toBe(true);
      expect(await store.seasons.insertEvent({ ...e, hash: 'h2' })).toBe(false);
      expect(await store.seasons.lastEvent(s.id)).toEqual(e);
      expect(await store.seasons.events(s.id)).toEqual([e]);
    });
  });
}

describe('the seasons migration on a database made before it', () => {
  it('keeps every meeting and subject, and links none of them to an entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minping-upgrade-'));
    try {
      // The release before seasons: every migration before the seasons one (whatever its number).
      const folder = join(dir, 'migrations');
      cpSync(new URL('../../db/migrations', import.meta.url).pathname, folder, { recursive: true });
      const journalFile = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
      const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_seasons'));
      expect(at).toBeGreaterThan(0);
      const before = journal.entries.slice(0, at);
      writeFileSync(journalFile, JSON.stringify({ ...journal, entries: before }));
      const file = join(dir, 'minping.db');
      const old = openDatabase(file, { migrationsFolder: folder });
      expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'seasons'").get()).toBeUndefined();
      old.prepare("INSERT INTO meetings (id, title, rule, status, eligible, created_by, created_at) VALUES ('m1', '旧测评', '{}', 'closed', 10, 'u', '2025-01-01')").run();
      old.prepare("INSERT INTO subjects (id, meeting_id, position, name) VALUES ('s1', 'm1', 0, '旧支部')").run();
      old.close();

      const store = new SqliteStore(openDatabase(file));
      try {
        expect(store.sqlite.prepare('SELECT id, meeting_id, name, entry_id FROM subjects').all()).toEqual([{ id: 's1', meeting_id: 'm1', name: '旧支部', entry_id: null }]);
        expect(await store.seasons.list()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
