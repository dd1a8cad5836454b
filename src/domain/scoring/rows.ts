import { DomainError } from '../errors';
import { compare, parseDec, type Dec } from './decimal';
import type { FieldSpec, ParsedRow } from './types';

const invalid = (message: string) => new DomainError('invalid_rows', message);

export const ID_FIELD: FieldSpec = { name: 'id', label: '编号', kind: 'id', required: true };

// Spreadsheets write yes/no in many ways; a blank cell means the flag is not set.
const TRUE_WORDS = new Set(['true', '1', '是', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', '否', 'no', 'n', '']);

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function show(v: unknown): string {
  const text = typeof v === 'string' ? `“${v}”` : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function where(index: number, id?: string | number): string {
  return id === undefined ? `第${index + 1}行` : `第${index + 1}行（编号 ${id}）`;
}

function readId(v: unknown, index: number): string | number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (isBlank(v)) throw invalid(`${where(index)}缺少 id（编号）`);
  throw invalid(`${where(index)}id（编号）应为文字或数字，收到 ${show(v)}`);
}

function readNumber(v: unknown, f: FieldSpec, at: string): Dec {
  const name = `${f.name}（${f.label}）`;
  if (isBlank(v)) throw invalid(`${at}缺少 ${name}`);
  const d = parseDec(v);
  if (!d) throw invalid(`${at}${name}不是数字：${show(v)}`);
  const below = f.min !== undefined && compare(d, parseDec(f.min)!) < 0;
  const above = f.max !== undefined && compare(d, parseDec(f.max)!) > 0;
  if (below || above) {
    const range = f.max === undefined ? `不小于 ${f.min}` : `${f.min ?? '−∞'}–${f.max}`;
    const hint = f.note ? `（${f.note}）` : '';
    throw invalid(`${at}${name}超出范围：${show(v)}，应为 ${range}${hint}`);
  }
  return d;
}

function readFlag(v: unknown, f: FieldSpec, at: string): boolean {
  if (typeof v === 'boolean') return v;
  if (isBlank(v)) return false;
  const word = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw invalid(`${at}${f.name}（${f.label}）应为 是/否，收到 ${show(v)}`);
}

function readText(v: unknown, f: FieldSpec, at: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (isBlank(v)) throw invalid(`${at}缺少 ${f.name}（${f.label}）`);
  throw invalid(`${at}${f.name}（${f.label}）应为文字，收到 ${show(v)}`);
}

/**
 * Checks every row against the rule's columns and converts the cells. Throws on the first
 * bad cell, naming row, id and column, so the scorer can fix the sheet and upload again.
 */
export function readRows(rows: unknown, fields: readonly FieldSpec[]): ParsedRow[] {
  if (!Array.isArray(rows)) throw invalid('rows 应为数组（每个测评对象一行）');
  if (rows.length === 0) throw invalid('rows 为空：至少需要一行');
  const seen = new Map<string, number>();
  return rows.map((raw: unknown, index): ParsedRow => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalid(`${where(index)}应为对象，如 {"id": "A01", …}`);
    }
    const row = raw as Record<string, unknown>;
    const id = readId(row.id, index);
    // "7" in a sheet and 7 in JSON name the same line, so they collide.
    const earlier = seen.get(String(id));
    if (earlier !== undefined) {
      throw invalid(`${where(index, id)}与第${earlier + 1}行编号重复`);
    }
    seen.set(String(id), index);
    const at = where(index, id);
    const parsed: ParsedRow = { index, raw: row, id, num: {}, flag: {}, text: {} };
    for (const f of fields) {
      // Field names may be the scorer's own (weighted): a row without `constructor` has none.
      const v = Object.hasOwn(row, f.name) ? row[f.name] : undefined;
      if (f.kind === 'number') {
        if (!f.required && isBlank(v)) continue;
        parsed.num[f.name] = readNumber(v, f, at);
      }
      else if (f.kind === 'flag') parsed.flag[f.name] = readFlag(v, f, at);
      else if (f.kind === 'text') parsed.text[f.name] = readText(v, f, at);
    }
    return parsed;
  });
}
