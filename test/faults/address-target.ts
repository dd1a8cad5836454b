import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/http/app';
import { nodePlatform } from '../../src/runtime/node-platform';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import { TEST_ADMIN_KEY } from '../helpers/node-target';

/** Only in this test: which client a request is from. Production never trusts a header for it. */
export const CLIENT_HEADER = 'x-test-client';

/**
 * The real app on a real SQLite file and real HTTP, but with many client addresses on one
 * machine: the platform reads the address from CLIENT_HEADER instead of the socket.
 */
export async function startAddressTarget() {
  const dir = mkdtempSync(join(tmpdir(), 'minping-addr-'));
  const dbFile = join(dir, 'minping.db');
  const store = new SqliteStore(openDatabase(dbFile));
  const config = { adminToken: TEST_ADMIN_KEY, publicUrl: 'http://minping.test' };
  const platform = { ...nodePlatform(store, config), clientAddress: (c: { req: { header(n: string): string | undefined } }) => c.req.header(CLIENT_HEADER) ?? 'unknown' };
  const app = createApp(platform);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    dbFile,
    adminKey: TEST_ADMIN_KEY,
    stop: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => {
          store.sqlite.close();
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
