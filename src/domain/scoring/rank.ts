import { compare, type Dec } from './decimal';

/**
 * Positions of `totals` from best to worst. Ties keep input order (Array.prototype.sort is
 * stable), so the same sheet always ranks the same way.
 */
export function rankOrder(totals: readonly Dec[]): number[] {
  return totals.map((_, i) => i).sort((a, b) => compare(totals[b], totals[a]));
}

/**
 * Competition ranking (1, 1, 3) by total descending. Callers pass the rounded totals:
 * two branches both published as 89.99 share a rank, whatever their third decimal.
 */
export function competitionRanks(totals: readonly Dec[]): number[] {
  const ranks = new Array<number>(totals.length);
  const order = rankOrder(totals);
  order.forEach((row, pos) => {
    const prev = order[pos - 1];
    ranks[row] = pos > 0 && compare(totals[prev], totals[row]) === 0 ? ranks[prev] : pos + 1;
  });
  return ranks;
}
