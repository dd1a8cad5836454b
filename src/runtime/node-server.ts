import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp, type AppOptions } from '../http/app';
import { createUser } from '../services/users';
import { openDatabase, SqliteStore, type SqliteOptions } from '../store/sqlite-store';
import type { NodeSettings } from './env';
import { renderJsxWithoutAsyncHooks } from './jsx-without-async-hooks';
import { createNodeHttp, limitsFrom, type HttpLimits } from './node-http';
import { nodePlatform, nodeSha256 } from './node-platform';
import { workerSheetReader } from './node-sheets';
import { watchStorage } from './node-storage';
import { checkDatabaseFile, listenError } from './startup-checks';

export interface RunningServer {
  url: string;
  port: number;
  store: SqliteStore;
  /** The key of the admin created on a fresh database when no MINPING_ADMIN_TOKEN is set. */
  bootstrapAdminKey?: string;
  /** Graceful: answers what was received (votes after their commit), then closes the database. */
  close(): Promise<void>;
}

export interface ServerOptions extends AppOptions, SqliteOptions {
  /** Timeouts and connection budget; default from the environment (limitsFrom). */
  limits?: Partial<HttpLimits>;
}

/** Checks and opens (and migrates) the SQLite file, serves the app on HOST:PORT, and only then makes the first admin. */
export async function startNodeServer(settings: NodeSettings, options: ServerOptions = {}): Promise<RunningServer> {
  if (settings.dbFile !== ':memory:') mkdirSync(dirname(settings.dbFile), { recursive: true });
  checkDatabaseFile(settings.dbFile);
  const store = new SqliteStore(openDatabase(settings.dbFile, options));
  const config = { adminToken: settings.adminToken, publicUrl: settings.publicUrl ?? '', minGroup: settings.minGroup };
  const storage = settings.dbFile === ':memory:' ? undefined : watchStorage(dirname(settings.dbFile));
  const platform = nodePlatform(store, config, { trustProxy: settings.trustProxy, publicUrlFromRequest: !settings.publicUrl && Boolean(settings.trustProxy), storage, sheets: workerSheetReader() });
  renderJsxWithoutAsyncHooks();
  const app = createApp(platform, options);
  const http = createNodeHttp(app.fetch, { ...limitsFrom(process.env), ...options.limits }, settings.trustProxy ?? null);
  try {
    await new Promise<void>((resolve, reject) => {
      http.server.once('error', reject);
      http.server.listen(settings.port, settings.host, () => {
        http.server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await store.close();
    throw listenError(err as NodeJS.ErrnoException, settings.host, settings.port);
  }
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${port}`;
  config.publicUrl ||= url;
  // Only now, with the port ours: a failed start never creates an admin whose key nobody saw.
  let bootstrapAdminKey: string | undefined;
  if (!settings.adminToken && (await store.countUsers()) === 0) {
    const admin = await createUser({ store, config, sha256: nodeSha256 }, { name: '管理员', role: 'admin' });
    bootstrapAdminKey = admin.key;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    bootstrapAdminKey,
    close: () => (closing ??= http.drain(8_000).then(() => store.close())),
  };
}
