import { safeCellText } from './cell-text';

/** RFC 4180 field quoting, and formula-like text neutralised (cell-text.ts) so Excel never evaluates a cell. */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : safeCellText(String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark and CRLF lines: what Excel opens as Chinese text without asking. */
export function toCsv(rows: unknown[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
