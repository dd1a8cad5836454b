import type { Dec } from './decimal';

export type RuleName = 'upgrade-composite' | 'first-secretary' | 'star-rating' | 'weighted';

/** A row as the scorer sent it (JSON or a spreadsheet line): keys are field names. */
export type InputRow = Record<string, unknown>;

/**
 * A row of the answer: every input field unchanged, plus the outcome. Rows come back in
 * input order (a scorer matches them to the sheet line by line); `rank` gives the order.
 */
export type ScoredRow = InputRow & {
  /** Rounded half-up to 2 decimals; this published number is the one bands and ranks use. Null for a direct rating without scores. */
  total: number | null;
  grade?: string;
  stars?: number;
  /** 1-based, by total descending; ties share a rank (1, 1, 3). */
  rank: number;
  /** `"<code>: <中文说明>"` for every cap, veto, block or quota applied, decisive or not. */
  reasons: string[];
};

export interface ScoringRequest {
  rule: unknown;
  params?: unknown;
  rows: unknown;
}

export interface ScoringResult {
  rule: RuleName;
  /** The params actually used: defaults filled in, numbers normalised. */
  params: Record<string, unknown>;
  rows: ScoredRow[];
  /** Accepted but outside what a regulation says "in principle" (评议项 over 30%, 一次不少于20分). */
  warnings: string[];
}

/**
 * One column of a rule's upload template. `number` cells accept JS numbers or numeric
 * strings; `flag` cells accept 是/否, true/false, 1/0 and blank (= 否).
 */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'id' | 'text' | 'number' | 'flag';
  required: boolean;
  /** Inclusive range for numbers. */
  min?: number;
  max?: number;
  /** Hint shown in templates and in error messages. */
  note?: string;
  /** A ratio cell: also `"28/30"` or `{num, den}`, kept exact (satisfaction). */
  fraction?: boolean;
  /** Text cells: the only values accepted (e.g. a grade name); numbers are compared as text. */
  options?: string[];
  /** Text cells with options: several may be named (市级、省级), separated by 、 or commas. */
  multiple?: boolean;
  /** Numbers: whole numbers only (counts). */
  integer?: boolean;
  /** Numbers: 0 is accepted besides [min, max] (视情扣1–5分: 0 when it does not apply). */
  allowZero?: boolean;
  /** Not a template column: set by the system (e.g. the fill path), still validated. */
  hidden?: boolean;
  /** Section label, for sheets whose columns are grouped (itemized 考核细则). */
  group?: string;
}

/** A validated row: numbers as exact decimals, flags as booleans. */
export interface ParsedRow {
  /** Position in the input, 0-based. */
  index: number;
  raw: InputRow;
  id: string | number;
  num: Record<string, Dec>;
  flag: Record<string, boolean>;
  text: Record<string, string>;
}

export interface RuleMeta {
  name: RuleName;
  label: string;
  /** What the rule outputs besides total and rank. */
  output: 'grade' | 'stars';
  /** Row columns; for `weighted` only `id` — its columns are the keys of `params.weights`. */
  fields: FieldSpec[];
  /** Null when the rule has no usable defaults (`weighted` needs weights and bands). */
  defaultParams: Record<string, unknown> | null;
}

/** A preset: how to read its params and rows, and how to score them. */
export interface RuleDef<P> {
  meta: RuleMeta;
  /** Validates params (null/undefined → defaults); `effective` is echoed in the answer. */
  params(raw: unknown): { effective: Record<string, unknown>; compiled: P };
  /** Row columns under these params (fixed, except for `weighted`). */
  fields(params: P): FieldSpec[];
  /** `warn` collects lines for `warnings` found while scoring (direct ratings past a quota). */
  score(rows: ParsedRow[], params: P, warn?: (line: string) => void): ScoredRow[];
  /** Lines for `warnings`: params or rows the rule accepts but a regulation advises against. */
  warnings?(rows: ParsedRow[], params: P): string[];
}

/** A reason line: stable machine code first, then Chinese for the scorer. */
export function reason(code: string, text: string): string {
  return `${code}: ${text}`;
}

/** A reason without its machine code: the Chinese is what a published table shows. */
export const reasonText = (r: string) => r.replace(/^[a-z0-9_]+:\s*/, '');

/** How a sheet's satisfaction cells are filled from closed meetings: `blank` fills only empty cells; `force` every row a meeting matches; `none` none. */
export type FillMode = 'none' | 'blank' | 'force';
