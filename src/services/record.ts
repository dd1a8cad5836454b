import type { AuditType } from '../domain/audit';
import { appendAudit } from '../store/audit-log';
import type { Services } from './context';
import type { Actor } from '../domain/people';

/** One line in the meeting's hash-chained trail: who did what, never a token or a choice. */
export function record(services: Services, meetingId: string, type: AuditType, actor: Actor, data: Record<string, unknown> = {}) {
  return appendAudit(services.store, services.sha256, { meetingId, type, actor: `${actor.role}:${actor.id}`, data: { by: actor.name, ...data } });
}
