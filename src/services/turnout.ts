import { turnout } from '../domain/turnout';
import type { Meeting, SlipCounts } from '../store/types';
import type { Services } from './context';

/** 发出 / 作废 / 收回 / 未用: every slip issued is void, used (a ballot) or still out. */
export interface SlipSummary {
  issued: number;
  voided: number;
  used: number;
  unused: number;
}

export const slipSummary = (s: SlipCounts): SlipSummary => ({ issued: s.unused + s.used + s.void, voided: s.void, used: s.used, unused: s.unused });

export async function meetingSlips(services: Services, meetingId: string): Promise<SlipSummary> {
  return slipSummary(await services.store.slipCounts(meetingId));
}

/** Live turnout: counts only, never a grade, so it may be shown while voting is open. */
export async function meetingTurnout(services: Services, meeting: Meeting) {
  const [counts, slips] = await Promise.all([services.store.castCounts(meeting.id), meetingSlips(services, meeting.id)]);
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const categories = meeting.categories.map((c) => ({ key: c.key, label: c.label, eligible: c.eligible, cast: counts[c.key] ?? 0 }));
  return { meetingId: meeting.id, status: meeting.status, ...turnout(meeting.eligible, categories, cast, meeting.rule), slips };
}

export type TurnoutView = Awaited<ReturnType<typeof meetingTurnout>>;
