import type { AuditEvent } from '../../src/domain/audit';
import type { Meeting } from '../../src/domain/meeting';
import { AUDIT_LABELS } from './format';

type Data = Record<string, unknown>;
const n = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

/**
 * One audit event said in a sentence a supervisor reads aloud, from what the event records
 * (never a token, never a choice). Fields this page does not know are left to the JSON API.
 */
export function auditSentence(e: AuditEvent, m: Pick<Meeting, 'categories'>): string {
  const d = e.data as Data;
  const label = (key: unknown) => (typeof key === 'string' && key ? (m.categories.find((c) => c.key === key)?.label ?? key) : '');
  const ofCategory = (key: unknown) => (label(key) ? `（${label(key)}）` : '');
  switch (e.type) {
    case 'meeting_created':
    case 'meeting_edited': {
      const cats = Array.isArray(d.categories) ? (d.categories as Data[]).map((c) => `${label(c.key)} ${n(c.eligible)} 人`).join('、') : '';
      const verb = e.type === 'meeting_created' ? '创建测评会' : '修改测评会';
      return `${verb}“${String(d.title ?? '')}”：应参加 ${n(d.eligible)} 人${cats ? `（${cats}）` : ''}，测评对象 ${n(d.subjects)} 个`;
    }
    case 'tokens_issued':
      return `发放测评码 ${n(d.count)} 张${ofCategory(d.category)}`;
    case 'token_voided':
      return d.unused ? `作废全部未用的测评码 ${n(d.count)} 张${ofCategory(d.category)}，名额空出` : `作废测评码 1 张${ofCategory(d.category)}，名额空出`;
    case 'meeting_opened':
      return '开始投票';
    case 'meeting_closed':
      return `结束投票，共收回选票 ${n(d.cast)} 张`;
    case 'paper_ballot_keyed':
      return '录入纸质票 1 张';
    case 'meeting_deleted':
      return `删除测评会草稿“${String(d.title ?? '')}”`;
    default:
      return AUDIT_LABELS[e.type] ?? e.type;
  }
}
