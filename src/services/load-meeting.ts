import { DomainError } from '../domain/errors';
import type { Meeting } from '../store/types';
import { effectiveMinGroup } from '../domain/rule';
import { publicationFloor, type AppConfig, type Services } from './context';

export async function loadMeeting({ store }: Services, id: string): Promise<Meeting> {
  const meeting = await store.getMeeting(id);
  if (!meeting) throw new DomainError('meeting_not_found', '找不到该测评会，请检查链接或编号', 404);
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

/**
 * What a supervisor should know before printing slips: a roster under the publication floor
 * can never show counts (allowed: a small branch still votes, its result is turnout and validity).
 */
export function rosterWarnings(config: AppConfig, m: Meeting): string[] {
  const k = effectiveMinGroup(m.rule, publicationFloor(config));
  if (m.eligible >= k) return [];
  return [`应参加人数 ${m.eligible} 少于公布下限 ${k}：结束后只公布参加人数和是否有效，不公布各等次票数、满意度和回执码`];
}
