import { DEFAULT_MIN_GROUP, effectiveMinGroup, type Rule } from '../domain/rule';
import type { Sha256 } from '../domain/audit';
import type { Store } from '../store/types';
import type { SheetReader } from './scoring-sheet';

export interface AppConfig {
  /** When set, this value is an admin key (MINPING_ADMIN_TOKEN). */
  adminToken?: string;
  /** The base of every URL printed in a QR code. */
  publicUrl: string;
  /** The publication floor k (MINPING_MIN_GROUP): no counts for a meeting with fewer ballots. */
  minGroup?: number;
}

export const publicationFloor = (config: AppConfig) => config.minGroup ?? DEFAULT_MIN_GROUP;

/**
 * The fewest ballots a meeting needs before its counts are shown anywhere, seasons included:
 * the deployment's k, raised (never lowered) by the meeting's own rule.
 */
export const meetingFloor = (config: AppConfig, meeting: { rule: Rule }) => effectiveMinGroup(meeting.rule, publicationFloor(config));

/** What a verb needs: the request's store, the config and the hash; nothing runtime-specific. */
export interface Services {
  store: Store;
  config: AppConfig;
  sha256: Sha256;
  /** The time; tests inject one so a notice period passes without waiting. */
  now?: () => Date;
  /** Reads an uploaded sheet; Node does it on a worker thread with a memory cap (default: here). */
  sheets?: SheetReader;
}

export const nowOf = (services: Services): Date => services.now?.() ?? new Date();
