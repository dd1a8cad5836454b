import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { applyLocalMigrations, ROOT } from '../../scripts/wrangler-local';
import { D1Store } from '../../src/store/d1-store';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/types';

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

/** A SQLite file in a fresh temp dir, migrated as `npm start` would. */
export async function openSqlite(): Promise<OpenedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'minping-store-'));
  const store = new SqliteStore(openDatabase(join(dir, 'minping.db')));
  return {
    store,
    close: async () => {
      store.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real local D1 (workerd via wrangler's platform proxy), migrated by wrangler itself. */
export async function openD1(): Promise<OpenedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'minping-d1-store-'));
  await applyLocalMigrations(dir);
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(dir, 'v3') }, remoteBindings: false });
  return {
    store: new D1Store(proxy.env.DB),
    close: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
