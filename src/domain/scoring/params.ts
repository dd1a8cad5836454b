import { DomainError } from '../errors';
import { add, compare, gt, parseDec, toNumber, ZERO, type Dec } from './decimal';

export const invalidParams = (message: string) => new DomainError('invalid_params', message);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The params object of a rule, with unknown keys refused: a misspelt `fiveStarShares`
 * silently ignored would publish grades under the wrong quota.
 */
export function paramObject(raw: unknown, allowed: readonly string[], rule: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw invalidParams(`${rule} 的 params 应为对象`);
  const unknown = Object.keys(raw).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw invalidParams(`${rule} 不认识参数 ${unknown.join('、')}；可用参数：${allowed.join('、')}`);
  }
  return raw;
}

export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function paramNumber(v: unknown, path: string, range: NumberRange = {}): Dec {
  const d = parseDec(v);
  if (!d) throw invalidParams(`参数 ${path} 应为数字，收到 ${JSON.stringify(v) ?? String(v)}`);
  if (range.integer && d.d !== 1n) throw invalidParams(`参数 ${path} 应为整数`);
  if (range.min !== undefined && compare(d, parseDec(range.min)!) < 0) {
    throw invalidParams(`参数 ${path} 不应小于 ${range.min}`);
  }
  if (range.max !== undefined && compare(d, parseDec(range.max)!) > 0) {
    throw invalidParams(`参数 ${path} 不应大于 ${range.max}`);
  }
  return d;
}

export function paramText(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 40) {
    throw invalidParams(`参数 ${path} 应为不超过40字的文字`);
  }
  return v.trim();
}

// Names the answer itself uses (and __proto__, which a plain object cannot hold as data).
const RESERVED = new Set(['id', 'total', 'grade', 'stars', 'rank', 'reasons', 'mass', 'items', 'sections', 'direct', 'satisfactionInvalid', 'sheet', '__proto__']);

export interface Weights {
  dec: Record<string, Dec>;
  /** Σ w: totals are divided by it, so 2:3:5 and 0.2:0.3:0.5 mean the same. */
  total: Dec;
  plain: Record<string, number>;
}

/**
 * Weights by field name. With `defaults` (a rule with fixed inputs) the keys are fixed and
 * omitted ones keep their default; without, the keys are whatever the scorer names.
 */
export function paramWeights(v: unknown, path: string, defaults: Record<string, number> | null): Weights {
  if (!isPlainObject(v)) throw invalidParams(`参数 ${path} 应为对象，如 {"self": 2, "mass": 3}`);
  const given = Object.keys(v);
  if (defaults) {
    const allowed = Object.keys(defaults);
    const unknown = given.filter((k) => !allowed.includes(k));
    if (unknown.length > 0) {
      throw invalidParams(`参数 ${path} 不认识 ${unknown.join('、')}；可用：${allowed.join('、')}`);
    }
  } else if (given.length === 0) {
    throw invalidParams(`参数 ${path} 至少需要一个字段，如 {"self": 3, "township": 7}`);
  }
  const source: Record<string, unknown> = { ...(defaults ?? {}), ...v };
  const dec: Record<string, Dec> = {};
  const plain: Record<string, number> = {};
  let total = ZERO;
  for (const [key, raw] of Object.entries(source)) {
    if (!defaults && (key.trim() === '' || RESERVED.has(key))) throw invalidParams(`参数 ${path} 的字段名不能是“${key}”`);
    const w = paramNumber(raw, `${path}.${key}`, { min: 0, max: 1_000_000 });
    dec[key] = w;
    plain[key] = toNumber(w);
    total = add(total, w);
  }
  if (!gt(total, ZERO)) throw invalidParams(`参数 ${path} 的权重之和应大于0`);
  return { dec, total, plain };
}
