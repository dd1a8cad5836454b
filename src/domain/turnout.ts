import type { MeetingStatus } from './meeting-state';
import type { CategoryQuorum, Fraction, Rule } from './rule';

/** Smallest cast count that meets the quorum: 85 eligible at 2/3 → 57. Integers only. */
export function requiredVotes(eligible: number, q: Fraction): number {
  // Integer ceiling division: exact for any roster a meeting can have (far below 2^53).
  return Math.floor((eligible * q.num + q.den - 1) / q.den);
}

export function meetsQuorum(cast: number, eligible: number, q: Fraction): boolean {
  return cast * q.den >= eligible * q.num;
}

export interface CategoryTally {
  key: string;
  label: string;
  eligible: number;
  cast: number;
}

export interface Turnout {
  eligible: number;
  cast: number;
  required: number;
  ratio: number;
  quorumMet: boolean;
  /** Every quorum of the rule holds: the overall one and each per-category minimum. */
  valid: boolean;
  categories: CategoryTally[];
}

/** Live turnout of a meeting as screens show it: counts only, never a grade. */
/** 发出 / 作废 / 收回 / 未用: every slip issued is void, used (a ballot) or still out. */
export interface SlipSummary {
  issued: number;
  voided: number;
  used: number;
  unused: number;
}

export type TurnoutView = Turnout & {
  meetingId: string;
  status: MeetingStatus;
  slips: SlipSummary;
  /**
   * Present only while the server's files still hold history that could pair this meeting's
   * slips with its ballots (a cleanup a reader or a full disk held up, retried every second).
   */
  historyPending?: { since: string; reason: string };
};

function categoryQuorumMet(key: string, q: CategoryQuorum, categories: CategoryTally[]): boolean {
  const own = categories.find((c) => c.key === key);
  const base = q.of ? categories.find((c) => c.key === q.of) : own;
  // A minimum on a category the meeting does not have cannot be met.
  if (!own || !base) return false;
  return meetsQuorum(own.cast, base.eligible, q);
}

export function turnout(eligible: number, categories: CategoryTally[], cast: number, rule: Rule): Turnout {
  const quorumMet = meetsQuorum(cast, eligible, rule.quorum);
  const perCategory = Object.entries(rule.categoryQuorum ?? {}).every(([key, q]) => categoryQuorumMet(key, q, categories));
  return {
    eligible,
    cast,
    required: requiredVotes(eligible, rule.quorum),
    ratio: eligible === 0 ? 0 : cast / eligible,
    quorumMet,
    valid: quorumMet && perCategory,
    categories,
  };
}
