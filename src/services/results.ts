import { DomainError } from '../domain/errors';
import { computeResults, type Results } from '../domain/results';
import type { Services } from './context';
import type { Meeting } from '../domain/meeting';

export const sealed = () => new DomainError('results_sealed');

/** A closed meeting's ballots never change, so its results are computed once per process. */
const cache = new WeakMap<object, Map<string, Results>>();

export async function meetingResults(services: Services, meeting: Meeting): Promise<Results> {
  if (meeting.status !== 'closed') throw sealed();
  let perStore = cache.get(services.store);
  if (!perStore) cache.set(services.store, (perStore = new Map()));
  const hit = perStore.get(meeting.id);
  if (hit) return hit;
  const results = computeResults({
    eligible: meeting.eligible,
    categories: meeting.categories,
    subjects: meeting.subjects,
    rule: meeting.rule,
    ballots: await services.store.ballots(meeting.id),
  });
  perStore.set(meeting.id, results);
  return results;
}

export async function publicReceipts(services: Services, meeting: Meeting): Promise<string[]> {
  if (meeting.status !== 'closed') throw sealed();
  // Plain code-point order, as the contract says: not locale order.
  return (await services.store.receipts(meeting.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
