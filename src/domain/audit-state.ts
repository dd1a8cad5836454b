import type { AuditEvent, AuditType } from './audit';
import type { MeetingStatus } from './meeting-state';

/** What the stored meeting says happened; the trail must tell the same story. */
export interface AuditedState {
  status: MeetingStatus;
  issued: number;
  /** Only for a closed meeting, whose ballots no longer change. */
  ballots?: { cast: number; paper: number };
}

/**
 * The hash chain only links each event to the one before, so cutting events off its end
 * leaves a chain that verifies. Checking the trail against the meeting's own state catches
 * that: every open, close, issued slip and keyed-in paper ballot must have its event.
 * Returns the disagreements, in words a supervisor can act on.
 */
export function stateProblems(events: AuditEvent[], state: AuditedState): string[] {
  const problems: string[] = [];
  const count = (type: AuditType) => events.filter((e) => e.type === type).length;
  const expect = (type: AuditType, want: number, label: string) => {
    const got = count(type);
    if (got !== want) problems.push(`审计记录中有 ${got} 条“${label}”事件，按测评会状态应为 ${want} 条`);
  };
  if (events[0]?.type !== 'meeting_created') problems.push('审计记录缺少第一条“创建测评会”事件');
  expect('meeting_opened', state.status === 'draft' ? 0 : 1, '开始投票');
  expect('meeting_closed', state.status === 'closed' ? 1 : 0, '结束投票');
  // A voided slip frees its place: the meeting counts slips issued and not voided.
  const sum = (type: AuditType, each: number) => events.filter((e) => e.type === type).reduce((n, e) => n + Number(e.data.count ?? each), 0);
  const issued = sum('tokens_issued', 0) - sum('token_voided', 1);
  if (issued !== state.issued) problems.push(`审计记录中发放且未作废的测评码共 ${issued} 张，测评会记载 ${state.issued} 张`);
  if (state.ballots) {
    expect('paper_ballot_keyed', state.ballots.paper, '录入纸质票');
    const closed = events.find((e) => e.type === 'meeting_closed');
    if (closed && closed.data.cast !== state.ballots.cast) {
      problems.push(`“结束投票”事件记载 ${String(closed.data.cast)} 张选票，库中实有 ${state.ballots.cast} 张`);
    }
  }
  return problems;
}
