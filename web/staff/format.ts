import type { AuditType } from '../../src/domain/audit';
import type { Rule } from '../../src/domain/rule';
import type { Role } from '../../src/domain/people';

/** Words the staff pages show for the system's codes. */
export { STATUS_LABELS } from '../../src/domain/meeting-state';

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', supervisor: '监督员', scorer: '考评人员' };

export const AUDIT_LABELS: Record<AuditType, string> = {
  meeting_created: '创建测评会',
  tokens_issued: '发放测评码',
  meeting_opened: '开始投票',
  meeting_closed: '结束投票',
  token_voided: '作废测评码',
  paper_ballot_keyed: '录入纸质票',
  supervisor_added: '添加协同监督员',
  supervisor_removed: '移除协同监督员',
};

export const PRESET_LABELS: Record<string, string> = {
  standard: '标准：满意率达到 90% 以上（含 90%）',
  'strict-90': '严格：满意率高于 90%（不含 90%）',
  'household-80': '入户：满意率达到 80% 以上（含 80%）',
};

export const quorumText = (rule: Rule) => `${rule.quorum.num}/${rule.quorum.den}`;

/** "≥ 90%" or "> 90%": inclusive or strict is part of the rule. */
export const thresholdText = (rule: Rule) => `${rule.threshold.strict ? '>' : '≥'} ${rule.threshold.percent}%`;

/** A stored ISO time as Beijing time, the way a meeting record writes it. */
export function timeText(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Whole seconds between two ISO times (open → now): the dashboard's clock. */
export function secondsSince(iso: string | null, now = Date.now()): number {
  return iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 1000)) : 0;
}

export function clockText(seconds: number): string {
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `${Math.floor(seconds / 3600)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
