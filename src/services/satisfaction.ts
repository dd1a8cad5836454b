import type { Services } from './context';
import { meetingResults } from './results';

/** Every subject of every closed meeting with its coefficient: what scorers feed into their rules. */
export async function satisfactionRows(services: Services) {
  const closed = await services.store.listMeetings({ status: 'closed' });
  const rows = [];
  for (const meeting of closed) {
    const r = await meetingResults(services, meeting);
    for (const s of r.subjects) {
      rows.push({
        meetingId: meeting.id,
        meeting: meeting.title,
        subjectId: s.id,
        subject: s.name,
        organization: meeting.organization,
        closedAt: meeting.closedAt,
        eligible: r.eligible,
        cast: r.cast,
        valid: r.valid,
        satisfied: s.satisfied,
        satisfaction: s.satisfaction,
        satisfactionPercent: s.satisfactionPercent,
        meetsThreshold: s.meetsThreshold,
      });
    }
  }
  return rows;
}

export type SatisfactionRow = Awaited<ReturnType<typeof satisfactionRows>>[number];
