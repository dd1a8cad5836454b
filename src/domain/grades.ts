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

/**
 * 弃权: a subject left blank on a paper slip (or on a phone ballot when the rule allows it). It
 * counts in that subject's 投票数 but is no grade. Stored as its own digit after the grades'.
 */
export const ABSTAIN = 'abstain';
export const ABSTAIN_DIGIT = '4';
export const ABSTAIN_LABEL = '弃权';

/**
 * 废票: a spoilt paper slip. It spends its token and counts in turnout, in no subject. Stored as
 * a grades string of this digit, one per subject (the same length as any ballot of the meeting).
 */
export const SPOILT_DIGIT = '9';
export const SPOILT_LABEL = '废票';

export const spoiltGrades = (subjects: number) => SPOILT_DIGIT.repeat(subjects);
export const isSpoilt = (grades: string) => grades.length > 0 && grades.charCodeAt(0) === 57; // '9'

/** Counts per subject: the four grades and the abstentions. */
export type SubjectCounts = GradeCounts & { abstain: number };
