import { DomainError } from './errors';
import { GRADES, isGrade, type Grade } from './grades';

export interface Fraction {
  num: number;
  den: number;
}

/** A per-category minimum; `of` measures it against another category's roster (e.g. ≥ 50% of 党员). */
export interface CategoryQuorum extends Fraction {
  of?: string;
}

export interface Rule {
  preset: string | null;
  satisfiedGrades: Grade[];
  quorum: Fraction;
  /** percent may carry up to 2 decimals; strict means "above", not "at least". */
  threshold: { percent: number; strict: boolean };
  minGroup: number;
  categoryQuorum?: Record<string, CategoryQuorum>;
}

export type RuleInput =
  | string
  | (Partial<Omit<Rule, 'preset' | 'threshold'>> & { threshold?: { percent: number; strict?: boolean } })
  | undefined;

const STANDARD: Rule = {
  preset: 'standard',
  satisfiedGrades: ['very_satisfied', 'satisfied'],
  quorum: { num: 2, den: 3 },
  threshold: { percent: 90, strict: false },
  minGroup: 5,
};

export const PRESETS: Record<string, Rule> = {
  standard: STANDARD,
  'strict-90': { ...STANDARD, preset: 'strict-90', threshold: { percent: 90, strict: true } },
  'household-80': { ...STANDARD, preset: 'household-80', threshold: { percent: 80, strict: false } },
};

function badRule(message: string): never {
  throw new DomainError('invalid_rule', message);
}

function checkFraction(f: Fraction, what: string): Fraction {
  if (!Number.isInteger(f.num) || !Number.isInteger(f.den) || f.den < 1 || f.num < 0 || f.num > f.den) {
    badRule(`${what}必须是 0 到 1 之间的整数分数（如 2/3）`);
  }
  return { num: f.num, den: f.den };
}

/** The publication floor when a deployment sets none (MINPING_MIN_GROUP), and the lowest it may set. */
export const DEFAULT_MIN_GROUP = 5;
export const LOWEST_MIN_GROUP = 3;

/** The floor a meeting's results obey: the deployment's, or the rule's when it asks for more. */
export function effectiveMinGroup(rule: Rule, floor: number): number {
  return Math.max(rule.minGroup, floor);
}

/**
 * A preset name or a partial rule object → a complete rule; omitted fields come from `standard`.
 * `floor` is the deployment's publication floor: a rule may raise it, never lower it.
 */
export function resolveRule(input: RuleInput, floor: number = DEFAULT_MIN_GROUP): Rule {
  if (input === undefined) return STANDARD;
  if (typeof input === 'string') {
    // hasOwn: a name from the request must never find Object.prototype's members.
    const preset = Object.hasOwn(PRESETS, input) ? PRESETS[input] : undefined;
    if (!preset) badRule(`未知的测评规则“${input}”，可选：${Object.keys(PRESETS).join('、')}`);
    return preset;
  }
  const satisfiedGrades = input.satisfiedGrades ?? STANDARD.satisfiedGrades;
  if (satisfiedGrades.length === 0 || !satisfiedGrades.every(isGrade)) {
    badRule(`satisfiedGrades 只能包含 ${GRADES.join('、')}`);
  }
  const threshold = { ...STANDARD.threshold, ...input.threshold };
  if (!(threshold.percent >= 0 && threshold.percent <= 100) || Math.round(threshold.percent * 100) !== threshold.percent * 100) {
    badRule('满意度门槛必须是 0–100 之间、最多两位小数的百分数');
  }
  const minGroup = input.minGroup ?? STANDARD.minGroup;
  if (!Number.isInteger(minGroup) || minGroup < 1) badRule('minGroup（分组最少票数）必须是正整数');
  if (input.minGroup !== undefined && minGroup < floor) {
    badRule(`minGroup（公布结果的最少票数）不能低于本系统的下限 ${floor}：少于 ${floor} 票时公布结果可能暴露个人投票`);
  }
  const rule: Rule = {
    preset: null,
    satisfiedGrades: GRADES.filter((g) => satisfiedGrades.includes(g)),
    quorum: checkFraction(input.quorum ?? STANDARD.quorum, '参会比例'),
    threshold: { percent: threshold.percent, strict: Boolean(threshold.strict) },
    minGroup,
  };
  if (input.categoryQuorum) {
    rule.categoryQuorum = Object.create(null) as Record<string, CategoryQuorum>;
    for (const [key, q] of Object.entries(input.categoryQuorum)) {
      rule.categoryQuorum[key] = { ...checkFraction(q, `类别“${key}”的参会比例`), ...(q.of ? { of: q.of } : {}) };
    }
  }
  return rule;
}
