import { completeBallot, encodeChoices } from '../domain/ballot';
import { normalizeToken } from '../domain/codes';
import { DomainError } from '../domain/errors';
import type { Channel } from '../domain/results';
import { newReceipt, randomId } from '../lib/random';
import type { BallotForm } from '../store/types';
import type { Services } from './context';
import { findToken, unknownToken, type FoundToken } from './find-token';
import { loadMeeting } from './load-meeting';
import type { Meeting } from '../domain/meeting';

export function notOpen(meeting: Pick<Meeting, 'status'>) {
  return new DomainError(
    'meeting_not_open',
    meeting.status === 'draft' ? '本次测评尚未开始投票，请等待监督员宣布开始' : '本次测评已结束投票',
  );
}

export const tokenVoid = () => new DomainError('token_void');

export const tokenUsed = (receipt: string | null) =>
  new DomainError('token_used', `此测评码已使用${receipt ? `（回执码 ${receipt}）` : ''}`, receipt ? { receipt } : undefined);

/** Why a token cannot vote now, in the contract's order; null when it can. */
export function refusal(meeting: Meeting, token: FoundToken): DomainError | null {
  if (meeting.status !== 'open') return notOpen(meeting);
  if (token.state === 'void') return tokenVoid();
  if (token.state === 'used') return tokenUsed(token.receipt);
  return null;
}

/** A stored ballot: the voter's receipt, and the meeting whose turnout it changed. */
export interface Cast {
  receipt: string;
  meetingId: string;
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
 *
 * A well-formed ballot names its meeting through its subjects (ids are unique across meetings),
 * and the atomic step itself checks the token: unused, of that meeting, meeting open. So a
 * ballot that will count goes straight to it, with no read before; only when that step
 * refuses are the token and meeting read, to say why in the contract's order.
 */
export async function castBallot(services: Services, input: CastInput): Promise<Cast> {
  const token = normalizeToken(input.token);
  if (!token) throw unknownToken();
  const form = await ballotFormFor(services, input.choices);
  const grades = form && (!input.meetingId || input.meetingId === form.meetingId) ? completeBallot(form.subjects, input.choices) : null;
  if (form && grades) {
    const receipt = await spend(services, input, await services.sha256(token), form.meetingId, grades);
    if (receipt) return { receipt, meetingId: form.meetingId };
  }
  return castChecked(services, input);
}

/** The form of the meeting the first subject in `choices` belongs to. */
async function ballotFormFor(services: Services, choices: unknown): Promise<BallotForm | null> {
  if (typeof choices !== 'object' || choices === null) return null;
  for (const subjectId in choices) return services.store.ballotForm(subjectId);
  return null;
}

/** The atomic step; the receipt, or null when it refused. */
async function spend(services: Services, input: CastInput, tokenHash: string, meetingId: string, grades: string): Promise<string | null> {
  const receipt = newReceipt();
  const outcome = await services.store.castBallot({ tokenHash, meetingId, id: randomId(), channel: input.channel, grades, receipt });
  return outcome === 'cast' ? receipt : null;
}

/** Reads the token and its meeting first, refuses in the contract's order, then casts. */
async function castChecked(services: Services, input: CastInput): Promise<Cast> {
  const token = await findToken(services, input.token);
  if (input.meetingId && token.meetingId !== input.meetingId) throw unknownToken();
  const meeting = await loadMeeting(services, token.meetingId, 'public');
  const refused = refusal(meeting, token);
  if (refused) throw refused;
  const receipt = await spend(services, input, token.hash, meeting.id, encodeChoices(meeting.subjects, input.choices));
  if (receipt) return { receipt, meetingId: meeting.id };
  // Lost a race (another use of the same token, or the meeting closed meanwhile): say why.
  const now = await findToken(services, input.token);
  throw refusal(await loadMeeting(services, meeting.id, 'public'), now) ?? tokenUsed(now.receipt);
}
