/**
 * The one rule for every cell that leaves the server in a spreadsheet (CSV and XLSX alike):
 * text that a spreadsheet could read as a formula or a DDE command — starting with = + - @,
 * a tab or a carriage return — gets a leading ', so Excel, WPS and LibreOffice show it as text.
 * `-2+3+cmd|' /C calc'!A0` starts with a minus and a digit and is still a formula: only a
 * whole decimal number ("-5", "-0.25") passes unchanged, and real numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function safeCellText(text: string): string {
  return FORMULA_START.test(text) && !DECIMAL.test(text) ? `'${text}` : text;
}

/** A cell value with its text neutralised; numbers, booleans and blanks are left as they are. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? safeCellText(value) : value;
}
