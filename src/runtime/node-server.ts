import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp, type AppOptions } from '../http/app';
import { createUser } from '../services/users';
import { openDatabase, SqliteStore, type SqliteOptions } from '../store/sqlite-store';
import type { NodeSettings } from './env';
import { renderJsxWithoutAsyncHooks } from './jsx-without-async-hooks';
import { nodePlatform, nodeSha256 } from './node-platform';

export interface RunningServer {
  url: string;
  port: number;
  store: SqliteStore;
  /** The key of the admin created on a fresh database when no MINPING_ADMIN_TOKEN is set. */
  bootstrapAdminKey?: string;
  close(): Promise<void>;
}

/** Opens (and migrates) the SQLite file, then serves the app on HOST:PORT. */
export async function startNodeServer(settings: NodeSettings, options: AppOptions & SqliteOptions = {}): Promise<RunningServer> {
  if (settings.dbFile !== ':memory:') mkdirSync(dirname(settings.dbFile), { recursive: true });
  const store = new SqliteStore(openDatabase(settings.dbFile, options));
  const config = { adminToken: settings.adminToken, publicUrl: settings.publicUrl ?? '' };
  let bootstrapAdminKey: string | undefined;
  if (!settings.adminToken && (await store.countUsers()) === 0) {
    const admin = await createUser({ store, config, sha256: nodeSha256 }, { name: '管理员', role: 'admin' });
    bootstrapAdminKey = admin.key;
  }
  renderJsxWithoutAsyncHooks();
  const app = createApp(nodePlatform(store, config), options);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${port}`;
  config.publicUrl ||= url;
  return {
    url,
    port,
    store,
    bootstrapAdminKey,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => void store.close().then(resolve));
      }),
  };
}
