/** The four grades of 民主测评, in the order a ballot shows them. */
export const GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  very_satisfied: '很满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/** Ballots store one digit per subject (the grade's index): compact, and cheap to tally. */
export function gradeDigit(grade: Grade): string {
  return String(GRADES.indexOf(grade));
}

export type GradeCounts = Record<Grade, number>;
