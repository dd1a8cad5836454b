import { getConnInfo } from '@hono/node-server/conninfo';
import { hash } from 'node:crypto';
import type { Platform } from '../http/env';
import { nodeGzipTemplate } from './node-gzip';
import type { AppConfig } from '../services/context';
import type { Store } from '../store/types';

/** node:crypto's one-shot hash is synchronous and many times cheaper than Web Crypto's per call. */
export const nodeSha256 = (text: string) => hash('sha256', text, 'hex');

export function nodePlatform(store: Store, config: AppConfig): Platform {
  return {
    store: () => store,
    config: () => config,
    sha256: nodeSha256,
    compressesPages: true,
    gzipTemplate: nodeGzipTemplate,
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    },
  };
}
