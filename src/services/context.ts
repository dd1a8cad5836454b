import type { Sha256 } from '../lib/sha256';
import type { Store } from '../store/types';

export interface AppConfig {
  /** When set, this value is an admin key (MINPING_ADMIN_TOKEN). */
  adminToken?: string;
  /** The base of every URL printed in a QR code. */
  publicUrl: string;
}

/** What a verb needs: the request's store, the config and the hash; nothing runtime-specific. */
export interface Services {
  store: Store;
  config: AppConfig;
  sha256: Sha256;
}
