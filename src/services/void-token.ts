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
