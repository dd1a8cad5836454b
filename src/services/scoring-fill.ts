import type { FillMode, InputRow } from '../domain/scoring/types';
import type { Services } from './context';
import { satisfactionRows, type SatisfactionRow } from './satisfaction';


/**
 * What to do with a meeting whose result does not count (turnout under its quorum, or
 * withheld under the publication floor): `flag` fills the fraction but marks the row, which
 * then cannot reach the top outcome; `refuse` leaves the row unfilled, listed as unmatched.
 */
export type InvalidPolicy = 'flag' | 'refuse';

export interface FilledRow {
  /** Line in the sheet (or 1-based position in the rows). */
  line: number;
  id: unknown;
  meetingId: string;
  meeting: string;
  subject: string;
  organization: string | null;
  /** The exact fraction from the ballot counts, as the sheet cell carries it: "28/30". */
  satisfaction: string;
  satisfied: number;
  cast: number;
  /** Whether that meeting's result counts (turnout reached its quorum, not withheld). */
  valid: boolean;
  /** Why it does not count, when it does not. */
  invalidReason?: string;
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
export function matchRow(row: InputRow, sources: readonly SatisfactionRow[]): (SatisfactionRow & { satisfied: number }) | string {
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
  // Withheld under the publication floor: there are no figures to fill, so the row is refused.
  if (latest.withheld) return `测评会“${latest.meeting}”只有 ${latest.cast} 张选票，少于公布下限，不公布满意度`;
  if (latest.satisfaction === null || latest.satisfied === null || !(latest.cast > 0)) return `测评会“${latest.meeting}”中“${latest.subject}”没有票，算不出满意度`;
  return latest as SatisfactionRow & { satisfied: number };
}

/** Why a meeting's figure does not count, or undefined when it does. */
export function notCounted(s: SatisfactionRow): string | undefined {
  if (!s.valid) return '参加投票人数未达应参加人数的2/3，结果无效';
  return undefined;
}

/** Fills each row's satisfaction from the closed meetings; what was filled and what was not is listed. */
export async function fillSatisfaction(
  services: Services,
  rows: InputRow[],
  lines: number[],
  mode: FillMode,
  onInvalid: InvalidPolicy = 'flag',
  /** False where the rule takes satisfaction as optional (评星定级's 满意率): an unmatched row is still scored. */
  required = true,
): Promise<Filling> {
  const own = rows.map((row) => text(row.satisfaction) !== undefined);
  if (mode === 'none' || (mode === 'blank' && own.every(Boolean))) return { rows, filled: [], unmatched: [] };
  const sources = await satisfactionRows(services);
  const filled: FilledRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  const out = rows.map((row, i) => {
    if (own[i] && mode === 'blank') return row;
    const match = matchRow(row, sources);
    if (typeof match === 'string') {
      unmatched.push({ line: lines[i], id: row.id, subject: text(row.subject), organization: text(row.organization), reason: match, scored: own[i] || !required });
      return row;
    }
    const invalidReason = notCounted(match);
    if (invalidReason && onInvalid === 'refuse') {
      const reason = `测评会“${match.meeting}”中“${match.subject}”的满意度不能采用：${invalidReason}`;
      unmatched.push({ line: lines[i], id: row.id, subject: text(row.subject), organization: text(row.organization), reason, scored: own[i] || !required });
      return row;
    }
    // The counts, not their float ratio: 28/30 stays 28/30 until the total is rounded.
    const fraction = `${match.satisfied}/${match.cast}`;
    filled.push({
      line: lines[i],
      id: row.id,
      meetingId: match.meetingId,
      meeting: match.meeting,
      subject: match.subject,
      organization: match.organization,
      satisfaction: fraction,
      satisfied: match.satisfied ?? 0, // never null here: matchRow refuses a subject without figures
      cast: match.cast,
      valid: !invalidReason,
      ...(invalidReason && { invalidReason }),
      ...(own[i] && { replaced: row.satisfaction }),
    });
    const { satisfactionInvalid: _drop, ...rest } = row;
    return { ...rest, satisfaction: fraction, ...(invalidReason && { satisfactionInvalid: true }) };
  });
  return { rows: out, filled, unmatched };
}
