import { verifyChain } from '../domain/audit';
import { stateProblems } from '../domain/audit-state';
import { anchorProblems } from './anchor';
import type { Services } from './context';
import type { Meeting } from '../domain/meeting';

/** A meeting's trail, whether its chain holds, and whether it agrees with the stored meeting. */
export async function auditReport(services: Services, meeting: Meeting) {
  const events = await services.store.auditEvents(meeting.id);
  const chain = await verifyChain(events, services.sha256);
  let ballots;
  if (meeting.status === 'closed') {
    const stored = await services.store.ballots(meeting.id);
    const sum = (bs: typeof stored) => bs.reduce((n, b) => n + b.count, 0);
    ballots = { cast: sum(stored), paper: sum(stored.filter((b) => b.channel === 'paper')) };
  }
  const problems = [
    ...(chain.ok ? [] : [`第 ${chain.brokenAt} 条审计记录与哈希链不符：记录被修改、删除或插入过`]),
    ...stateProblems(events, { status: meeting.status, issued: meeting.issued, ballots }),
    ...(await anchorProblems(services, meeting, events)),
  ];
  return { verified: problems.length === 0, brokenAt: chain.brokenAt ?? null, problems, events };
}
