import { DomainError } from '../domain/errors';
import { runScoring, type ScoringResult } from '../domain/scoring';
import type { FillMode, InputRow } from '../domain/scoring/types';
import type { Services } from './context';
import { sheetColumns, takesSatisfaction } from './scoring-columns';
import { fillSatisfaction, type FilledRow, type InvalidPolicy, type UnmatchedRow } from './scoring-fill';
import { readSheet, type SheetRows } from './scoring-sheet';

export interface SheetScoringInput {
  rule: unknown;
  params?: unknown;
  rows: InputRow[];
  /** Sheet line of each row; 1, 2, … when the rows came as JSON. */
  lines?: number[];
  fill: FillMode;
  /** Satisfaction from a meeting that does not count: flag the row (default) or refuse to fill it. */
  onInvalid?: InvalidPolicy;
}

export interface SheetScoring extends ScoringResult {
  /** Sheet line of each scored row, parallel to `rows`. */
  lines: number[];
  filled: FilledRow[];
  unmatched: UnmatchedRow[];
  /** Rows left out for want of a satisfaction, as read, with why: the export still lists them. */
  leftOut: Array<{ line: number; row: InputRow; reason: string }>;
  /** False when rows without any satisfaction were left out: quotas then count fewer rows. */
  complete: boolean;
  ignoredColumns: string[];
}

/**
 * The domain numbers rows 第N行 by position; a scorer looks at the sheet's line numbers, so
 * the message is rewritten to point at the line they can see.
 */
function withSheetLines(err: unknown, lines: number[]): unknown {
  if (!(err instanceof DomainError)) return err;
  const relabel = (message: string) =>
    message.replace(/^第(\d+)行/, (whole, n) => (lines[Number(n) - 1] === undefined ? whole : `表格第${lines[Number(n) - 1]}行`));
  const details = (err.details as { details?: Array<{ row: number; field: string | null; message: string }> } | undefined)?.details;
  const mapped = details?.map((d) => ({ ...d, row: lines[d.row - 1] ?? d.row, message: relabel(d.message) }));
  return new DomainError(err.code, relabel(err.message), mapped ? { ...(err.details as object), details: mapped } : err.details);
}

/** Fills satisfaction if asked, leaves out rows that still have none, and scores the rest. */
export async function scoreSheetRows(services: Services, input: SheetScoringInput): Promise<SheetScoring> {
  const lines = input.lines ?? input.rows.map((_, i) => i + 1);
  const fields = sheetColumns(input.rule, input.params); // unknown rule or bad params: 400 before any look-up
  const fill = takesSatisfaction(fields) ? input.fill : 'none';
  const required = fields.find((f) => f.name === 'satisfaction')?.required ?? true;
  const { rows, filled, unmatched } = await fillSatisfaction(services, input.rows, lines, fill, input.onInvalid, required);
  const left = new Set(unmatched.filter((u) => !u.scored).map((u) => u.line));
  const keep = rows.map((_, i) => !left.has(lines[i]));
  const scoredRows = rows.filter((_, i) => keep[i]);
  const scoredLines = lines.filter((_, i) => keep[i]);
  if (scoredRows.length === 0) {
    throw new DomainError('nothing_to_score', '没有可以计算的行：所有行都没有满意度，也没有匹配到已结束的测评会。请检查测评对象名称和单位，或直接填写满意度', { unmatched });
  }
  let result: ScoringResult;
  try {
    result = runScoring({ rule: input.rule, params: input.params, rows: scoredRows });
  } catch (err) {
    throw withSheetLines(err, scoredLines);
  }
  const leftOut = unmatched.filter((u) => !u.scored).map((u) => ({ line: u.line, row: rows[lines.indexOf(u.line)], reason: u.reason }));
  return { ...result, lines: scoredLines, filled, unmatched, leftOut, complete: left.size === 0, ignoredColumns: [] };
}

export interface UploadInput {
  bytes: Uint8Array;
  rule: unknown;
  params?: unknown;
  fill: FillMode;
  onInvalid?: InvalidPolicy;
}

/** POST /api/scoring/upload and the scorer page: an .xlsx or .csv sheet in, the ranked result out. */
export async function scoreUpload(services: Services, input: UploadInput): Promise<{ result: SheetScoring; sheet: SheetRows }> {
  const columns = sheetColumns(input.rule, input.params);
  // With filling on, the satisfaction column may be left out of the sheet altogether.
  const optional = new Set(input.fill === 'none' ? [] : ['satisfaction']);
  const sheet = await (services.sheets ?? readSheet)(input.bytes, columns, optional);
  const result = await scoreSheetRows(services, { rule: input.rule, params: input.params, rows: sheet.rows, lines: sheet.lines, fill: input.fill, onInvalid: input.onInvalid });
  return { result: { ...result, ignoredColumns: sheet.ignoredColumns }, sheet };
}
