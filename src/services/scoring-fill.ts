import type { FillMode, InputRow } from '../domain/scoring/types';
import type { Services } from './context';
import { satisfactionRows, type SatisfactionRow } from './satisfaction';


export interface FilledRow {
  /** Line in the sheet (or 1-based position in the rows). */
  line: number;
  id: unknown;
  meetingId: string;
  meeting: string;
  subject: string;
  organization: string | null;
  satisfaction: number;
  /** Whether that meeting's result is valid (turnout reached its quorum). */
  valid: boolean;
  /** The value the sheet had, when `force` replaced it. */
  replaced?: unknown;
}

export interface UnmatchedRow {
  line: number;
  id: unknown;
  subject?: string;
  organization?: string;
  reason: string;
  /** False when the row had no satisfaction of its own and so was left out of the computation. */
  scored: boolean;
}

export interface Filling {
  rows: InputRow[];
  filled: FilledRow[];
  unmatched: UnmatchedRow[];
}

const same = (a: unknown, b: unknown) =>
  typeof b === 'string' && String(a ?? '').normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');
const text = (v: unknown) => (v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim());

/**
 * The closed meeting's subject a row names: by subject name (the id when no name is given)
 * and/or organization, narrowed by meeting id. Several meetings → the latest closed; several
 * subjects in that meeting → ambiguous, since guessing would publish someone else's figure.
 */
export function matchRow(row: InputRow, sources: readonly SatisfactionRow[]): (SatisfactionRow & { satisfaction: number }) | string {
  const organization = text(row.organization);
  const meetingId = text(row.meetingId);
  const subject = text(row.subject) ?? (organization || meetingId ? undefined : text(row.id));
  const found = sources.filter(
    (s) => (!subject || same(subject, s.subject)) && (!organization || same(organization, s.organization)) && (!meetingId || s.meetingId === meetingId),
  );
  const who = [subject && `测评对象“${subject}”`, organization && `单位“${organization}”`, meetingId && `测评会 ${meetingId}`].filter(Boolean).join('、');
  if (found.length === 0) return `没有找到${who}的已结束测评会`;
  const latest = found.reduce((a, b) => ((b.closedAt ?? '') > (a.closedAt ?? '') ? b : a));
  const inLatest = found.filter((s) => s.meetingId === latest.meetingId);
  if (inLatest.length > 1) return `${who}在测评会“${latest.meeting}”中对应 ${inLatest.length} 个测评对象，请填写测评对象名称`;
  if (latest.satisfaction === null) return `测评会“${latest.meeting}”中“${latest.subject}”没有票，算不出满意度`;
  return latest as SatisfactionRow & { satisfaction: number };
}

/** Fills each row's satisfaction from the closed meetings; what was filled and what was not is listed. */
export async function fillSatisfaction(services: Services, rows: InputRow[], lines: number[], mode: FillMode): Promise<Filling> {
  const own = rows.map((row) => text(row.satisfaction) !== undefined);
  if (mode === 'none' || (mode === 'blank' && own.every(Boolean))) return { rows, filled: [], unmatched: [] };
  const sources = await satisfactionRows(services);
  const filled: FilledRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  const out = rows.map((row, i) => {
    if (own[i] && mode === 'blank') return row;
    const match = matchRow(row, sources);
    if (typeof match === 'string') {
      unmatched.push({ line: lines[i], id: row.id, subject: text(row.subject), organization: text(row.organization), reason: match, scored: own[i] });
      return row;
    }
    filled.push({
      line: lines[i],
      id: row.id,
      meetingId: match.meetingId,
      meeting: match.meeting,
      subject: match.subject,
      organization: match.organization,
      satisfaction: match.satisfaction,
      valid: match.valid,
      ...(own[i] && { replaced: row.satisfaction }),
    });
    return { ...row, satisfaction: match.satisfaction };
  });
  return { rows: out, filled, unmatched };
}
