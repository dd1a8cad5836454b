import { DomainError } from '../../src/domain/errors';
import { runScoring, type ScoredRow } from '../../src/domain/scoring';

/** The DomainError a call throws (fails loudly when it throws something else, or nothing). */
export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, got none');
}

export function score(rule: string, rows: unknown[], params?: unknown): ScoredRow[] {
  return runScoring({ rule, params, rows }).rows;
}

/** Outcome of the row with this id. */
export function byId(rows: ScoredRow[], id: unknown): ScoredRow {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${String(id)}`);
  return row;
}

/** Reason codes of a row, in order. */
export function codes(row: ScoredRow): string[] {
  return row.reasons.map((r) => r.split(':')[0]);
}
