import { GRADES, type GradeCounts, type SubjectCounts } from './grades';
import type { Rule } from './rule';

export interface SubjectScore {
  counts: SubjectCounts;
  /** Ballots that reached the subject: every grade and the abstentions (投票数). */
  cast: number;
  satisfied: number;
  /** satisfied ÷ cast as the nearest JSON number; null when nobody graded the subject. */
  satisfaction: number | null;
  meetsThreshold: boolean;
}

/** Threshold check in integers: satisfied/cast ≥ percent/100, with percent scaled to hundredths. */
export function meetsThreshold(satisfied: number, cast: number, threshold: Rule['threshold']): boolean {
  if (cast === 0) return false;
  const left = satisfied * 10_000;
  const right = Math.round(threshold.percent * 100) * cast;
  return threshold.strict ? left > right : left >= right;
}

/** Satisfaction = satisfied ÷ 投票数, abstentions included in the divisor as the regulation writes it. */
export function scoreSubject(graded: GradeCounts & { abstain?: number }, rule: Rule): SubjectScore {
  const counts: SubjectCounts = { ...graded, abstain: graded.abstain ?? 0 };
  const cast = GRADES.reduce((sum, g) => sum + counts[g], 0) + counts.abstain;
  const satisfied = rule.satisfiedGrades.reduce((sum, g) => sum + counts[g], 0);
  return {
    counts,
    cast,
    satisfied,
    satisfaction: cast === 0 ? null : satisfied / cast,
    meetsThreshold: meetsThreshold(satisfied, cast, rule.threshold),
  };
}

/** Half-up (away from zero) to 2 decimals of the percentage satisfied/cast, computed in integers. */
export function percentText(satisfied: number, cast: number): string {
  if (cast === 0) return '—';
  // percent × 100 = satisfied × 10000 / cast, rounded half up.
  const hundredths = Math.floor((satisfied * 20_000 + cast) / (2 * cast));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}
