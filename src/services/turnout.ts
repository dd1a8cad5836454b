import { turnout } from '../domain/turnout';
import type { Meeting } from '../store/types';
import type { Services } from './context';

/** Live turnout: counts only, never a grade, so it may be shown while voting is open. */
export async function meetingTurnout(services: Services, meeting: Meeting) {
  const counts = await services.store.castCounts(meeting.id);
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const categories = meeting.categories.map((c) => ({ key: c.key, label: c.label, eligible: c.eligible, cast: counts[c.key] ?? 0 }));
  return { meetingId: meeting.id, status: meeting.status, ...turnout(meeting.eligible, categories, cast, meeting.rule) };
}

export type TurnoutView = Awaited<ReturnType<typeof meetingTurnout>>;
