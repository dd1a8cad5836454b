import type { Services } from './context';
import { castBallot, refusal } from './cast-ballot';
import { findToken, unknownToken, type FoundToken } from './find-token';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import type { Actor } from '../domain/people';

export interface PaperInput {
  token: string;
  choices: unknown;
}

/** A marked paper slip keyed in: spent exactly like a phone vote, and the trail says who keyed it. */
export async function keyPaperBallot(services: Services, meetingId: string, input: PaperInput, actor: Actor) {
  await loadMeeting(services, meetingId, actor); // 404 for a supervisor the meeting is not theirs
  const { receipt } = await castBallot(services, { ...input, channel: 'paper', meetingId });
  await record(services, meetingId, 'paper_ballot_keyed', actor);
  return { receipt };
}

/**
 * A scanned slip checked before its marks are keyed, so a slip already used by phone is set
 * aside at once: the refusals a ballot would meet, in the same order, and nothing is spent.
 */
export async function checkPaperSlip(services: Services, meetingId: string, raw: string, actor: Actor): Promise<FoundToken> {
  const meeting = await loadMeeting(services, meetingId, actor);
  const token = await findToken(services, raw);
  if (token.meetingId !== meetingId) throw unknownToken();
  const refused = refusal(meeting, token);
  if (refused) throw refused;
  return token;
}

/**
 * Paper slips keyed in so far, from the audit trail: ballots are sealed until close and carry
 * no order, while the trail already names every keying.
 */
export async function paperKeyedCount(services: Services, meetingId: string): Promise<number> {
  const events = await services.store.auditEvents(meetingId);
  return events.filter((e) => e.type === 'paper_ballot_keyed').length;
}
