import type { Context } from 'hono';
import type { Platform } from '../http/env';
import { sha256Hex } from '../lib/sha256';
import { D1Store } from '../store/d1-store';
import { parseWorkerEnv } from './env';

/** What the Worker is bound to (wrangler.toml, `--var`, `wrangler secret put`). */
export interface WorkerBindings {
  DB: D1Database;
  MINPING_ADMIN_TOKEN?: string;
  MINPING_PUBLIC_URL?: string;
  MINPING_MIN_GROUP?: string;
}

const bindings = (c: Context) => c.env as WorkerBindings;

/**
 * Workers keep nothing between requests that matters: the store wraps this request's D1
 * binding and the config is read from this request's env, so a new secret or a new database
 * takes effect at once and no isolate holds a connection of its own.
 */
export const workerPlatform: Platform = {
  store: (c) => new D1Store(bindings(c).DB),
  config: (c) => parseWorkerEnv({ ...bindings(c) }, new URL(c.req.url).origin),
  sha256: sha256Hex,
  // Set by Cloudflare's edge and not forgeable by the client; used for throttling only.
  clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
};
