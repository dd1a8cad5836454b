import { DomainError } from '../domain/errors';
import { computeResults, type Results } from '../domain/results';
import { meetingFloor, type Services } from './context';
import type { Meeting } from '../domain/meeting';

export const sealed = () => new DomainError('results_sealed');

/**
 * A closed meeting's results, computed from its grouped ballots on every read (a few hundred
 * rows even for 100,000 ballots: ~25 ms). No cache: on Workers a store lives for one request, so
 * it never hit; on Node it never let go.
 */
export async function meetingResults(services: Services, meeting: Meeting): Promise<Results> {
  if (meeting.status !== 'closed') throw sealed();
  return computeResults({
    eligible: meeting.eligible,
    categories: meeting.categories,
    subjects: meeting.subjects,
    rule: meeting.rule,
    minGroup: meetingFloor(services.config, meeting),
    ballots: await services.store.ballots(meeting.id),
  });
}

/** Below the floor no receipt is listed: with one ballot, its receipt would name its counts. */
export async function publicReceipts(services: Services, meeting: Meeting): Promise<string[]> {
  if (meeting.status !== 'closed') throw sealed();
  if ((await meetingResults(services, meeting)).withheld) return [];
  // Plain code-point order, as the contract says: not locale order.
  return (await services.store.receipts(meeting.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
