import { DomainError } from './errors';

export type MeetingStatus = 'draft' | 'open' | 'closed';
export type MeetingAction = 'open' | 'close';

const TRANSITIONS: Record<MeetingAction, { from: MeetingStatus; to: MeetingStatus; refusal: string }> = {
  open: { from: 'draft', to: 'open', refusal: '只有草稿状态的测评会可以开始投票' },
  close: { from: 'open', to: 'closed', refusal: '只有正在投票的测评会可以结束投票' },
};

/** draft → open → closed, nothing else; a closed meeting's ballots never change. */
export function transition(status: MeetingStatus, action: MeetingAction): MeetingStatus {
  const t = TRANSITIONS[action];
  if (status !== t.from) throw new DomainError('invalid_state', `${t.refusal}（当前状态：${STATUS_LABELS[status]}）`);
  return t.to;
}

export const STATUS_LABELS: Record<MeetingStatus, string> = { draft: '草稿', open: '投票中', closed: '已结束' };
