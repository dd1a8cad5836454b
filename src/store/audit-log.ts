import { eventHash, GENESIS_HASH, type AuditEvent, type AuditType, type Hasher } from '../domain/audit';
import type { Store } from './types';

/**
 * Appends to a meeting's hash chain. The hash needs the previous one, so two writers may race
 * for the same seq; the (meeting, seq) key lets only one win and the other retries on top.
 */
export async function appendAudit(
  store: Store,
  hash: Hasher,
  entry: { meetingId: string; type: AuditType; actor: string; data?: Record<string, unknown>; at?: string },
): Promise<AuditEvent> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const last = await store.lastAuditEvent(entry.meetingId);
    const draft = {
      meetingId: entry.meetingId,
      seq: (last?.seq ?? 0) + 1,
      type: entry.type,
      actor: entry.actor,
      at: entry.at ?? new Date().toISOString(),
      data: entry.data ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const event = { ...draft, hash: await eventHash(draft, hash) };
    if (await store.insertAuditEvent(event)) return event;
  }
  throw new Error('audit chain contention did not settle');
}
