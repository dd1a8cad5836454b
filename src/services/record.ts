import { eventHash, GENESIS_HASH, type AuditEvent, type AuditType } from '../domain/audit';
import type { Actor } from '../domain/people';
import type { Services } from './context';

/** One line in the meeting's hash-chained trail: who did what, never a token or a choice. */
export function record(services: Services, meetingId: string, type: AuditType, actor: Actor, data: Record<string, unknown> = {}) {
  return appendAudit(services, { meetingId, type, actor: `${actor.role}:${actor.id}`, data: { by: actor.name, ...data } });
}

/**
 * Appends to a meeting's hash chain. The hash needs the previous one, so two writers may race
 * for the same seq; the (meeting, seq) key lets only one win and the other retries on top.
 */
export async function appendAudit(
  { store, sha256 }: Pick<Services, 'store' | 'sha256'>,
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
    const event = { ...draft, hash: await eventHash(draft, sha256) };
    if (await store.insertAuditEvent(event)) return event;
  }
  throw new Error('audit chain contention did not settle');
}
