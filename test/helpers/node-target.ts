import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppOptions } from '../../src/http/app';
import { startNodeServer, type RunningServer } from '../../src/runtime/node-server';
import { TEST_ADMIN_KEY, type Target } from './target';

export { TEST_ADMIN_KEY };

/** The real Node server on a real SQLite file in a fresh temp dir, on a free port. */
export async function startNodeTarget(options: AppOptions & { minGroup?: number } = {}): Promise<Target & { server: RunningServer; dbFile: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'minping-'));
  const dbFile = join(dir, 'minping.db');
  const server = await startNodeServer({ port: 0, host: '127.0.0.1', dbFile, adminToken: TEST_ADMIN_KEY, minGroup: options.minGroup }, options);
  return {
    name: 'node',
    url: server.url,
    adminKey: TEST_ADMIN_KEY,
    server,
    dbFile,
    dir,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
