import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLocalMigrations, buildWorker, freePort, startLocalWorker } from '../../scripts/wrangler-local';
import { TEST_ADMIN_KEY, type Target } from './target';

export interface WorkerTarget extends Target {
  /** The bundle `wrangler deploy` would upload, as served here. */
  bundle: string;
  /** The local D1's SQLite file, to look at what is stored (read only). */
  d1File(): string;
}

/**
 * The real Worker in real workerd through `wrangler dev`, on a fresh local D1 (migrated by
 * `wrangler d1 migrations apply`) in a temp folder, on a free port.
 */
export async function startWorkerTarget(): Promise<WorkerTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'minping-worker-'));
  const persistDir = join(dir, 'state');
  try {
    const [bundle] = await Promise.all([buildWorker(join(dir, 'dist')), applyLocalMigrations(persistDir)]);
    const worker = await startLocalWorker({ port: await freePort(), persistDir, script: bundle, vars: { MINPING_ADMIN_TOKEN: TEST_ADMIN_KEY } });
    return {
      name: 'workers',
      url: worker.url,
      adminKey: TEST_ADMIN_KEY,
      bundle,
      d1File: () => {
        const folder = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
        const file = readdirSync(folder).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
        if (!file) throw new Error(`no local D1 file in ${folder}`);
        return join(folder, file);
      },
      stop: async () => {
        await worker.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
