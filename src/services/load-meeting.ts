import { DomainError } from '../domain/errors';
import type { Services } from './context';
import type { Meeting } from '../domain/meeting';

export async function loadMeeting({ store }: Services, id: string): Promise<Meeting> {
  const meeting = await store.getMeeting(id);
  if (!meeting) throw new DomainError('meeting_not_found');
  return meeting;
}

/** The public shape of a meeting. */
export function meetingJson(m: Meeting) {
  return {
    id: m.id,
    title: m.title,
    organization: m.organization,
    status: m.status,
    rule: m.rule,
    eligible: m.eligible,
    issued: m.issued,
    categories: m.categories,
    subjects: m.subjects,
    createdAt: m.createdAt,
    openedAt: m.openedAt,
    closedAt: m.closedAt,
  };
}
