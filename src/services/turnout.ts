import { turnout, type TurnoutView } from '../domain/turnout';
import type { Services } from './context';
import type { Meeting } from '../domain/meeting';

/** Live turnout: counts only, never a grade, so it may be shown while voting is open. */
export async function meetingTurnout(services: Services, meeting: Meeting): Promise<TurnoutView> {
  const counts = await services.store.castCounts(meeting.id);
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const categories = meeting.categories.map((c) => ({ key: c.key, label: c.label, eligible: c.eligible, cast: counts[c.key] ?? 0 }));
  const pending = await services.store.historyPending?.(meeting.id);
  return {
    meetingId: meeting.id,
    status: meeting.status,
    ...turnout(meeting.eligible, categories, cast, meeting.rule),
    ...(pending && { historyPending: { since: pending.since, reason: pending.reason } }),
  };
}
