import type { AuditEvent } from '../domain/audit';
import { ballotBoxText, resultsText } from '../domain/anchor';
import type { Meeting } from '../domain/meeting';
import { computeResults, type Results } from '../domain/results';
import { hmacSha256Hex } from '../lib/hmac';
import { meetingFloor, type Services } from './context';
import type { SlipSummary } from '../domain/turnout';
import { meetingSlips } from './turnout';

/**
 * Results anchored outside the database: the close event carries digests of the ballot box and
 * of the published results, and the chain's head hash is printed on the notice and the minutes.
 * Whoever rewrites ballots must then rewrite the close event, which changes every hash after it,
 * and the printed head no longer matches.
 */

/**
 * The results exactly as GET /api/meetings/:id/results publishes them, with the slips summary
 * (final once closed: no slip is issued or voided after close), so the digest covers it too.
 */
export function publishedResults(meeting: Meeting, results: Results, slips: SlipSummary) {
  return { meetingId: meeting.id, title: meeting.title, organization: meeting.organization, rule: meeting.rule, ...results, slips };
}

export interface CloseAnchor {
  cast: number;
  /** The floor the results were published under: verification recomputes with this one. */
  minGroup: number;
  /** HMAC-SHA256 of the ballot box under the meeting's salt (absent when it has none). */
  ballotsDigest?: string;
  resultsDigest: string;
}

/** Reads the ballots only through the store's `ballots(meetingId)`, whatever its layout. */
async function anchorWith(services: Services, meeting: Meeting, minGroup: number): Promise<CloseAnchor> {
  const [ballots, salt, slips] = await Promise.all([services.store.ballots(meeting.id), services.store.ballotSalt(meeting.id), meetingSlips(services, meeting.id)]);
  const results = computeResults({ eligible: meeting.eligible, categories: meeting.categories, subjects: meeting.subjects, rule: meeting.rule, minGroup, ballots });
  return {
    cast: results.cast,
    minGroup,
    ...(salt && { ballotsDigest: await hmacSha256Hex(salt, ballotBoxText(ballots)) }),
    resultsDigest: await services.sha256(resultsText(publishedResults(meeting, results, slips))),
  };
}

/** What the close event records, computed from the closed meeting as stored now. */
export function closeAnchor(services: Services, meeting: Meeting): Promise<CloseAnchor> {
  return anchorWith(services, meeting, meetingFloor(services.config, meeting));
}

/** The hash of the meeting's last audit event: what the notice and the minutes print. */
export async function headOf(services: Services, meetingId: string): Promise<string | null> {
  return (await services.store.lastAuditEvent(meetingId))?.hash ?? null;
}

/**
 * The stored ballots and results against the digests in the close event, in words a supervisor
 * can act on. A meeting closed before results were anchored has nothing to compare.
 */
export async function anchorProblems(services: Services, meeting: Meeting, events: AuditEvent[]): Promise<string[]> {
  const close = events.find((e) => e.type === 'meeting_closed');
  if (meeting.status !== 'closed' || !close || typeof close.data.resultsDigest !== 'string') return [];
  const minGroup = typeof close.data.minGroup === 'number' ? close.data.minGroup : meetingFloor(services.config, meeting);
  const now = await anchorWith(services, meeting, minGroup);
  const problems: string[] = [];
  if (typeof close.data.ballotsDigest === 'string' && now.ballotsDigest !== close.data.ballotsDigest) {
    problems.push('库中的选票与“结束投票”事件记载的选票摘要不符：结束投票后有选票被改写、增加或删除');
  }
  if (now.resultsDigest !== close.data.resultsDigest) {
    problems.push('按库中数据重新计算的结果与结束投票时公布的结果摘要不符：选票或测评会信息在结束后被改动');
  }
  return problems;
}

/**
 * A head hash printed on paper against the chain: it must be one of its events, at the close or
 * later (events after it, e.g. a co-supervisor added, are listed). Returns a problem, or null.
 */
export function printedHeadProblem(events: AuditEvent[], printed: string): string | null {
  const hex = printed.trim().toLowerCase();
  const at = events.findIndex((e) => e.hash === hex);
  if (at < 0) return `打印的哈希 ${hex} 不在审计链中：打印之后审计记录（或选票）被改写过`;
  const close = events.findIndex((e) => e.type === 'meeting_closed');
  if (close >= 0 && at < close) return `打印的哈希是第 ${events[at].seq} 条记录，早于“结束投票”：它不能证明结果未被改动`;
  return null;
}
