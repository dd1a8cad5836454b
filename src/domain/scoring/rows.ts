import { DomainError } from '../errors';
import { compare, parseDec, parseRatio, type Dec } from './decimal';
import type { FieldSpec, ParsedRow } from './types';

/** One bad cell: `row` is 1-based (the sheet layer rewrites it to the line Excel shows). */
export interface RowProblem {
  row: number;
  field: string | null;
  message: string;
}

// A sheet of 5000 rows with one wrong column would otherwise answer with 5000 lines.
const MAX_DETAILS = 200;

export function invalidRows(problems: RowProblem[]): DomainError {
  const [first] = problems;
  const message = problems.length === 1 ? first.message : `${first.message}（共${problems.length}处问题，逐条见 details）`;
  return new DomainError('invalid_rows', message, { details: problems.slice(0, MAX_DETAILS) });
}

const invalid = (message: string) => invalidRows([{ row: 0, field: null, message }]);

export const ID_FIELD: FieldSpec = { name: 'id', label: '编号', kind: 'id', required: true };

// Spreadsheets write yes/no in many ways; a blank cell means the flag is not set.
const TRUE_WORDS = new Set(['true', '1', '是', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', '否', 'no', 'n', '']);

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function show(v: unknown): string {
  const text = typeof v === 'string' ? `“${v}”` : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function where(index: number, id?: string | number): string {
  return id === undefined ? `第${index + 1}行` : `第${index + 1}行（编号 ${id}）`;
}

/** A cell's value or its problem; nothing is thrown per cell, so every cell of every row is checked. */
type Check<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(message: string): Check<T> => ({ ok: false, message });

function readId(v: unknown): Check<string | number> {
  if (typeof v === 'number' && Number.isFinite(v)) return ok(v);
  if (typeof v === 'string' && v.trim() !== '') return ok(v.trim());
  if (isBlank(v)) return bad('缺少 id（编号）');
  return bad(`id（编号）应为文字或数字，收到 ${show(v)}`);
}

export function readNumber(v: unknown, f: FieldSpec): Check<Dec> {
  const name = `${f.name}（${f.label}）`;
  if (isBlank(v)) return bad(`缺少 ${name}`);
  const d = f.fraction ? parseRatio(v) : parseDec(v);
  if (!d) {
    const hint = f.fraction ? '（可填小数、“28/30”或 {"num": 28, "den": 30}）' : '';
    return bad(`${name}不是数字：${show(v)}${hint}`);
  }
  if (f.integer && d.d !== 1n) return bad(`${name}应为整数：${show(v)}`);
  const below = f.min !== undefined && compare(d, parseDec(f.min)!) < 0;
  const above = f.max !== undefined && compare(d, parseDec(f.max)!) > 0;
  if ((below || above) && !(f.allowZero && d.n === 0n)) {
    const range = (f.max === undefined ? `不小于 ${f.min}` : `${f.min ?? '−∞'}–${f.max}`) + (f.allowZero ? '（不适用填0）' : '');
    const hint = f.note ? `（${f.note}）` : '';
    return bad(`${name}超出范围：${show(v)}，应为 ${range}${hint}`);
  }
  return ok(d);
}

function readFlag(v: unknown, f: FieldSpec): Check<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (isBlank(v)) return ok(false);
  const word = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad(`${f.name}（${f.label}）应为 是/否，收到 ${show(v)}`);
}

function readText(v: unknown, f: FieldSpec): Check<string> {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  const named = f.multiple ? text.split(/[、,，;；/\s]+/).filter(Boolean) : [text];
  if (text !== '' && f.options && named.some((x) => !f.options!.includes(x))) {
    return bad(`${f.name}（${f.label}）应为 ${f.options.join('/')} 之一，收到 ${show(v)}`);
  }
  if (text !== '') return ok(text);
  if (isBlank(v)) return bad(`缺少 ${f.name}（${f.label}）`);
  return bad(`${f.name}（${f.label}）应为文字，收到 ${show(v)}`);
}

/** A field that may be left blank: text and numbers that are optional stay absent. */
function optionalBlank(f: FieldSpec, v: unknown): boolean {
  return !f.required && isBlank(v) && f.kind !== 'flag';
}

/**
 * Checks every row against the rule's columns and converts the cells. Every bad cell of
 * every row is reported at once (`details`), each naming row, id and column, so the scorer
 * fixes the sheet in one pass instead of one upload per mistake.
 */
export function readRows(rows: unknown, fields: readonly FieldSpec[]): ParsedRow[] {
  if (!Array.isArray(rows)) throw invalid('rows 应为数组（每个测评对象一行）');
  if (rows.length === 0) throw invalid('rows 为空：至少需要一行');
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const parsed = rows.map((raw: unknown, index): ParsedRow => {
    const out: ParsedRow = { index, raw: {}, id: `#${index + 1}`, num: {}, flag: {}, text: {} };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ row: index + 1, field: null, message: `${where(index)}应为对象，如 {"id": "A01", …}` });
      return out;
    }
    const row = raw as Record<string, unknown>;
    out.raw = row;
    const id = readId(row.id);
    if (!id.ok) problems.push({ row: index + 1, field: 'id', message: `${where(index)}${id.message}` });
    else {
      out.id = id.value;
      // "7" in a sheet and 7 in JSON name the same line, so they collide.
      const earlier = seen.get(String(id.value));
      if (earlier !== undefined) {
        problems.push({ row: index + 1, field: 'id', message: `${where(index, id.value)}与第${earlier + 1}行编号重复` });
      } else seen.set(String(id.value), index);
    }
    const at = where(index, id.ok ? id.value : undefined);
    // A direct rating needs no scores: its blank score cells stay absent.
    const direct = fields.some((f) => f.name === 'direct') && !isBlank(row.direct);
    for (const f of fields) {
      if (f.kind === 'id') continue;
      // Field names may be the scorer's own (weighted): a row without `constructor` has none.
      const v = Object.hasOwn(row, f.name) ? row[f.name] : undefined;
      if (optionalBlank(f, v) || (direct && f.kind === 'number' && isBlank(v))) continue;
      const check = f.kind === 'number' ? readNumber(v, f) : f.kind === 'flag' ? readFlag(v, f) : readText(v, f);
      if (!check.ok) {
        problems.push({ row: index + 1, field: f.name, message: `${at}${check.message}` });
        continue;
      }
      if (f.kind === 'number') out.num[f.name] = check.value as Dec;
      else if (f.kind === 'flag') out.flag[f.name] = check.value as boolean;
      else out.text[f.name] = check.value as string;
    }
    return out;
  });
  if (problems.length > 0) throw invalidRows(problems);
  return parsed;
}
