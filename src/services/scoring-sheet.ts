import * as XLSX from '@e965/xlsx';
import { checkZipInflation, XLSX_LIMITS, ZipRefused, zipEntries } from '../lib/zip-guard';
import { DomainError, type DomainErrorCode } from '../domain/errors';
import type { FieldSpec, InputRow } from '../domain/scoring/types';
import { columnForHeader, headerText } from './scoring-columns';

/** Rows read from an uploaded sheet, each with the line number Excel shows for it. */
export interface SheetRows {
  rows: InputRow[];
  lines: number[];
  /** Header cells that name no column of the rule (a typo shows up here, not as silence). */
  ignoredColumns: string[];
}

/** readSheet's shape, so a runtime can run it elsewhere (a worker thread) and hand back the same. */
export type SheetReader = (bytes: Uint8Array, columns: readonly FieldSpec[], optional: ReadonlySet<string>) => Promise<SheetRows>;

/** Ids starting with this mark the template's example row, which is never scored. */
export const EXAMPLE_MARK = '示例';
export const MAX_ROWS = 5000;

const invalid = (code: DomainErrorCode, message: string) => new DomainError(code, message);

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0; // old .xls

/**
 * CSV is read as UTF-8 text (a leading byte-order mark is dropped), every cell kept as the
 * text typed so 89.990 stays that decimal. GBK/ANSI files (Excel's plain "CSV") are refused
 * with the way out rather than read as mojibake.
 */
function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('csv_not_utf8', 'CSV 文件不是 UTF-8 编码（可能是 GBK）。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件');
  }
}

// Lines read at most (rows plus header and blank lines): bounds the work a huge sheet can cause.
const MAX_LINES = MAX_ROWS + 1000;
/** Cells in the first sheet: 5,000 rows of 40 columns, with room to spare. */
export const MAX_CELLS = 250_000;

/** A zip (.xlsx) is checked by its central directory, then by inflating with a count, before SheetJS reads it. */
async function boundZip(bytes: Uint8Array): Promise<void> {
  try {
    await checkZipInflation(bytes, zipEntries(bytes, XLSX_LIMITS), XLSX_LIMITS);
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    if (err.reason === 'too_large') throw new DomainError('sheet_too_large', undefined, { limit: 'inflated' });
    throw invalid('unreadable_sheet', '无法读取上传的文件：文件已损坏或不是 .xlsx。请在 Excel 或 WPS 中重新“另存为 .xlsx”后上传');
  }
}

function countCells(sheet: XLSX.WorkSheet): number {
  const data = (sheet as { '!data'?: unknown[][] })['!data'];
  if (!Array.isArray(data)) return Object.keys(sheet).length;
  let n = 0;
  for (const row of data) if (row) n += row.length;
  return n;
}

function firstSheet(bytes: Uint8Array): XLSX.WorkSheet {
  let wb: XLSX.WorkBook;
  try {
    wb = isZip(bytes) || isOle(bytes)
      ? XLSX.read(bytes, { type: 'array', sheetRows: MAX_LINES, dense: true })
      : XLSX.read(csvText(bytes), { type: 'string', raw: true, sheetRows: MAX_LINES, dense: true });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw invalid('unreadable_sheet', '无法读取上传的文件：请上传 .xlsx 或 UTF-8 编码的 .csv 文件（可先下载模板填写）');
  }
  const sheet = wb.Sheets[wb.SheetNames[0]];
  if (!sheet) throw invalid('unreadable_sheet', '上传的文件里没有工作表');
  if (countCells(sheet) > MAX_CELLS) throw new DomainError('sheet_too_large', undefined, { limit: 'cells' });
  return sheet;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Maps the header row to columns; refuses a column named twice or a required one missing. */
function mapHeader(header: unknown[], columns: readonly FieldSpec[], optional: ReadonlySet<string>) {
  const byIndex = new Map<number, FieldSpec>();
  const ignoredColumns: string[] = [];
  header.forEach((cell, i) => {
    if (blank(cell)) return;
    const col = columnForHeader(String(cell), columns);
    if (!col) return void ignoredColumns.push(String(cell).trim());
    if ([...byIndex.values()].includes(col)) throw invalid('duplicate_column', `表头中“${headerText(col)}”一列出现了两次，请删去一列`);
    byIndex.set(i, col);
  });
  const mapped = new Set(byIndex.values());
  const missing = columns.filter((f) => f.required && !optional.has(f.name) && !mapped.has(f));
  if (missing.length) {
    throw invalid('missing_columns', `表头缺少列：${missing.map(headerText).join('、')}。请使用本规则的模板，表头第一行不要改动`);
  }
  return { byIndex, ignoredColumns };
}

/**
 * The first sheet of an .xlsx (or .xls) or a CSV: the first non-empty line is the header,
 * blank lines and the template's example row are skipped. `optional` names required
 * columns that may be absent (satisfaction, when it is to be filled from meetings).
 */
export async function readSheet(bytes: Uint8Array, columns: readonly FieldSpec[], optional: ReadonlySet<string> = new Set()): Promise<SheetRows> {
  if (bytes.byteLength === 0) throw invalid('empty_file', '上传的文件是空的');
  if (isZip(bytes)) await boundZip(bytes);
  const sheet = firstSheet(bytes);
  const top = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']).s.r : 0;
  const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  // Reading stopped at the cap: refuse rather than silently score only the first lines.
  if (grid.length >= MAX_LINES || (sheet['!fullref'] && sheet['!fullref'] !== sheet['!ref'])) {
    throw invalid('too_many_rows', `表格超过 ${MAX_LINES} 行，一次最多计算 ${MAX_ROWS} 行；如有空白但带格式的行，请删除后再上传`);
  }
  const headerAt = grid.findIndex((r) => r.some((v) => !blank(v)));
  if (headerAt < 0) throw invalid('empty_sheet', '表格是空的：第一行应为表头，其下每个测评对象一行');
  const { byIndex, ignoredColumns } = mapHeader(grid[headerAt], columns, optional);

  const rows: InputRow[] = [];
  const lines: number[] = [];
  grid.slice(headerAt + 1).forEach((cells, k) => {
    const row: InputRow = {};
    for (const [i, col] of byIndex) {
      const v = cells[i];
      if (!blank(v)) row[col.name] = typeof v === 'string' ? v.trim() : v;
    }
    if (Object.keys(row).length === 0) return;
    if (typeof row.id === 'string' && row.id.startsWith(EXAMPLE_MARK)) return;
    rows.push(row);
    lines.push(top + headerAt + k + 2); // 1-based, and the header line came first
  });
  if (rows.length === 0) throw invalid('empty_sheet', '表格中没有数据行：请在表头下方每个测评对象填一行（编号以“示例”开头的行不计算）');
  if (rows.length > MAX_ROWS) throw invalid('too_many_rows', `表格有 ${rows.length} 行，一次最多计算 ${MAX_ROWS} 行`);
  return { rows, lines, ignoredColumns };
}
