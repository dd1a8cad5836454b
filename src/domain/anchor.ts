import { canonicalJson } from './audit';
import type { StoredBallot } from './results';

/**
 * What the close event anchors: the ballot box and the published results, each as one canonical
 * text whose digest goes into the hash chain. Pure: the hashing is the caller's.
 */

/**
 * The ballot box as one text: every ballot's category, channel and grade vector, sorted, with how
 * many ballots are exactly that. However a store groups or orders its rows, the same ballots give
 * the same text; any rewritten, added or removed ballot changes it.
 */
export function ballotBoxText(ballots: readonly StoredBallot[]): string {
  const counts = new Map<string, number>();
  for (const b of ballots) {
    const key = canonicalJson([b.category, b.channel, b.grades]);
    counts.set(key, (counts.get(key) ?? 0) + b.count);
  }
  const lines = [...counts].filter(([, n]) => n > 0).map(([key, n]) => `${key}×${n}`);
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.join('\n');
}

/** The results as published, as one text: keys sorted at every level. */
export const resultsText = (published: unknown) => canonicalJson(published);
