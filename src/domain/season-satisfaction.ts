import { add, div, fromInt, make, ZERO, type Dec } from './scoring/decimal';
import type { Rounds } from './season';

/** Why a linked meeting does not feed its entry. */
export type RoundReason = 'meeting_not_closed' | 'meeting_invalid' | 'withheld';

/** One linked ballot subject, as the meeting's results give it. */
export interface LinkedRound {
  meetingId: string;
  subjectId: string;
  meetingTitle: string;
  status: 'draft' | 'open' | 'closed';
  /** The meeting's publication floor k (the deployment's, raised by the meeting's rule). */
  floor: number;
  /** Only for a closed meeting. */
  valid?: boolean;
  /** Ballots in the meeting (closed meetings only). */
  meetingCast?: number;
  /** The subject's satisfied and cast (closed meetings only). */
  satisfied?: number;
  cast?: number;
}

export interface RoundView {
  meetingId: string;
  subjectId: string;
  meeting: string;
  counted: boolean;
  reason?: RoundReason;
  /** Shown only where the meeting's own results show them: never under the floor, never before close. */
  satisfied: number | null;
  cast: number | null;
}

/** Exact satisfaction: a fraction; `text` is how a person would write it ("28/30"). */
export interface Fraction {
  num: bigint;
  den: bigint;
  text: string;
}

export interface EntrySatisfaction {
  satisfied: number | null;
  cast: number | null;
  fraction: Fraction | null;
  rounds: RoundView[];
}

/**
 * Whether a linked meeting counts: closed, valid (turnout held) and at or over the
 * publication floor k. The reasons are checked in that order.
 */
export function roundReason(r: LinkedRound): RoundReason | null {
  if (r.status !== 'closed') return 'meeting_not_closed';
  if (!r.valid) return 'meeting_invalid';
  if ((r.meetingCast ?? 0) < r.floor) return 'withheld';
  return null;
}

function view(r: LinkedRound, reason: RoundReason | null): RoundView {
  // A withheld or unclosed meeting shows no counts here either, or this would be the way round the floor.
  const shown = reason === null || reason === 'meeting_invalid';
  return {
    meetingId: r.meetingId,
    subjectId: r.subjectId,
    meeting: r.meetingTitle,
    counted: reason === null,
    ...(reason && { reason }),
    satisfied: shown ? (r.satisfied ?? 0) : null,
    cast: shown ? (r.cast ?? 0) : null,
  };
}

const fractionOf = (d: Dec, text?: string): Fraction => ({ num: d.n, den: d.d, text: text ?? `${d.n}/${d.d}` });

/**
 * An entry's satisfaction over its counted rounds. `pool`: Σ satisfied ÷ Σ cast, kept as
 * written (28/30, not 14/15, so a reader sees the ballots). `mean`: the exact mean of each
 * round's fraction, reduced. Rounds where nobody graded the subject add nothing to a mean.
 */
export function entrySatisfaction(links: LinkedRound[], rounds: Rounds): EntrySatisfaction {
  const views = links.map((r) => view(r, roundReason(r)));
  const counted = views.filter((v) => v.counted);
  if (counted.length === 0) return { satisfied: null, cast: null, fraction: null, rounds: views };
  const satisfied = counted.reduce((s, v) => s + v.satisfied!, 0);
  const cast = counted.reduce((s, v) => s + v.cast!, 0);
  if (cast === 0) return { satisfied, cast, fraction: null, rounds: views };
  if (rounds === 'pool') return { satisfied, cast, fraction: fractionOf(make(BigInt(satisfied), BigInt(cast)), `${satisfied}/${cast}`), rounds: views };
  const graded = counted.filter((v) => v.cast! > 0);
  const total = graded.reduce((s: Dec, v) => add(s, make(BigInt(v.satisfied!), BigInt(v.cast!))), ZERO);
  return { satisfied, cast, fraction: fractionOf(div(total, fromInt(graded.length))), rounds: views };
}

/** The nearest JSON number, for display; the fraction is what the rule computes with. */
export const fractionNumber = (f: Fraction): number => Number(f.num) / Number(f.den);

/** Half-up percentage with 2 decimals, e.g. 28/30 → "93.33". */
export function fractionPercent(f: Fraction): string {
  const scaled = f.num * 20000n + f.den;
  const hundredths = scaled / (2n * f.den);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** What the season's pages and API show of satisfaction: per entry, its rounds and why each counts or not. */
export interface SatisfactionView {
  entries: {
    id: string;
    key: string;
    name: string;
    satisfied: number | null;
    cast: number | null;
    satisfaction: number | null;
    satisfactionPercent: string | null;
    fraction: string | null;
    meetings: RoundView[];
  }[];
}

