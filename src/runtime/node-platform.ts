import { getConnInfo } from '@hono/node-server/conninfo';
import { hash } from 'node:crypto';
import type { Platform } from '../http/env';
import type { StorageWatch } from '../http/storage-full';
import { nodeGzipTemplate } from './node-gzip';
import type { AppConfig } from '../services/context';
import type { SheetReader } from '../services/scoring-sheet';
import type { Store } from '../store/types';
import { clientAddressOf, type TrustProxy } from './trust-proxy';

/** node:crypto's one-shot hash is synchronous and many times cheaper than Web Crypto's per call. */
export const nodeSha256 = (text: string) => hash('sha256', text, 'hex');

export interface NodePlatformOptions {
  trustProxy?: TrustProxy | null;
  /** No MINPING_PUBLIC_URL behind a proxy: QR links use the origin the browser used (https://…). */
  publicUrlFromRequest?: boolean;
  storage?: StorageWatch;
  sheets?: SheetReader;
}

export function nodePlatform(store: Store, config: AppConfig, options: NodePlatformOptions = {}): Platform {
  const trust = options.trustProxy ?? null;
  return {
    store: () => store,
    config: options.publicUrlFromRequest ? (c) => ({ ...config, publicUrl: new URL(c.req.url).origin }) : () => config,
    sha256: nodeSha256,
    compressesPages: true,
    gzipTemplate: nodeGzipTemplate,
    storage: options.storage,
    sheets: options.sheets,
    // The one place the throttle's client address comes from.
    clientAddress: (c) => {
      let peer: string | undefined;
      try {
        peer = getConnInfo(c).remote.address;
      } catch {
        // not a socket (app.request in a test)
      }
      if (!peer) return 'unknown';
      return clientAddressOf(peer, trust ? c.req.header('x-forwarded-for') : undefined, trust);
    },
  };
}
