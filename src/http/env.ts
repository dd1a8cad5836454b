import type { Context } from 'hono';
import type { Sha256 } from '../lib/sha256';
import type { AppConfig, Services } from '../services/context';
import type { Store } from '../store/types';
import type { Throttle } from './throttle';
import type { Actor } from '../domain/people';

/** What a runtime hands the app: how to reach the store and config for a request, and who asked. */
export interface Platform {
  store(c: Context): Store;
  config(c: Context): AppConfig;
  sha256: Sha256;
  /** The client's address, for throttling only: kept in memory, never stored or logged. */
  clientAddress(c: Context): string;
  /** Whether the app should gzip pages itself (Node); Workers compress at the edge. */
  compressesPages?: boolean;
}

export interface AppEnv {
  Variables: {
    services: Services;
    actor: Actor;
    throttle: Throttle;
    platform: Platform;
  };
}
