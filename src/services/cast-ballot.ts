import { encodeChoices } from '../domain/ballot';
import { DomainError } from '../domain/errors';
import type { Channel } from '../domain/results';
import { newReceipt, randomId } from '../lib/random';
import type { CastOutcome, Meeting } from '../store/types';
import type { Services } from './context';
import { findToken, unknownToken, type FoundToken } from './find-token';
import { loadMeeting } from './load-meeting';

export function notOpen(meeting: Pick<Meeting, 'status'>) {
  return new DomainError(
    'meeting_not_open',
    meeting.status === 'draft' ? '本次测评尚未开始投票，请等待监督员宣布开始' : '本次测评已结束投票',
    409,
  );
}

export const tokenVoid = () => new DomainError('token_void', '此测评码已作废，请向监督员领取新的测评码', 409);

export const tokenUsed = (receipt: string | null) =>
  new DomainError('token_used', `此测评码已使用${receipt ? `（回执码 ${receipt}）` : ''}`, 409, receipt ? { receipt } : undefined);

/** Why a token cannot vote now, in the contract's order; null when it can. */
export function refusal(meeting: Meeting, token: FoundToken): DomainError | null {
  if (meeting.status !== 'open') return notOpen(meeting);
  if (token.state === 'void') return tokenVoid();
  if (token.state === 'used') return tokenUsed(token.receipt);
  return null;
}

export interface CastInput {
  token: string;
  choices: unknown;
  channel: Channel;
  /** Paper slips are keyed in under one meeting; a slip of another meeting is unknown there. */
  meetingId?: string;
}

/**
 * Checks in the contract's order — unknown 404, not open 409, void 409, used 409, choices 400 —
 * then spends the token and stores the ballot in one atomic step. A refusal spends nothing.
 */
export async function castBallot(services: Services, input: CastInput): Promise<{ receipt: string; meeting: Meeting }> {
  const token = await findToken(services, input.token);
  if (input.meetingId && token.meetingId !== input.meetingId) throw unknownToken();
  const meeting = await loadMeeting(services, token.meetingId);
  const refused = refusal(meeting, token);
  if (refused) throw refused;
  const grades = encodeChoices(meeting.subjects, input.choices);
  const receipt = newReceipt();
  const outcome: CastOutcome = await services.store.castBallot({
    tokenHash: token.hash,
    meetingId: meeting.id,
    id: randomId(),
    category: token.category,
    channel: input.channel,
    grades,
    receipt,
  });
  if (outcome === 'cast') return { receipt, meeting };
  // Lost a race (another use of the same token, or the meeting closed meanwhile): say why.
  const now = await findToken(services, input.token);
  throw refusal(await loadMeeting(services, meeting.id), now) ?? tokenUsed(now.receipt);
}
