import { DomainError } from '../domain/errors';
import type { Services } from './context';
import { findToken, unknownToken } from './find-token';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import { tokenUsed, tokenVoid } from './cast-ballot';
import type { Actor } from '../domain/people';

/** A lost slip can no longer vote. The trail records that one slip was voided, never which. */
export async function voidToken(services: Services, meetingId: string, raw: string, actor: Actor) {
  const meeting = await loadMeeting(services, meetingId, actor);
  if (meeting.status === 'closed') throw new DomainError('meeting_closed', '测评会已结束，不能再作废测评码');
  const token = await findToken(services, raw);
  if (token.meetingId !== meetingId) throw unknownToken();
  if (token.state === 'void') throw tokenVoid();
  if (token.state === 'used') throw tokenUsed(null);
  if (!(await services.store.voidToken(meetingId, token.hash))) throw tokenUsed(null);
  await record(services, meetingId, 'token_voided', actor, token.category ? { category: token.category } : {});
  return { ok: true as const };
}

/**
 * A lost or unprinted sheet: its codes were shown only once, so the slips cannot be named one by
 * one. Every unused slip of the meeting (or of one category) is voided and its place freed, to be
 * issued again. Used slips keep their ballots.
 */
export async function voidUnusedSlips(services: Services, meetingId: string, category: string | null, actor: Actor) {
  const meeting = await loadMeeting(services, meetingId, actor);
  if (meeting.status === 'closed') throw new DomainError('meeting_closed', '测评会已结束，不能再作废测评码');
  if (category !== null && !meeting.categories.some((c) => c.key === category)) throw new DomainError('unknown_category', `没有名为“${category}”的类别`);
  const count = await services.store.voidUnused(meetingId, category);
  if (count > 0) await record(services, meetingId, 'token_voided', actor, { count, unused: true, ...(category && { category }) });
  return { ok: true as const, voided: count };
}
