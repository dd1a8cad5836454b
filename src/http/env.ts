import type { Context } from 'hono';
import type { Sha256 } from '../domain/audit';
import type { GzipTemplate } from './page-template';
import type { AppConfig, Services } from '../services/context';
import type { TurnoutHub } from '../services/turnout-hub';
import type { Store } from '../store/types';
import type { SheetReader } from '../services/scoring-sheet';
import type { StorageWatch } from './storage-full';
import type { Throttle } from './throttle';
import type { Actor } from '../domain/people';

/** What a runtime hands the app: how to reach the store and config for a request, and who asked. */
export interface Platform {
  store(c: Context): Store;
  config(c: Context): AppConfig;
  sha256: Sha256;
  /** The client's address, for throttling only: kept in memory, never stored or logged. */
  clientAddress(c: Context): string;
  /** Told of full-disk errors, asked by /healthz (Node: watches the database's file system). */
  storage?: StorageWatch;
  /** Where uploaded sheets are parsed (Node: a worker thread with a memory cap). */
  sheets?: SheetReader;
  /** Whether the app should gzip pages itself (Node); Workers compress at the edge. */
  compressesPages?: boolean;
  /** With compressesPages: gzip for pages built once and filled per request (the voter's ballot). */
  gzipTemplate?: GzipTemplate;
}

/** A request's context in this app: what every route and helper takes. */
export type C = Context<AppEnv>;

export interface AppEnv {
  Variables: {
    services: Services;
    actor: Actor;
    throttle: Throttle;
    platform: Platform;
    /** Live turnout screens of this app instance: routes that change turnout or state poke it. */
    hub: TurnoutHub;
    /** The body limit of the request's route group, once one is declared (body.ts). */
    bodyLimit?: number;
  };
}
