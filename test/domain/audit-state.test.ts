import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditType } from '../../src/domain/audit';
import { stateProblems } from '../../src/domain/audit-state';

const ev = (type: AuditType, data: Record<string, unknown> = {}): AuditEvent => ({ meetingId: 'm', seq: 0, type, actor: 'a', at: '', data, prevHash: '', hash: '' });
const closedTrail = [ev('meeting_created'), ev('tokens_issued', { count: 3 }), ev('meeting_opened'), ev('paper_ballot_keyed'), ev('meeting_closed', { cast: 2 })];
const closed = { status: 'closed' as const, issued: 3, ballots: { cast: 2, paper: 1 } };

describe('an audit trail agrees with its meeting', () => {
  it('a complete trail has no problems, in every state', () => {
    expect(stateProblems(closedTrail, closed)).toEqual([]);
    expect(stateProblems(closedTrail.slice(0, 2), { status: 'draft', issued: 3 })).toEqual([]);
    expect(stateProblems(closedTrail.slice(0, 4), { status: 'open', issued: 3 })).toEqual([]);
  });

  it('a trail cut off after any event no longer agrees with a closed meeting', () => {
    for (let n = 0; n < closedTrail.length; n++) expect(stateProblems(closedTrail.slice(0, n), closed).length, `first ${n}`).toBeGreaterThan(0);
  });

  it('names each disagreement: a missing close, unrecorded slips, a missing paper ballot, a wrong count', () => {
    expect(stateProblems(closedTrail.slice(0, 3), closed)).toEqual([
      '审计记录中有 0 条“结束投票”事件，按测评会状态应为 1 条',
      '审计记录中有 0 条“录入纸质票”事件，按测评会状态应为 1 条',
    ]);
    expect(stateProblems(closedTrail, { ...closed, issued: 5 })).toEqual(['审计记录中发放且未作废的测评码共 3 张，测评会记载 5 张']);
    expect(stateProblems(closedTrail, { ...closed, ballots: { cast: 3, paper: 1 } })).toEqual(['“结束投票”事件记载 2 张选票，库中实有 3 张']);
    expect(stateProblems(closedTrail.slice(1), closed)).toContain('审计记录缺少第一条“创建测评会”事件');
  });
});
