import { DomainError } from './errors';
import { GRADES, gradeDigit, isGrade } from './grades';

export interface BallotSubject {
  id: string;
  name: string;
}

/**
 * Checks that `choices` grades every subject exactly once with a known grade, and encodes it
 * as one digit per subject in ballot order. Problems name the subjects, so a page can mark them.
 */
export function encodeChoices(subjects: BallotSubject[], choices: unknown): string {
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
    throw new DomainError('invalid_choices', 'choices 必须是 {测评对象编号: 等次} 的对象');
  }
  const given = choices as Record<string, unknown>;
  return completeBallot(subjects, given) ?? refuseChoices(subjects, given);
}

/** The usual ballot, every subject graded and nothing else, encoded in one pass; else null. */
export function completeBallot(subjects: BallotSubject[], choices: unknown): string | null {
  if (typeof choices !== 'object' || choices === null) return null;
  const given = choices as Record<string, unknown>;
  let keys = 0;
  for (const _ in given) keys++;
  if (keys !== subjects.length) return null;
  let digits = '';
  for (const s of subjects) {
    const grade = given[s.id];
    if (!isGrade(grade)) return null;
    digits += gradeDigit(grade);
  }
  return digits;
}

/** Names what is wrong with choices that are not a complete ballot. */
function refuseChoices(subjects: BallotSubject[], given: Record<string, unknown>): never {
  const known = new Set(subjects.map((s) => s.id));
  const foreign = Object.keys(given).filter((id) => !known.has(id));
  if (foreign.length > 0) {
    throw new DomainError('invalid_choices', `选票含有不属于本次测评的对象：${foreign.slice(0, 5).join('、')}`, { foreign });
  }
  const missing = subjects.filter((s) => given[s.id] === undefined || given[s.id] === null || given[s.id] === '');
  if (missing.length > 0) {
    throw new DomainError('incomplete_ballot', `请为每个测评对象选择等次，尚未选择：${missing.map((s) => s.name).join('、')}`, {
      missing: missing.map((s) => s.id),
    });
  }
  const wrong = subjects.filter((s) => !isGrade(given[s.id]));
  if (wrong.length > 0) {
    throw new DomainError('invalid_grade', `等次只能是 ${GRADES.join('、')}（测评对象：${wrong.map((s) => s.name).join('、')}）`, {
      invalid: wrong.map((s) => s.id),
    });
  }
  throw new DomainError('invalid_choices');
}
