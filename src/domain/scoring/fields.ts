import { reason, type FieldSpec, type ParsedRow } from './types';

/** Scores may pass 100 where bonus items allow it (001 §16: 奖分 has no upper end); 1000 only stops typos. */
export const SCORE_MAX = 1000;

export function scoreField(name: string, label: string, note?: string): FieldSpec {
  return { name, label, kind: 'number', required: true, min: 0, max: SCORE_MAX, ...(note && { note }) };
}

export function satisfactionField(label: string, required = true): FieldSpec {
  return {
    name: 'satisfaction',
    label,
    kind: 'number',
    required,
    min: 0,
    max: 1,
    fraction: true,
    note: `满意度系数：填小数（如 0.9333）或票数之比（如 28/30）${required ? '' : '；可留空'}`,
  };
}

/**
 * Set by the fill path when the satisfaction comes from a meeting whose result does not
 * count (turnout under 2/3, or withheld): the row is still scored, but never reaches the
 * top outcome on a figure the regulation does not recognise.
 */
export const SATISFACTION_INVALID: FieldSpec = {
  name: 'satisfactionInvalid',
  label: '满意度来自无效测评会',
  kind: 'flag',
  required: false,
  hidden: true,
  note: '是/否：自动填入满意度时由系统标记',
};

export const satisfactionInvalidReason = (top: string) =>
  reason('satisfaction_invalid', `满意度来自结果无效的测评会（参加人数未达要求或结果不予公布），不得评为${top}`);

export const invalidSatisfaction = (r: ParsedRow) => r.flag.satisfactionInvalid === true;
