import type { Bands } from './bands';
import { type Dec } from './decimal';
import { applyQuotas, outcomeRanks, paramQuotas, plainQuotas, type QuotaSpec, type Standing } from './outcomes';
import { paramRounding, type QuotaRounding } from './quota';
import { reason, type ParsedRow } from './types';

/** Grades best first: the bands' grades from the highest min down, then `lowest`. */
export function gradeScale(bands: Bands<string>, lowest: string): string[] {
  return [...new Set([...bands.bands.map((b) => b.value), lowest])];
}

export interface GradeQuotas {
  quotas: Map<number, QuotaSpec>;
  rounding: QuotaRounding;
  plain: Record<string, unknown>;
}

/** `quotas` by grade name (`{"好": {max: 0.3}, "较差": {min: 0.05}}`), none by default. */
export function paramGradeQuotas(raw: unknown, rounding: unknown, scale: string[]): GradeQuotas {
  const quotas = paramQuotas(raw, scale, (g) => g, scale.length - 1);
  const r = paramRounding(rounding ?? 'floor', 'quotaRounding');
  return { quotas, rounding: r, plain: { quotas: plainQuotas(quotas, scale, (g) => g), quotaRounding: r } };
}

export interface Graded {
  total: Dec | null;
  /** The grade the total earned, after caps; ignored when `forced`. */
  grade: string;
  reasons: string[];
  /** A veto: the grade is `lowest`, whatever else. */
  forced?: string;
}

/**
 * Direct ratings, quotas and DESIGN's ranks for a graded rule, given each row's banded grade.
 * Order of precedence: a veto, then a direct rating, then the score.
 */
export function settleGrades(rows: ParsedRow[], graded: Graded[], scale: string[], q: GradeQuotas) {
  const standings: Standing[] = graded.map((g, i) => {
    let grade = g.grade;
    let fixed = false;
    const direct = rows[i].text.direct;
    if (direct !== undefined && !g.forced) {
      grade = direct;
      fixed = true;
      g.reasons.push(reason('direct', `直接定级为“${direct}”`));
    }
    if (g.forced) {
      grade = g.forced;
      fixed = true;
    }
    return { total: g.total, at: scale.indexOf(grade), fixed, reasons: g.reasons };
  });
  const warnings = applyQuotas(standings, scale, q.quotas, q.rounding, (g) => `“${g}”`);
  const ranks = outcomeRanks(standings);
  return { grades: standings.map((s) => scale[s.at]), ranks, warnings };
}
