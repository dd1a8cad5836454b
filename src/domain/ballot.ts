import { DomainError } from './errors';
import { ABSTAIN, ABSTAIN_DIGIT, GRADES, gradeDigit, isGrade } from './grades';

export interface BallotSubject {
  id: string;
  name: string;
}

/**
 * Checks that `choices` grades every subject exactly once with a known grade, and encodes it
 * as one digit per subject in ballot order. Problems name the subjects, so a page can mark them.
 */
export function encodeChoices(subjects: BallotSubject[], choices: unknown, options: { allowAbstain?: boolean } = {}): string {
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
    throw new DomainError('invalid_choices', 'choices 必须是 {测评对象编号: 等次} 的对象');
  }
  const given = choices as Record<string, unknown>;
  return completeBallot(subjects, given) ?? (options.allowAbstain ? withAbstentions(subjects, given) : null) ?? refuseChoices(subjects, given, options);
}

/** Every subject graded or marked "abstain" (弃权), nothing else; else null. */
function withAbstentions(subjects: BallotSubject[], given: Record<string, unknown>): string | null {
  if (Object.keys(given).length !== subjects.length) return null;
  let digits = '';
  for (const s of subjects) {
    const grade = given[s.id];
    if (grade === ABSTAIN) digits += ABSTAIN_DIGIT;
    else if (isGrade(grade)) digits += gradeDigit(grade);
    else return null;
  }
  return digits;
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
function refuseChoices(subjects: BallotSubject[], given: Record<string, unknown>, options: { allowAbstain?: boolean }): never {
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
  const wrong = subjects.filter((s) => !isGrade(given[s.id]) && !(options.allowAbstain && given[s.id] === ABSTAIN));
  if (wrong.length > 0) {
    const allowed = options.allowAbstain ? [...GRADES, ABSTAIN] : GRADES;
    const abstainNote = !options.allowAbstain && wrong.some((s) => given[s.id] === ABSTAIN) ? '；本次测评的手机投票须为每个测评对象选择等次，不能弃权' : '';
    throw new DomainError('invalid_grade', `等次只能是 ${allowed.join('、')}（测评对象：${wrong.map((s) => s.name).join('、')}）${abstainNote}`, {
      invalid: wrong.map((s) => s.id),
    });
  }
  throw new DomainError('invalid_choices');
}
