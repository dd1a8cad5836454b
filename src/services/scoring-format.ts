import { HUNDRED, mul, parseRatio, toFixed } from '../domain/scoring/decimal';
import type { FieldSpec } from '../domain/scoring';
import type { Cell } from '../lib/workbook';

/**
 * Numbers as published: half-up at 2 decimals (DESIGN), so a sheet never shows
 * 0.9649122807017544. Exact inputs stay exact where they are inputs (a fraction cell is
 * written back as "55/57", so the file can be uploaded again without losing anything).
 */

/** A satisfaction as the percentage people read: "93.33" (for a % column), or '' when there is none. */
export function percentCell(v: unknown): Cell {
  const d = parseRatio(v);
  return d ? Number(toFixed(mul(d, HUNDRED), 2)) : null;
}

export function percentText(v: unknown): string {
  const d = parseRatio(v);
  return d ? `${toFixed(mul(d, HUNDRED), 2)}%` : String(v ?? '');
}

/** A computed number (mass score, item points) at 2 decimals. */
export function twoPlaces(v: unknown): Cell {
  const d = parseRatio(v);
  return d ? Number(toFixed(d, 2)) : null;
}

/** A satisfaction cell as the sheet carries it: decimals as given, fractions as "a/b" text. */
export function satisfactionCell(v: unknown): Cell {
  if (typeof v === 'object' && v !== null) {
    const d = parseRatio(v);
    const o = v as { num?: unknown; den?: unknown };
    return d ? `${String(o.num)}/${String(o.den)}` : null;
  }
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

/** A cell as the sheet shows it: flags as 是/否 (blank is 否), the rest as given. */
export function cellOf(v: unknown, kind?: FieldSpec['kind']): Cell {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v === undefined || v === null) return kind === 'flag' ? '否' : '';
  return typeof v === 'number' || typeof v === 'string' ? v : String(v);
}
