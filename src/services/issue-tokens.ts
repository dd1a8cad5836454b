import { DomainError } from '../domain/errors';
import { newToken } from '../lib/random';
import type { Services } from './context';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import type { Meeting } from '../domain/meeting';
import type { Actor } from '../domain/people';

export function ballotUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/b/${token}`;
}

function rosterRoom(meeting: Meeting, category: string): number {
  if (!category) return meeting.eligible - meeting.issued;
  const c = meeting.categories.find((x) => x.key === category)!;
  return c.eligible - c.issued;
}

/** Mints `count` tokens, keeps only their hashes, and returns the raw tokens this one time. */
export async function issueTokens(services: Services, meetingId: string, input: { count: number; category?: string }, actor: Actor) {
  const meeting = await loadMeeting(services, meetingId, actor);
  if (meeting.status === 'closed') throw new DomainError('meeting_closed', '测评会已结束，不能再发放测评码');
  const category = input.category ?? '';
  if (meeting.categories.length > 0 && !category) {
    throw new DomainError('category_required', `本测评会按类别发码，请指定类别：${meeting.categories.map((c) => c.key).join('、')}`);
  }
  if (category && !meeting.categories.some((c) => c.key === category)) {
    throw new DomainError('unknown_category', `没有名为“${category}”的类别`);
  }
  const room = rosterRoom(meeting, category);
  const overRoster = () =>
    new DomainError('roster_exceeded', `发放数量超过应参加人数：${category ? `类别“${category}”` : ''}最多还能发 ${Math.max(room, 0)} 张`);
  if (input.count > room) throw overRoster();

  const tokens = Array.from({ length: input.count }, newToken);
  const hashes = await Promise.all(tokens.map((t) => services.sha256(t)));
  const outcome = await services.store.issueTokens(meetingId, category, hashes);
  if (outcome === 'over_roster') throw overRoster();
  await record(services, meetingId, 'tokens_issued', actor, { count: input.count, ...(category && { category }) });
  return { meeting, category, tokens, urls: tokens.map((t) => ballotUrl(services.config.publicUrl, t)) };
}
