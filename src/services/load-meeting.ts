import { DomainError } from '../domain/errors';
import type { MeetingStatus } from '../domain/meeting-state';
import type { Meeting } from '../domain/meeting';
import type { Actor } from '../domain/people';
import { meetingFloor, type AppConfig, type Services } from './context';

/**
 * Whom a meeting is loaded for. A staff actor is checked here and only here, so no route can
 * forget it: `'public'` is for what anyone may reach by the meeting's id or a slip (the voter's
 * pages, the public notice after close) and for reloads after the check was made.
 */
export type Reader = Actor | 'public';

const notFound = () => new DomainError('meeting_not_found');

/**
 * Whether `actor` may see the meeting at all. Admins act on every meeting; a supervisor only on
 * the meetings they created or were added to. Scorers read (their roles reach no route that
 * changes a meeting, and results stay sealed until close, 409, as the contract says). Any other
 * supervisor is told the meeting does not exist, not that it is not theirs.
 */
export async function mayAccess(services: Services, meeting: Meeting, actor: Actor): Promise<boolean> {
  if (actor.role !== 'supervisor') return true;
  if (meeting.createdBy === actor.id) return true;
  return (await services.store.coSupervisors(meeting.id)).some((u) => u.id === actor.id);
}

export async function loadMeeting(services: Services, id: string, reader: Reader): Promise<Meeting> {
  const meeting = await services.store.getMeeting(id);
  if (!meeting || (reader !== 'public' && !(await mayAccess(services, meeting, reader)))) throw notFound();
  return meeting;
}

/** The meetings a list shows `actor`: the same rule as mayAccess, newest first. */
export async function visibleMeetings(services: Services, actor: Actor, filter: { status?: MeetingStatus } = {}): Promise<Meeting[]> {
  const all = await services.store.listMeetings(filter);
  if (actor.role !== 'supervisor') return all;
  const added = new Set(await services.store.coSupervisedMeetings(actor.id));
  return all.filter((m) => m.createdBy === actor.id || added.has(m.id));
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
    subjects: m.subjects.map(({ entryId, ...s }) => ({ ...s, entry: entryId ?? null })),
    createdAt: m.createdAt,
    openedAt: m.openedAt,
    closedAt: m.closedAt,
    noticeDays: m.noticeDays,
    contact: m.contact,
    issuer: m.issuer,
  };
}

/**
 * What a supervisor should know before printing slips: a roster under the publication floor
 * can never show counts (allowed: a small branch still votes, its result is turnout and validity).
 */
export function rosterWarnings(config: AppConfig, m: Meeting): string[] {
  const k = meetingFloor(config, m);
  if (m.eligible >= k) return [];
  return [`应参加人数 ${m.eligible} 少于公布下限 ${k}：结束后只公布参加人数和是否有效，不公布各等次票数、满意度和回执码`];
}
