import type { Services } from './context';
import { meetingResults } from './results';

/**
 * Every subject of every closed meeting with its coefficient: what scorers feed into their rules.
 * A meeting under the publication floor is listed with `withheld: true` and no figures.
 */
export async function satisfactionRows(services: Services) {
  const closed = await services.store.listMeetings({ status: 'closed' });
  const rows = [];
  for (const meeting of closed) {
    const r = await meetingResults(services, meeting);
    const base = { meetingId: meeting.id, meeting: meeting.title, organization: meeting.organization, closedAt: meeting.closedAt, eligible: r.eligible, cast: r.cast, valid: r.valid };
    if (r.withheld) {
      for (const s of r.subjects) {
        rows.push({ ...base, subjectId: s.id, subject: s.name, withheld: true, satisfied: null, satisfaction: null, satisfactionPercent: null, meetsThreshold: null });
      }
      continue;
    }
    for (const s of r.subjects) {
      rows.push({
        ...base,
        subjectId: s.id,
        subject: s.name,
        withheld: false,
        satisfied: s.satisfied as number | null,
        satisfaction: s.satisfaction,
        satisfactionPercent: s.satisfactionPercent as string | null,
        meetsThreshold: s.meetsThreshold as boolean | null,
      });
    }
  }
  return rows;
}

export type SatisfactionRow = Awaited<ReturnType<typeof satisfactionRows>>[number];
