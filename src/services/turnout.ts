import { turnout, type SlipSummary, type TurnoutView } from '../domain/turnout';
import type { SlipCounts } from '../store/types';
import type { Services } from './context';
import type { Meeting } from '../domain/meeting';

export const slipSummary = (s: SlipCounts): SlipSummary => ({ issued: s.unused + s.used + s.void, voided: s.void, used: s.used, unused: s.unused });

export async function meetingSlips(services: Services, meetingId: string): Promise<SlipSummary> {
  return slipSummary(await services.store.slipCounts(meetingId));
}

/** Live turnout: counts only, never a grade, so it may be shown while voting is open. */
export async function meetingTurnout(services: Services, meeting: Meeting): Promise<TurnoutView> {
  const [counts, slips] = await Promise.all([services.store.castCounts(meeting.id), meetingSlips(services, meeting.id)]);
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const categories = meeting.categories.map((c) => ({ key: c.key, label: c.label, eligible: c.eligible, cast: counts[c.key] ?? 0 }));
  const pending = await services.store.historyPending?.(meeting.id);
  return {
    meetingId: meeting.id,
    status: meeting.status,
    ...turnout(meeting.eligible, categories, cast, meeting.rule),
    slips,
    ...(pending && { historyPending: { since: pending.since, reason: pending.reason } }),
  };
}

export type { SlipSummary, TurnoutView };
