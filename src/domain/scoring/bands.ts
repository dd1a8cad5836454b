import { compare, toNumber, type Dec } from './decimal';
import { invalidParams, paramNumber, paramText } from './params';

/** A band: totals ≥ min (inclusive) earn `value`, unless a higher band already matched. */
export interface Band<V> {
  min: Dec;
  value: V;
}

export interface Bands<V> {
  /** Highest min first. */
  bands: Band<V>[];
  plain: Array<{ min: number } & Record<string, V | number>>;
}

type ValueReader<V> = (v: unknown, path: string) => V;

export const gradeValue: ValueReader<string> = paramText;

export const starsValue: ValueReader<number> = (v, path) => toNumber(paramNumber(v, path, { min: 1, max: 5, integer: true }));

/**
 * Reads `[{min, <key>}]`, e.g. `[{min: 90, grade: '好'}]` or `[{min: 90, stars: 5}]`.
 * Order in the input does not matter; equal mins are refused as ambiguous.
 */
export function paramBands<V>(v: unknown, path: string, key: 'grade' | 'stars', read: ValueReader<V>): Bands<V> {
  if (!Array.isArray(v) || v.length === 0 || v.length > 20) {
    throw invalidParams(`参数 ${path} 应为 1–20 个 {min, ${key}} 组成的数组`);
  }
  const bands = v.map((b: unknown, i): Band<V> => {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) {
      throw invalidParams(`参数 ${path}[${i}] 应为 {min, ${key}}`);
    }
    const o = b as Record<string, unknown>;
    return { min: paramNumber(o.min, `${path}[${i}].min`), value: read(o[key], `${path}[${i}].${key}`) };
  });
  bands.sort((a, b) => compare(b.min, a.min));
  for (let i = 1; i < bands.length; i++) {
    if (compare(bands[i].min, bands[i - 1].min) === 0) {
      throw invalidParams(`参数 ${path} 中有两个档次的 min 相同（${toNumber(bands[i].min)}）`);
    }
  }
  return { bands, plain: bands.map((b) => ({ min: toNumber(b.min), [key]: b.value })) };
}

export function pickBand<V>(total: Dec, bands: readonly Band<V>[], lowest: V): V {
  for (const b of bands) if (compare(total, b.min) >= 0) return b.value;
  return lowest;
}
