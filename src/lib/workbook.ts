import * as XLSX from '@e965/xlsx';
import { safeCell } from './cell-text';

export type Cell = string | number | boolean | null;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

/** An .xlsx file in memory (`type: 'array'`, no file system), so it runs on Workers too. */
export function workbookBytes(sheets: SheetSpec[]): ArrayBuffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    // Every text cell through the one escaping rule, whoever built the rows.
    const sheet = XLSX.utils.aoa_to_sheet(s.rows.map((row) => row.map(safeCell)));
    if (s.widths) sheet['!cols'] = s.widths.map((wch) => ({ wch }));
    XLSX.utils.book_append_sheet(wb, sheet, s.name.slice(0, 31)); // Excel's limit on sheet names
  }
  return XLSX.write(wb, { type: 'array', bookType: 'xlsx' });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
