import { isSpoilt, type SubjectCounts } from './grades';
import { mergeSmallGroups, type MergedGroup } from './groups';
import type { Rule } from './rule';
import { percentText, scoreSubject } from './satisfaction';
import { turnout, type CategoryTally } from './turnout';

export type Channel = 'phone' | 'paper';

/**
 * What a ballot row holds (no token, no time, no order), with how many stored ballots are
 * exactly this: a meeting's ballots come counted together, so 100,000 of them on 3 subjects
 * are at most a few hundred of these.
 */
export interface StoredBallot {
  category: string;
  channel: Channel;
  grades: string;
  count: number;
}

export interface ResultsInput {
  eligible: number;
  categories: { key: string; label: string; eligible: number }[];
  subjects: { id: string; name: string; kind?: string | null }[];
  rule: Rule;
  /** The publication floor in effect (the deployment's, or the rule's when higher). */
  minGroup: number;
  ballots: StoredBallot[];
}

type Tally = number[]; // [subject × (four grades, abstain)] flattened

/** Cells per subject: the four grades' digits 0–3 and abstain's 4. */
const CELLS = 5;

function tally(ballots: StoredBallot[], subjectCount: number): { all: Tally; byCategory: Map<string, Tally> } {
  const all: Tally = new Array(subjectCount * CELLS).fill(0);
  const byCategory = new Map<string, Tally>();
  for (const b of ballots) {
    let cat = byCategory.get(b.category);
    if (!cat) byCategory.set(b.category, (cat = new Array(subjectCount * CELLS).fill(0)));
    if (isSpoilt(b.grades)) continue; // a 废票 counts in turnout, in no subject
    for (let i = 0; i < subjectCount; i++) {
      const digit = b.grades.charCodeAt(i) - 48;
      // A ballot that reached no subject (a placeholder, e.g. a sealed ballot a crash left
      // unopenable) counts in cast only.
      if (!(digit >= 0 && digit < CELLS)) continue;
      const cell = i * CELLS + digit;
      all[cell] += b.count;
      cat[cell] += b.count;
    }
  }
  return { all, byCategory };
}

function countsOf(t: Tally, subject: number): SubjectCounts {
  const at = subject * CELLS;
  return { very_satisfied: t[at], satisfied: t[at + 1], basically_satisfied: t[at + 2], dissatisfied: t[at + 3], abstain: t[at + 4] };
}

function sumTallies(tallies: (Tally | undefined)[], size: number): Tally {
  const sum: Tally = new Array(size).fill(0);
  for (const t of tallies) if (t) for (let i = 0; i < size; i++) sum[i] += t[i];
  return sum;
}

/**
 * Below the floor nothing countable leaves the server: turnout and validity only. With one
 * ballot, its counts would be that voter's choices, next to the receipts on the notice.
 */
/** What every result shows, withheld or not: the floor, turnout, channels and 废票 (in `cast`, in no subject). */
function turnoutPart(minGroup: number, t: ReturnType<typeof turnout>, channels: Record<Channel, number>, spoilt: number) {
  return {
    minGroup,
    eligible: t.eligible,
    cast: t.cast,
    required: t.required,
    ratio: t.ratio,
    quorumMet: t.quorumMet,
    valid: t.valid,
    channels,
    spoilt,
    categories: t.categories,
  };
}

function withheldResults(input: ResultsInput, t: ReturnType<typeof turnout>, channels: Record<Channel, number>, spoilt: number) {
  return {
    withheld: true as const,
    ...turnoutPart(input.minGroup, t, channels, spoilt),
    subjects: input.subjects.map((s) => ({ id: s.id, name: s.name, kind: s.kind ?? null, satisfaction: null })),
  };
}

export type WithheldResults = ReturnType<typeof withheldResults>;

/** Why a table has no counts, in the words the notice, the pages and the downloads all use. */
export const withheldText = (cast: number, k: number) =>
  `本次共 ${cast} 张选票，少于公布下限 ${k} 张：为保护投票人，不公布各等次票数和满意度。`;

export function computeResults(input: ResultsInput) {
  const { subjects, rule, ballots, minGroup } = input;
  const { all, byCategory } = tally(ballots, subjects.length);
  const castBy = new Map<string, number>();
  let cast = 0;
  for (const b of ballots) {
    castBy.set(b.category, (castBy.get(b.category) ?? 0) + b.count);
    cast += b.count;
  }
  const categories: CategoryTally[] = input.categories.map((c) => ({ ...c, cast: castBy.get(c.key) ?? 0 }));
  const t = turnout(input.eligible, categories, cast, rule);
  const channels = { phone: 0, paper: 0 };
  let spoilt = 0;
  for (const b of ballots) {
    channels[b.channel] += b.count;
    if (isSpoilt(b.grades)) spoilt += b.count;
  }
  if (cast < minGroup) return withheldResults(input, t, channels, spoilt);
  const groups: MergedGroup[] | null = categories.length > 1 ? mergeSmallGroups(categories, minGroup) : null;
  const groupTallies = groups?.map((g) => ({ g, t: sumTallies(g.members.map((k) => byCategory.get(k)), subjects.length * CELLS) }));

  return {
    withheld: false as const,
    ...turnoutPart(minGroup, t, channels, spoilt),
    subjects: subjects.map((s, i) => {
      const score = scoreSubject(countsOf(all, i), rule);
      return {
        id: s.id,
        name: s.name,
        kind: s.kind ?? null,
        counts: score.counts,
        cast: score.cast,
        satisfied: score.satisfied,
        satisfaction: score.satisfaction,
        satisfactionPercent: percentText(score.satisfied, score.cast),
        meetsThreshold: score.meetsThreshold,
        ...(groupTallies && {
          byCategory: groupTallies.map(({ g, t: gt }) => {
            const gs = scoreSubject(countsOf(gt, i), rule);
            return { key: g.key, label: g.label, cast: gs.cast, counts: gs.counts, satisfaction: gs.satisfaction };
          }),
        }),
      };
    }),
  };
}

export type Results = ReturnType<typeof computeResults>;
export type PublishedResults = Exclude<Results, WithheldResults>;
